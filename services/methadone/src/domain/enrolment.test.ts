import { describe, expect, it } from 'vitest';
import { acceptApplication, decideIntake } from './enrolment.ts';
import type { Patient } from './patient.ts';
import { rules } from './test-support.ts';

const applied: Patient = {
  id: 'p1',
  personId: 'person-1',
  clinicId: 'c1',
  status: 'applied',
  applicationDate: '2026-03-02',
  intakeDeadline: '2026-03-16',
  orders: [],
  flags: [],
  consecutiveMisses: 0,
  missedDays: [],
  guestDosing: [],
  takeHomes: [],
  tests: [],
  violations: [],
  transfers: [],
};

describe('intake deadline: 10 working days of a complete file (Decree 90/2016)', () => {
  const deadline = (applicationDate: string) =>
    acceptApplication(rules, { applicationDate, dateOfBirth: '1990-01-01' }).date;

  it('counts two working weeks from a Monday: 2026-03-02 → 2026-03-16', () => {
    expect(deadline('2026-03-02')).toBe('2026-03-16');
  });

  it('skips the Tết 2026 break: an application on 2026-02-12 is decided by 2026-03-05', () => {
    // Working days after 02-12: 02-13, then Tết (02-14 to 02-22 off), 02-23 … 03-05.
    expect(deadline('2026-02-12')).toBe('2026-03-05');
  });

  it('runs across a month end: 2026-04-24 → 2026-05-13 (27 April, 30 April and 1 May are days off)', () => {
    expect(deadline('2026-04-24')).toBe('2026-05-13');
  });

  it('runs across the year end: 2025-12-25 → 2026-01-10 (1-4 January off; Saturday 10 January is worked)', () => {
    expect(deadline('2025-12-25')).toBe('2026-01-10');
  });

  it('cites the rule it came from, marked unconfirmed under Decree 141/2024', () => {
    const ruled = acceptApplication(rules, {
      applicationDate: '2026-03-02',
      dateOfBirth: '1990-01-01',
    });
    expect(ruled).toMatchObject({ regime: 'MMT-2024', confirmed: false });
    expect(ruled.legalRef).toMatch(/Decree 141\/2024/);
  });
});

describe('guardian consent under 16 (Decree 90/2016)', () => {
  it('refuses a 15-year-old without a guardian’s consent, naming the field', () => {
    expect(() =>
      acceptApplication(rules, { applicationDate: '2026-03-02', dateOfBirth: '2010-06-01' }),
    ).toThrow(expect.objectContaining({ code: 'guardian-consent-required' }));
    try {
      acceptApplication(rules, { applicationDate: '2026-03-02', dateOfBirth: '2010-06-01' });
    } catch (error) {
      expect((error as { options: { field: string } }).options.field).toBe('guardianConsent');
    }
  });

  it('accepts a 15-year-old with consent, and a 16-year-old (turned 16 that day) without', () => {
    const consent = { guardianName: 'Lê Thị Mai', relationship: 'mẹ', signedOn: '2026-03-01' };
    expect(
      acceptApplication(rules, {
        applicationDate: '2026-03-02',
        dateOfBirth: '2010-06-01',
        guardianConsent: consent,
      }).date,
    ).toBe('2026-03-16');
    expect(
      acceptApplication(rules, { applicationDate: '2026-03-02', dateOfBirth: '2010-03-02' }).date,
    ).toBe('2026-03-16');
  });
});

describe('intake decision by the clinic director', () => {
  const base = { decidedOn: '2026-03-05', decidedBy: 'director' } as const;

  it('admits on an opioid addiction result received from the assessment service', () => {
    const next = decideIntake(applied, {
      ...base,
      decision: 'admitted',
      opioidResultReceived: true,
    });
    expect(next.status).toBe('admitted');
    expect(next.intake?.basis).toBe('assessment-result');
  });

  it('admits on a prescriber’s F11 diagnosis (ICD-10 opioid dependence)', () => {
    const next = decideIntake(applied, {
      ...base,
      decision: 'admitted',
      diagnosisCode: 'F11.2',
      opioidResultReceived: false,
    });
    expect(next.intake).toMatchObject({ basis: 'diagnosis', diagnosisCode: 'F11.2' });
  });

  it('refuses admission without either basis, and a diagnosis other than F11', () => {
    expect(() =>
      decideIntake(applied, { ...base, decision: 'admitted', opioidResultReceived: false }),
    ).toThrow(expect.objectContaining({ code: 'admission-basis-missing' }));
    expect(() =>
      decideIntake(applied, {
        ...base,
        decision: 'admitted',
        diagnosisCode: 'F15.2',
        opioidResultReceived: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'diagnosis-not-opioid' }));
  });

  it('needs a reason for a refusal, and ends the enrolment', () => {
    expect(() =>
      decideIntake(applied, { ...base, decision: 'refused', opioidResultReceived: false }),
    ).toThrow(expect.objectContaining({ code: 'refusal-reason-required' }));
    const refused = decideIntake(applied, {
      ...base,
      decision: 'refused',
      reason: 'Hồ sơ không đủ',
      opioidResultReceived: false,
    });
    expect(refused.status).toBe('refused');
  });

  it('refuses a second decision on the same application (invalid transition)', () => {
    const admitted = decideIntake(applied, {
      ...base,
      decision: 'admitted',
      opioidResultReceived: true,
    });
    expect(() =>
      decideIntake(admitted, { ...base, decision: 'admitted', opioidResultReceived: true }),
    ).toThrow(expect.objectContaining({ code: 'invalid-transition' }));
  });
});
