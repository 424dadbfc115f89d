import { describe, expect, it } from 'vitest';
import { expectDomainError, rules } from './test-support.ts';

describe('vocational rulebook', () => {
  it('plans follow-ups 3, 6 and 12 months after the job starts (Decision 1393/QĐ-LĐTBXH, unconfirmed)', () => {
    const plan = rules.followUpPlan('2026-01-31');
    expect(plan.map(({ months, dueOn }) => ({ months, dueOn }))).toEqual([
      { months: 3, dueOn: '2026-04-30' },
      { months: 6, dueOn: '2026-07-31' },
      { months: 12, dueOn: '2027-01-31' },
    ]);
    expect(plan.every((step) => step.confirmed === false && step.legalRef.includes('1393'))).toBe(
      true,
    );
  });

  it('caps an individual loan at 200 million VND for 120 months from 2026-05-01 (Decision 08/2026/QĐ-TTg)', () => {
    const loan = rules.individualLoan('2026-05-01');
    expect(loan.maxAmountVnd.amount).toBe(200_000_000);
    expect(loan.maxTermMonths.amount).toBe(120);
    expect(loan.minimumAge.amount).toBe(12);
    expect(loan.requestWindow.duration).toEqual({ unit: 'years', amount: 10 });
    expect(loan.maxAmountVnd.regime).toBe('LOANS-08-2026');
    expect(loan.maxAmountVnd.legalRef).toContain('08/2026/QĐ-TTg');
    expect(loan.maxAmountVnd.confirmed).toBe(false);
  });

  it('sets a business loan at up to 2 billion VND with at least 10% post-rehab workers (Decision 08/2026/QĐ-TTg)', () => {
    const loan = rules.employerLoan('2026-12-01');
    expect(loan.maxAmountVnd.amount).toBe(2_000_000_000);
    expect(loan.minPostRehabSharePercent.amount).toBe(10);
  });

  it('has no loan scheme before Decision 08/2026/QĐ-TTg comes into force on 2026-05-01', () => {
    const error = expectDomainError(
      () => rules.individualLoan('2026-04-30'),
      'no-loan-scheme-in-force',
    );
    expect(error.kind).toBe('rule-violated');
    expect(error.options.params).toEqual({ date: '2026-04-30', from: '2026-05-01' });
    expectDomainError(() => rules.employerLoan('2026-04-30'), 'no-loan-scheme-in-force');
  });

  it('ends the request window on the tenth anniversary of the post-rehab decision (Civil Code 2015 Art. 148)', () => {
    const { requestWindow } = rules.individualLoan('2026-06-01');
    expect(rules.requestWindowEnd('2026-02-28', requestWindow.duration)).toBe('2036-02-28');
    expect(rules.requestWindowEnd('2028-02-29', requestWindow.duration)).toBe('2038-02-28');
  });
});
