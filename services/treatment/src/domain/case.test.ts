import { describe, expect, it } from 'vitest';
import {
  dueItems,
  openRegistrationCase,
  registerVoluntary,
  sweepRegistrationDeadline,
  type AddictedResult,
} from './case.ts';
import { expectDomainError, rules } from './test-support.ts';

const result = (overrides: Partial<AddictedResult> = {}): AddictedResult => ({
  caseId: 'case-1',
  personId: 'person-1',
  unitCode: 'XA-001',
  determinationId: 'det-1',
  result: 'addicted',
  notifiedOn: '2026-02-12',
  dateOfBirth: '1990-05-01',
  ...overrides,
});

describe('registration-deadline case (Decree 116/2021/ND-CP Art. 3, 28)', () => {
  it('opens awaiting registration with a deadline 5 working days after notification, skipping Tết 2026', () => {
    const kase = openRegistrationCase(result(), rules);
    expect(kase).toMatchObject({
      kind: 'awaiting-registration',
      state: 'awaiting-registration',
      registrationDeadline: '2026-02-26',
      registrant: 'person',
      regime: { regime: 'TWO-TIER-2025', regimeDate: '2026-02-12' },
    });
  });

  it('makes the guardian of a 12-17 year old the registrant (Law 73/2021/QH14 Art. 28, 34)', () => {
    expect(openRegistrationCase(result({ dateOfBirth: '2010-01-01' }), rules).registrant).toBe(
      'guardian',
    );
  });

  it('takes the deadline the assessment event carries, when present', () => {
    const kase = openRegistrationCase(
      result({ registrationDeadline: '2026-03-02', dateOfBirth: undefined }),
      rules,
    );
    expect(kase.registrationDeadline).toBe('2026-03-02');
    expect(kase.registrant).toBe('unknown');
  });

  it('refuses a non-addicted result, a missing deadline and date of birth, and a child under 12', () => {
    expectDomainError(
      () => openRegistrationCase(result({ result: 'not-addicted' }), rules),
      'not-addicted-result',
      'invalid-input',
    );
    expectDomainError(
      () => openRegistrationCase(result({ dateOfBirth: undefined }), rules),
      'registration-deadline-unknown',
      'invalid-input',
    );
    expectDomainError(
      () => openRegistrationCase(result({ dateOfBirth: '2016-01-01' }), rules),
      'under-minimum-age',
    );
  });

  it('records the regime in force on the notification date, which the case keeps (LAW-2021 before 2026-07-01)', () => {
    expect(openRegistrationCase(result({ notifiedOn: '2024-03-04' }), rules).regime).toEqual({
      regimeDate: '2024-03-04',
      regime: 'LAW-2021',
      regimeIds: ['LAW-2021'],
    });
    expect(openRegistrationCase(result({ notifiedOn: '2026-07-01' }), rules).regime.regime).toBe(
      'LAW-2025',
    );
  });

  it('closes the case on a registration made on the deadline day', () => {
    const kase = registerVoluntary(openRegistrationCase(result(), rules), {
      on: '2026-02-26',
      modality: 'voluntary-home',
    });
    expect(kase.state).toBe('registered');
    expect(dueItems(kase, '2026-03-10')).toEqual([]);
  });

  it('refuses a registration after the deadline or before the notification', () => {
    const kase = openRegistrationCase(result(), rules);
    expectDomainError(
      () => registerVoluntary(kase, { on: '2026-02-27', modality: 'methadone' }),
      'registration-after-deadline',
    );
    expectDomainError(
      () => registerVoluntary(kase, { on: '2026-02-11', modality: 'methadone' }),
      'date-out-of-order',
    );
  });

  it('turns an unregistered case overdue after the deadline with a not-registered violation, the basis for compulsory placement (Law 73/2021/QH14 Art. 32)', () => {
    const kase = openRegistrationCase(result(), rules);
    expect(sweepRegistrationDeadline(kase, '2026-02-26')).toBe(kase);
    const overdue = sweepRegistrationDeadline(kase, '2026-02-27');
    expect(overdue.state).toBe('overdue');
    expect(overdue.violation).toEqual({
      kind: 'not-registered',
      on: '2026-02-27',
      legalRef: 'Law 73/2021/QH14 Art. 32; Decree 116/2021/ND-CP Art. 3, 28',
    });
    expect(sweepRegistrationDeadline(overdue, '2026-03-05')).toBe(overdue);
    expectDomainError(
      () => registerVoluntary(overdue, { on: '2026-02-20', modality: 'methadone' }),
      'invalid-transition',
    );
  });

  it('lists the registration as due by the deadline for the registrant, overdue the day after', () => {
    const kase = openRegistrationCase(result({ dateOfBirth: '2010-01-01' }), rules);
    expect(dueItems(kase, '2026-02-26')).toMatchObject([
      {
        what: 'register-voluntary-rehab-or-methadone',
        dueBy: '2026-02-26',
        actor: 'guardian',
        overdue: false,
      },
    ]);
    expect(dueItems(kase, '2026-02-27')[0]?.overdue).toBe(true);
  });
});
