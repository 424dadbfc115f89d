// The ports the use cases need; src/store implements them on the persistence kit.
import type { LocalDate } from '@rehab/domain-kit';
import type { EventEnvelope } from '@rehab/events';
import type { Changed, Claim, Decision } from '@rehab/persistence';
import type { Patient, RegisterContent, RegisterEntry, StockLot } from '../domain/index.ts';

export const STAFF_ROLES = ['prescriber', 'nurse', 'pharmacist', 'clinic-director'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  userId: string;
  fullName: string;
  role: StaffRole;
  from: LocalDate;
  to: LocalDate;
}

export interface Site {
  id: string;
  name: string;
  unitCode: string;
  /** The clinic itself is a site (its id is the clinic's); the others are dispensing points. */
  kind: 'clinic' | 'dispensing-point';
}

export interface Clinic {
  id: string;
  version: number;
  name: string;
  unitCode: string;
  licensedFrom: LocalDate;
  licensedTo: LocalDate;
  sites: Site[];
  staff: StaffMember[];
}

export type ChangeFn<T, R> = (current: T) => Decision<T, R> | Promise<Decision<T, R>>;

export interface ClinicRepository {
  insert(clinic: Clinic): Promise<void>;
  get(id: string): Promise<Clinic | undefined>;
  /** Every clinic (a province has a few dozen). */
  list(): Promise<Clinic[]>;
  change<R>(id: string, decide: ChangeFn<Clinic, R>): Promise<Changed<Clinic, R>>;
  /** Binds a site id to its clinic (the clinic's own id included). */
  bindSite(siteId: string, clinicId: string): Promise<void>;
  clinicOfSite(siteId: string): Promise<string | undefined>;
}

export interface StoredPatient extends Patient {
  version: number;
}

export interface PatientRepository {
  insert(patient: StoredPatient, events: readonly EventEnvelope[]): Promise<void>;
  get(id: string): Promise<StoredPatient | undefined>;
  change<R>(
    id: string,
    decide: ChangeFn<StoredPatient, R>,
    options?: { expectedVersion?: number | undefined },
  ): Promise<Changed<StoredPatient, R>>;
  listByClinic(clinicId: string): Promise<StoredPatient[]>;
  listByPerson(personId: string): Promise<StoredPatient[]>;
  listAdmitted(): Promise<StoredPatient[]>;
  /** One enrolment in treatment per person, at any clinic: the first caller binds it. */
  claimActive(personId: string, patientId: string): Promise<Claim>;
  releaseActive(personId: string, patientId: string): Promise<void>;
}

/** One patient-day's dose: observed at a site, or a take-home bottle dispensed. */
export interface DoseRecord {
  /** `<patientId>:<serviceDate>`: the one dose of that patient-day. */
  id: string;
  patientId: string;
  personId: string;
  serviceDate: LocalDate;
  siteId: string;
  /** The patient's clinic that day (the today queue reads its doses by it). */
  clinicId: string;
  doseMg: number;
  kind: 'observed' | 'take-home';
  orderId: string;
  lot: string;
  ml: number;
  staffUserId: string;
  recordedAt: string;
  registerSeq: number;
}

export interface DoseRepository {
  get(id: string): Promise<DoseRecord | undefined>;
  /** Binds the patient-day to `holder`; a later caller learns the holder (the race's loser). */
  claimSlot(id: string, holder: string): Promise<Claim>;
  releaseSlot(id: string, holder: string): Promise<void>;
  insert(dose: DoseRecord): Promise<void>;
  forClinicDay(clinicId: string, serviceDate: LocalDate): Promise<DoseRecord[]>;
  forPatient(patientId: string): Promise<DoseRecord[]>;
}

/** An open count above the tolerance, waiting for a second person. */
export interface OpenDiscrepancy {
  countSeq: number;
  lot: string;
  countedUl: number;
  ledgerUl: number;
  differenceUl: number;
  countedBy: string;
  countedOn: LocalDate;
}

/** The running state of a site's book: its lots, open discrepancies and chain head. */
export interface LedgerState {
  siteId: string;
  seq: number;
  hash: string;
  lots: StockLot[];
  discrepancies: OpenDiscrepancy[];
}

/** What a use case appends: entries (numbered and hashed by the ledger) and the next state. */
export interface LedgerPlan<R> {
  entries: Omit<RegisterContent, 'seq' | 'siteId' | 'key' | 'recordedAt'>[];
  lots: StockLot[];
  discrepancies: OpenDiscrepancy[];
  result: R;
}

export interface SiteLedger {
  /**
   * Appends under the site's lock: `plan` sees the current state and decides. With `key`
   * already in the book (a retried write), nothing is appended and `existing` is returned.
   */
  append<R>(
    siteId: string,
    key: string,
    plan: (state: LedgerState) => LedgerPlan<R>,
  ): Promise<{ entries: RegisterEntry[]; result?: R; existing?: RegisterEntry }>;
  state(siteId: string): Promise<LedgerState>;
  entriesOn(siteId: string, serviceDate: LocalDate): Promise<RegisterEntry[]>;
  /** Every entry of the site's book in sequence order. */
  allEntries(siteId: string): Promise<RegisterEntry[]>;
}

/** Guest-dosing arrangements by guest site, so a site's queue finds its guests. */
export interface GuestVisits {
  add(visit: {
    id: string;
    siteId: string;
    patientId: string;
    from: LocalDate;
    to: LocalDate;
  }): Promise<void>;
  atSite(
    siteId: string,
  ): Promise<{ id: string; patientId: string; from: LocalDate; to: LocalDate }[]>;
}

/** Opioid addiction results received on assessment.determination.v1, by person. */
export interface OpioidResults {
  record(result: {
    personId: string;
    determinationId: string;
    concludedOn: LocalDate;
    opioid: boolean;
  }): Promise<void>;
  hasOpioidResult(personId: string): Promise<boolean>;
}
