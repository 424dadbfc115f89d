// The MMT patient: enrolment, intake decision, the order chain, flags from missed doses,
// guest dosing, take-homes, tests, violations and how treatment ended. Its status moves
// along a table of transitions; every other part is appended to, never rewritten.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';

export const PHASES = ['induction', 'titration', 'maintenance', 'taper'] as const;
export type Phase = (typeof PHASES)[number];

export type PatientStatus = 'applied' | 'admitted' | 'refused' | 'discharged' | 'completed';

export interface GuardianConsent {
  guardianName: string;
  relationship: string;
  signedOn: LocalDate;
}

export interface DoseOrder {
  id: string;
  phase: Phase;
  doseMg: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  writtenOn: LocalDate;
  prescriberUserId: string;
  /** Set when a later order takes over from this day on; the order itself is kept. */
  supersededFrom?: LocalDate;
  supersededBy?: string;
}

export const FLAG_KINDS = ['dose-as-ordered', 'reduced-dose', 'stop', 'reinduction'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface DoseFlag {
  id: string;
  kind: FlagKind;
  raisedOn: LocalDate;
  missedDays: number;
  legalRef: string;
  clearedOn?: LocalDate;
  clearedBy?: string;
  note?: string;
}

export interface GuestDosing {
  id: string;
  siteId: string;
  from: LocalDate;
  to: LocalDate;
}

export interface TakeHome {
  id: string;
  from: LocalDate;
  days: number;
  reason: string;
  siteId: string;
  prescriberUserId: string;
  dispensed: { serviceDate: LocalDate; doseMg: number; lot: string }[];
}

export interface SubstanceResult {
  substanceClass: 'opioid' | 'ats' | 'cannabis' | 'other';
  positive: boolean;
}

export interface DrugTest {
  id: string;
  sampledOn: LocalDate;
  results: SubstanceResult[];
}

export interface Violation {
  id: string;
  on: LocalDate;
  kind: string;
  note?: string;
}

export const DISCHARGE_REASONS = [
  'on-request',
  'procedure-violations',
  'opioid-positive-tests',
  'other-drug-positive',
  'harm-to-others',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export interface Patient {
  id: string;
  personId: string;
  clinicId: string;
  status: PatientStatus;
  applicationDate: LocalDate;
  intakeDeadline: LocalDate;
  guardianConsent?: GuardianConsent;
  intake?: {
    decision: 'admitted' | 'refused';
    decidedOn: LocalDate;
    decidedBy: string;
    reason?: string;
    basis?: 'assessment-result' | 'diagnosis';
    diagnosisCode?: string;
  };
  orders: DoseOrder[];
  flags: DoseFlag[];
  /** Consecutive due days without a dose, as of `sweptThrough`. */
  consecutiveMisses: number;
  /** The last service date the missed-dose sweep has judged. */
  sweptThrough?: LocalDate;
  missedDays: LocalDate[];
  guestDosing: GuestDosing[];
  takeHomes: TakeHome[];
  tests: DrugTest[];
  violations: Violation[];
  transfers: { fromClinicId: string; toClinicId: string; on: LocalDate }[];
  ended?: { on: LocalDate; outcome: 'discharged' | 'completed'; reason?: DischargeReason };
}

export type PatientEvent = 'decide-intake' | 'treat' | 'discharge' | 'transfer' | 'complete';

/** Which events each status allows: the state table of enrolment and treatment. */
export const PATIENT_TRANSITIONS: Readonly<Record<PatientStatus, readonly PatientEvent[]>> = {
  applied: ['decide-intake'],
  admitted: ['treat', 'discharge', 'transfer', 'complete'],
  refused: [],
  discharged: [],
  completed: [],
};

/** Throws the stable invalid-transition error unless `event` is allowed in the status. */
export function assertTransition(patient: Pick<Patient, 'status'>, event: PatientEvent): void {
  if (!PATIENT_TRANSITIONS[patient.status].includes(event)) {
    throw new RuleViolationError(sharedErrors.invalidTransition, {
      params: { event, subject: 'patient', state: patient.status },
    });
  }
}

/** Whether the person is in treatment (or awaiting the decision) with this enrolment. */
export const isActive = (patient: Pick<Patient, 'status'>): boolean =>
  patient.status === 'applied' || patient.status === 'admitted';

/** The open flags of a patient. */
export const openFlags = (patient: Pick<Patient, 'flags'>): DoseFlag[] =>
  patient.flags.filter((flag) => !flag.clearedOn);
