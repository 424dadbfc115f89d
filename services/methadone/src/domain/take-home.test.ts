import { describe, expect, it } from 'vitest';
import { planTakeHome } from './take-home.ts';
import { admittedPatient } from './fixtures.ts';
import type { Patient } from './patient.ts';
import { rules } from './test-support.ts';

const maintained = (phase: 'maintenance' | 'titration' = 'maintenance'): Patient =>
  admittedPatient({
    orders: [
      {
        id: 'o1',
        phase,
        doseMg: 70,
        startsOn: '2026-06-01',
        endsOn: '2026-06-30',
        writtenOn: '2026-06-01',
        prescriberUserId: 'dr',
      },
    ],
  });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
};

describe('take-home doses: a pilot by province and date, within its maximum days', () => {
  it('is enabled in Hải Phòng (31) since 2021 but in the demo province (99) only from 2026-06-01', () => {
    expect(rules.takeHome('2021-06-01', '31').enabled).toBe(true);
    expect(rules.takeHome('2021-06-01', '40').enabled).toBe(false);
    expect(rules.takeHome('2022-06-01', '40').enabled).toBe(true);
    expect(rules.takeHome('2026-05-31', '99').enabled).toBe(false);
    expect(rules.takeHome('2026-06-01', '99')).toMatchObject({
      enabled: true,
      pilot: { confirmed: false },
    });
  });

  it('dispenses one bottle per day at the dose of the order in force', () => {
    const bottles = planTakeHome(maintained(), rules.takeHome('2026-06-10', '99'), {
      from: '2026-06-10',
      days: 3,
      provinceCode: '99',
    });
    expect(bottles).toEqual([
      { serviceDate: '2026-06-10', doseMg: 70, orderId: 'o1' },
      { serviceDate: '2026-06-11', doseMg: 70, orderId: 'o1' },
      { serviceDate: '2026-06-12', doseMg: 70, orderId: 'o1' },
    ]);
  });

  it('refuses outside the pilot, beyond the maximum days, outside maintenance and past the order', () => {
    const plan = (patient: Patient, from: string, days: number, province = '99') =>
      codeOf(() =>
        planTakeHome(patient, rules.takeHome(from, province), {
          from,
          days,
          provinceCode: province,
        }),
      );
    expect(plan(maintained(), '2026-06-10', 3, '40')).toBe('accepted');
    expect(plan(maintained(), '2026-06-10', 3, '01')).toBe('take-home-not-enabled');
    expect(plan(maintained(), '2026-06-10', 8)).toBe('take-home-too-long');
    expect(plan(maintained('titration'), '2026-06-10', 3)).toBe('take-home-wrong-phase');
    expect(plan(maintained(), '2026-06-29', 3)).toBe('no-order-in-force');
  });
});
