// A patient admitted on an opioid result, for the unit tests of the rules.
import type { Patient } from './patient.ts';

export function admittedPatient(overrides: Partial<Patient> = {}): Patient {
  return {
    id: 'patient-1',
    personId: 'person-1',
    clinicId: 'clinic-1',
    status: 'admitted',
    applicationDate: '2024-12-20',
    intakeDeadline: '2025-01-06',
    intake: {
      decision: 'admitted',
      decidedOn: '2025-01-02',
      decidedBy: 'director',
      basis: 'assessment-result',
    },
    orders: [],
    flags: [],
    consecutiveMisses: 0,
    missedDays: [],
    guestDosing: [],
    takeHomes: [],
    tests: [],
    violations: [],
    transfers: [],
    ...overrides,
  };
}
