import { describe, expect, it } from 'vitest';
import type { Criterion } from './criteria.ts';
import { diagnose } from './diagnosis.ts';
import { rules, seen } from './test-support.ts';

const THREE: Criterion[] = ['craving', 'loss-of-control', 'tolerance'];
const at = (concludedOn: string) => rules.diagnosisThresholds(concludedOn);

describe('diagnosis of addiction (Circular 18/2021/TT-BYT; Law 73/2021/QH14 Art. 27)', () => {
  it('concludes addicted when 3 of 6 criteria were present together for at least 1 month', () => {
    const observations = [...seen('2026-01-10', THREE), ...seen('2026-02-10', THREE)];
    const d = diagnose(observations, '2026-03-01', at('2026-03-01'));
    expect(d).toMatchObject({
      result: 'addicted',
      basis: 'sustained',
      criteriaMet: THREE,
      substanceClass: 'opioid',
      evidence: { from: '2026-01-10', to: '2026-02-10' },
      lookbackFrom: '2025-03-01',
    });
    expect(d.explanation.en).toMatch(/3 of 6 criteria .* at least 1 month/);
  });

  it('counts overlapping presence: each criterion seen before and after the shared month with no absence between', () => {
    const observations = [
      ...seen('2026-01-01', ['craving']),
      ...seen('2026-01-15', ['loss-of-control', 'withdrawal']),
      ...seen('2026-02-20', ['craving', 'loss-of-control', 'withdrawal']),
    ];
    const d = diagnose(observations, '2026-03-01', at('2026-03-01'));
    expect(d.result).toBe('addicted');
    expect(d.evidence).toEqual({ from: '2026-01-15', to: '2026-02-20' });
  });

  it('concludes not addicted when 3 criteria were together only 20 days and did not recur', () => {
    const observations = [...seen('2026-01-10', THREE), ...seen('2026-01-30', THREE)];
    const d = diagnose(observations, '2026-03-01', at('2026-03-01'));
    expect(d.result).toBe('not-addicted');
    expect(d.substanceClass).toBeUndefined();
    expect(d.criteriaMet).toEqual(THREE);
  });

  it('concludes addicted when the same 3 criteria recur together after an interruption within 12 months', () => {
    const observations = [
      ...seen('2025-06-01', THREE),
      ...seen('2025-06-20', ['craving'], { present: false }),
      ...seen('2025-09-01', THREE),
    ];
    const d = diagnose(observations, '2026-03-01', at('2026-03-01'));
    expect(d).toMatchObject({
      result: 'addicted',
      basis: 'recurring',
      criteriaMet: THREE,
      evidence: { from: '2025-06-01', to: '2025-09-01' },
    });
  });

  it('concludes not addicted with only 2 criteria present together for a whole year', () => {
    const observations = ['2025-04-01', '2025-08-01', '2025-12-01', '2026-02-01'].flatMap((d) =>
      seen(d, ['craving', 'withdrawal']),
    );
    expect(diagnose(observations, '2026-03-01', at('2026-03-01')).result).toBe('not-addicted');
  });

  it('ends a presence run at an absent observation, so an interrupted month is a recurrence, not a sustained period', () => {
    const observations = [
      ...seen('2026-01-10', THREE),
      ...seen('2026-01-25', ['tolerance'], { present: false }),
      ...seen('2026-02-10', THREE),
    ];
    const d = diagnose(observations, '2026-03-01', at('2026-03-01'));
    expect(d).toMatchObject({ result: 'addicted', basis: 'recurring' });
  });

  it('concludes not addicted when an absence breaks the month and the 3 criteria are never together again', () => {
    const observations = [
      ...seen('2026-01-10', THREE),
      ...seen('2026-01-25', ['tolerance'], { present: false }),
      ...seen('2026-02-10', ['craving', 'loss-of-control']),
      ...seen('2026-02-11', ['tolerance']),
    ];
    expect(diagnose(observations, '2026-03-01', at('2026-03-01')).result).toBe('not-addicted');
  });

  it('lets an absent observation win over a present one of the same criterion on the same date', () => {
    const observations = [
      ...seen('2026-01-10', THREE),
      ...seen('2026-02-10', THREE),
      ...seen('2026-02-10', ['tolerance'], { present: false, source: 'self-or-companion' }),
    ];
    expect(diagnose(observations, '2026-03-01', at('2026-03-01')).result).toBe('not-addicted');
  });

  it('ignores observations older than 12 months before the conclusion, counting the first day inclusive', () => {
    const observations = [...seen('2024-12-01', THREE), ...seen('2025-01-15', THREE)];
    expect(diagnose(observations, '2026-03-01', at('2026-03-01')).result).toBe('not-addicted');
    expect(diagnose(observations, '2025-12-01', at('2025-12-01')).result).toBe('addicted');
  });

  it('ignores observations dated after the conclusion date', () => {
    const observations = [...seen('2026-01-10', THREE), ...seen('2026-02-10', THREE)];
    expect(diagnose(observations, '2026-02-09', at('2026-02-09')).result).toBe('not-addicted');
  });

  it('names the substance class with the most qualifying criteria', () => {
    const observations = [
      ...seen('2026-01-10', ['craving', 'tolerance'], { substanceClass: 'ats' }),
      ...seen('2026-01-10', ['loss-of-control'], { substanceClass: 'opioid' }),
      ...seen('2026-02-10', THREE, { substanceClass: 'ats' }),
    ];
    expect(diagnose(observations, '2026-03-01', at('2026-03-01')).substanceClass).toBe('ats');
  });

  it('breaks a tie between substance classes in the listed order (opioid, ats, cannabis, other)', () => {
    const observations = [
      ...seen('2026-01-10', ['craving', 'tolerance'], { substanceClass: 'cannabis' }),
      ...seen('2026-01-10', ['loss-of-control'], { substanceClass: 'opioid' }),
      ...seen('2026-02-10', ['loss-of-control', 'withdrawal'], { substanceClass: 'opioid' }),
      ...seen('2026-02-10', ['craving', 'tolerance'], { substanceClass: 'cannabis' }),
      ...seen('2026-01-10', ['withdrawal'], { substanceClass: 'opioid' }),
    ];
    const d = diagnose(observations, '2026-03-01', at('2026-03-01'));
    expect(d.criteriaMet).toHaveLength(4);
    expect(d.substanceClass).toBe('opioid');
  });

  it('reports the largest set when more than 3 criteria qualify', () => {
    const all: Criterion[] = ['craving', 'loss-of-control', 'tolerance', 'neglect', 'harmful-use'];
    const observations = [...seen('2026-01-01', all), ...seen('2026-02-15', all)];
    expect(diagnose(observations, '2026-03-01', at('2026-03-01')).criteriaMet).toEqual(all);
  });
});
