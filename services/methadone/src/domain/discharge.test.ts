import { describe, expect, it } from 'vitest';
import { complete, discharge, dischargeGrounds, transfer } from './discharge.ts';
import { admittedPatient } from './fixtures.ts';
import type { DrugTest, Patient } from './patient.ts';
import { rules } from './test-support.ts';

const groundRules = rules.dischargeGrounds('2026-03-01');
const maintenanceFrom = (startsOn: string): Partial<Patient> => ({
  orders: [
    {
      id: 'i',
      phase: 'induction',
      doseMg: 20,
      startsOn: '2025-01-02',
      endsOn: '2025-01-09',
      writtenOn: '2025-01-02',
      prescriberUserId: 'dr',
    },
    {
      id: 'm',
      phase: 'maintenance',
      doseMg: 60,
      startsOn,
      endsOn: '2025-02-08',
      writtenOn: startsOn,
      prescriberUserId: 'dr',
    },
  ],
});
const test = (id: string, sampledOn: string, opioid: boolean, other = false): DrugTest => ({
  id,
  sampledOn,
  results: [
    { substanceClass: 'opioid', positive: opioid },
    { substanceClass: 'ats', positive: other },
  ],
});

describe('discharge grounds, each with its legal reference (Decree 90/2016)', () => {
  it('meets repeated procedure violations: 2 within 6 months, not 2 seven months apart', () => {
    const apart = admittedPatient({
      violations: [
        { id: 'v1', on: '2025-01-10', kind: 'late' },
        { id: 'v2', on: '2025-08-11', kind: 'late' },
      ],
    });
    expect(dischargeGrounds(apart, groundRules)).toEqual([]);
    const within = admittedPatient({
      violations: [...apart.violations, { id: 'v3', on: '2025-09-01', kind: 'disorder' }],
    });
    expect(dischargeGrounds(within, groundRules)).toEqual([
      expect.objectContaining({
        ground: 'procedure-violations',
        metOn: '2025-09-01',
        evidence: ['v2', 'v3'],
      }),
    ]);
    expect(dischargeGrounds(within, groundRules)[0]?.legalRef).toMatch(/Decree/);
  });

  it('meets two consecutive opioid-positive tests after maintenance is reached, within 12 months', () => {
    const base = maintenanceFrom('2025-01-10');
    const before = admittedPatient({
      ...base,
      tests: [test('t0', '2025-01-05', true), test('t1', '2025-02-01', true)],
    });
    expect(dischargeGrounds(before, groundRules)).toEqual([]);
    const broken = admittedPatient({
      ...base,
      tests: [
        test('t1', '2025-02-01', true),
        test('t2', '2025-03-01', false),
        test('t3', '2025-04-01', true),
      ],
    });
    expect(dischargeGrounds(broken, groundRules)).toEqual([]);
    const two = admittedPatient({
      ...base,
      tests: [test('t1', '2025-02-01', true), test('t2', '2025-03-01', true)],
    });
    expect(dischargeGrounds(two, groundRules)[0]).toMatchObject({
      ground: 'opioid-positive-tests',
      evidence: ['t1', 't2'],
    });
    const late = admittedPatient({
      ...base,
      tests: [test('t1', '2026-02-01', true), test('t2', '2026-03-01', true)],
    });
    expect(dischargeGrounds(late, groundRules)).toEqual([]);
  });

  it('meets any positive test for a drug other than opioids', () => {
    const patient = admittedPatient({ tests: [test('t1', '2025-05-01', false, true)] });
    expect(dischargeGrounds(patient, groundRules)).toEqual([
      expect.objectContaining({ ground: 'other-drug-positive', evidence: ['t1'] }),
    ]);
  });
});

describe('discharge, transfer and completion', () => {
  it('discharges on request at any time, but for violations only once the ground is met', () => {
    expect(
      discharge(admittedPatient(), groundRules, { reason: 'on-request', decidedOn: '2025-05-01' })
        .status,
    ).toBe('discharged');
    expect(() =>
      discharge(admittedPatient(), groundRules, {
        reason: 'procedure-violations',
        decidedOn: '2025-05-01',
      }),
    ).toThrow(expect.objectContaining({ code: 'discharge-ground-not-met' }));
  });

  it('keeps the order chain on transfer, and ends treatment once completed', () => {
    const patient = admittedPatient(maintenanceFrom('2025-01-10'));
    const moved = transfer(patient, 'clinic-2', '2025-03-01');
    expect(moved).toMatchObject({ clinicId: 'clinic-2', orders: patient.orders });
    expect(moved.transfers).toEqual([
      { fromClinicId: 'clinic-1', toClinicId: 'clinic-2', on: '2025-03-01' },
    ]);
    const done = complete(moved, '2026-06-01');
    expect(done).toMatchObject({
      status: 'completed',
      ended: { outcome: 'completed', on: '2026-06-01' },
    });
    expect(() => transfer(done, 'clinic-1', '2026-06-02')).toThrow(
      expect.objectContaining({ code: 'invalid-transition' }),
    );
  });
});
