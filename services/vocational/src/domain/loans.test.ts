import { describe, expect, it } from 'vitest';
import {
  postRehabSharePercent,
  requireEmployerLoanConditions,
  requireIndividualLoanWithinCaps,
} from './loans.ts';
import { expectDomainError, rules } from './test-support.ts';

describe('individual loan caps (Decision 08/2026/QĐ-TTg)', () => {
  const loan = { amountVnd: 200_000_000, termMonths: 120, disbursedOn: '2026-06-01' };

  it('accepts a loan of exactly 200 million VND for exactly 120 months', () => {
    expect(requireIndividualLoanWithinCaps(loan, rules).legalRef).toContain('08/2026');
  });

  it('refuses 1 VND over the amount cap, naming amountVnd', () => {
    const error = expectDomainError(
      () => requireIndividualLoanWithinCaps({ ...loan, amountVnd: 200_000_001 }, rules),
      'loan-amount-over-cap',
    );
    expect(error.options.field).toBe('amountVnd');
  });

  it('refuses a term of 121 months, naming termMonths', () => {
    const error = expectDomainError(
      () => requireIndividualLoanWithinCaps({ ...loan, termMonths: 121 }, rules),
      'loan-term-over-cap',
    );
    expect(error.options.field).toBe('termMonths');
  });

  it('refuses a loan disbursed before the decision came into force', () => {
    expectDomainError(
      () => requireIndividualLoanWithinCaps({ ...loan, disbursedOn: '2026-04-30' }, rules),
      'no-loan-scheme-in-force',
    );
  });
});

describe('business loan conditions (Decision 08/2026/QĐ-TTg)', () => {
  const loan = { amountVnd: 2_000_000_000, workers: 50, postRehabWorkers: 5, on: '2026-06-01' };

  it('accepts exactly 10% post-rehab workers and exactly 2 billion VND', () => {
    expect(requireEmployerLoanConditions(loan, rules).sharePercent).toBe(10);
  });

  it('refuses a share under 10%, naming postRehabWorkers', () => {
    const error = expectDomainError(
      () => requireEmployerLoanConditions({ ...loan, postRehabWorkers: 4 }, rules),
      'post-rehab-share-too-low',
    );
    expect(error.options.field).toBe('postRehabWorkers');
    expect(error.options.params).toMatchObject({ share: 8, minimum: 10 });
  });

  it('refuses more post-rehab workers than workers', () => {
    expectDomainError(
      () => requireEmployerLoanConditions({ ...loan, postRehabWorkers: 51 }, rules),
      'post-rehab-workers-over-workers',
    );
  });

  it('refuses an amount over the 2 billion VND cap, naming amountVnd', () => {
    const error = expectDomainError(
      () => requireEmployerLoanConditions({ ...loan, amountVnd: 2_000_000_001 }, rules),
      'loan-amount-over-cap',
    );
    expect(error.options.field).toBe('amountVnd');
  });

  it('computes the share rounded down to a hundredth', () => {
    expect(postRehabSharePercent(3, 1)).toBe(33.33);
  });
});
