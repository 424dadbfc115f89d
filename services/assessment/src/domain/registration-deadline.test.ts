import { describe, expect, it } from 'vitest';
import { registrationDeadline } from './registration-deadline.ts';
import { rules } from './test-support.ts';

describe('registration deadline after an "addicted" result (Decree 116/2021/ND-CP Art. 3, 28)', () => {
  it('gives an adult 5 working days from notification, across the Tết 2026 break: 2026-02-12 → 2026-02-26', () => {
    expect(registrationDeadline('2026-02-12', '1990-05-10', rules)).toEqual({
      applies: true,
      notify: 'person',
      age: 35,
      deadline: {
        date: '2026-02-26',
        regime: 'LAW-2021',
        legalRef: 'Decree 116/2021/ND-CP Art. 3, 28',
        confirmed: true,
      },
    });
  });

  it("starts the deadline for a 12-17 year old from the guardian's notification", () => {
    const duty = registrationDeadline('2026-03-02', '2010-03-02', rules);
    expect(duty).toMatchObject({ applies: true, notify: 'guardian', age: 16 });
    expect(registrationDeadline('2026-03-02', '2014-03-02', rules)).toMatchObject({
      notify: 'guardian',
      age: 12,
    });
    expect(registrationDeadline('2026-03-02', '2008-03-02', rules)).toMatchObject({
      notify: 'person',
      age: 18,
    });
  });

  it('sets no deadline under 12 years of age, when the rehab measures do not apply (Law 73/2021/QH14)', () => {
    expect(registrationDeadline('2026-03-02', '2014-03-03', rules)).toEqual({
      applies: false,
      reason: 'under-minimum-age',
      age: 11,
      minimumAge: 12,
    });
  });

  it('keeps 5 working days under LAW-2025 from 2026-07-01, flagged unconfirmed', () => {
    const duty = registrationDeadline('2026-07-01', '1990-05-10', rules);
    expect(duty).toMatchObject({ deadline: { regime: 'LAW-2025', confirmed: false } });
  });
});

describe('diagnostic thresholds from the rulebook (Circular 18/2021/TT-BYT)', () => {
  it('uses 3 criteria, 1 month and 12 months under LAW-2021', () => {
    expect(rules.diagnosisThresholds('2026-06-30')).toMatchObject({
      minimumCriteria: 3,
      sustainedPeriod: { unit: 'months', amount: 1 },
      lookback: { unit: 'months', amount: 12 },
    });
  });

  it('keeps the same values under LAW-2025 but marks them unconfirmed (Law 120/2025/QH15)', () => {
    const thresholds = rules.diagnosisThresholds('2026-07-01');
    expect(thresholds.minimumCriteria).toBe(3);
    expect(thresholds.sources.every((s) => s.regime === 'LAW-2025' && !s.confirmed)).toBe(true);
  });
});
