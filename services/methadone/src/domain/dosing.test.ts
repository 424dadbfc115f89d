import { describe, expect, it } from 'vitest';
import { checkDose, dueDose } from './dosing.ts';
import { admittedPatient } from './fixtures.ts';
import type { DoseFlag, Patient } from './patient.ts';
import { rules } from './test-support.ts';

const thresholds = rules.missedDoseThresholds('2026-03-05');
const onOrder = (overrides: Partial<Patient> = {}) =>
  admittedPatient({
    orders: [
      {
        id: 'o1',
        phase: 'maintenance',
        doseMg: 60,
        startsOn: '2026-03-01',
        endsOn: '2026-03-30',
        writtenOn: '2026-03-01',
        prescriberUserId: 'dr',
      },
    ],
    ...overrides,
  });
const flag = (kind: DoseFlag['kind']): DoseFlag => ({
  id: `f-${kind}`,
  kind,
  raisedOn: '2026-03-04',
  missedDays: 3,
  legalRef: 'x',
});
const request = {
  serviceDate: '2026-03-05',
  siteId: 'home',
  doseMg: 60,
  homeSiteIds: ['home', 'point'],
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
};

describe('the dose must equal the order in force on the service date', () => {
  it('accepts exactly the ordered dose at any site of the clinic', () => {
    expect(checkDose(onOrder(), request, thresholds)).toEqual({ orderId: 'o1', doseMg: 60 });
    expect(checkDose(onOrder(), { ...request, siteId: 'point' }, thresholds).doseMg).toBe(60);
  });

  it('refuses another dose, a date without an order, and a site not serving the patient', () => {
    expect(codeOf(() => checkDose(onOrder(), { ...request, doseMg: 55 }, thresholds))).toBe(
      'dose-not-as-ordered',
    );
    expect(
      codeOf(() => checkDose(onOrder(), { ...request, serviceDate: '2026-03-31' }, thresholds)),
    ).toBe('no-order-in-force');
    expect(
      codeOf(() => checkDose(onOrder(), { ...request, siteId: 'elsewhere' }, thresholds)),
    ).toBe('site-not-serving-patient');
  });

  it('halves the due dose while a reduced-dose flag is open (prescriber review)', () => {
    const patient = onOrder({ flags: [flag('reduced-dose')] });
    expect(dueDose(patient, '2026-03-05', thresholds)).toMatchObject({
      due: true,
      doseMg: 30,
      reduced: true,
    });
    expect(codeOf(() => checkDose(patient, request, thresholds))).toBe('dose-not-as-ordered');
    expect(checkDose(patient, { ...request, doseMg: 30 }, thresholds).doseMg).toBe(30);
  });
});

describe('stop flags and guest dosing', () => {
  it('refuses every dose while a stop or re-induction flag is open, and accepts it once cleared', () => {
    expect(codeOf(() => checkDose(onOrder({ flags: [flag('stop')] }), request, thresholds))).toBe(
      'stop-flag-open',
    );
    expect(
      codeOf(() => checkDose(onOrder({ flags: [flag('reinduction')] }), request, thresholds)),
    ).toBe('stop-flag-open');
    const cleared = { ...flag('stop'), clearedOn: '2026-03-05', clearedBy: 'dr' };
    expect(codeOf(() => checkDose(onOrder({ flags: [cleared] }), request, thresholds))).toBe(
      'accepted',
    );
  });

  it('refuses the home site while a guest-dosing arrangement covers the date, and accepts the guest site', () => {
    const guest = onOrder({
      guestDosing: [{ id: 'g1', siteId: 'guest', from: '2026-03-04', to: '2026-03-06' }],
    });
    expect(codeOf(() => checkDose(guest, request, thresholds))).toBe('guest-dosing-elsewhere');
    expect(checkDose(guest, { ...request, siteId: 'guest' }, thresholds).doseMg).toBe(60);
    expect(checkDose(guest, { ...request, serviceDate: '2026-03-07' }, thresholds).doseMg).toBe(60);
  });

  it('refuses a patient who is not in treatment (invalid transition)', () => {
    expect(codeOf(() => checkDose(onOrder({ status: 'discharged' }), request, thresholds))).toBe(
      'invalid-transition',
    );
  });
});
