import type { LocalDate } from '@rehab/domain-kit';
import type { DeterminationResult } from './determination-result.ts';
import type { ManagementDecision } from './management.ts';
import type { SubstitutionTreatment } from './substitution-treatment.ts';
import type { TreatmentCaseStatus } from './treatment-status.ts';

export type Sex = 'male' | 'female';

/** Where a person lives from a date on; the history answers "which commune on date D". */
export interface ResidencePeriod {
  unitCode: string;
  address: string;
  from: LocalDate;
}

/** Whether the registry still expects changes for the person. */
export type LifeStatus = 'active' | 'deceased' | 'missing';

export type AddictionStatus = 'unknown' | 'addicted' | 'not-addicted';

/** A positive urine or blood test (Law 73/2021 Art. 22). */
export interface Detection {
  id: string;
  detectedAt: LocalDate;
  sample: 'urine' | 'blood';
  substances: string[];
  unitCode: string;
}

/** One line of the person's status timeline, as shown to officers. */
export interface TimelineEntry {
  id: string;
  on: LocalDate;
  recordedAt: string;
  kind: string;
  summary: string;
  /** Facts of the entry (no national ID, no clinical detail). */
  details: Record<string, string | number | boolean | string[]>;
  source: string;
}

/** A referral for addiction status determination (Law 73/2021 Art. 27). */
export interface Referral {
  id: string;
  reason: string;
  mandatory: boolean;
  referredOn: LocalDate;
  referringUnitCode: string;
  note?: string;
  /** The post-rehab case whose relapse led to the referral. */
  treatmentCaseId?: string;
}

/** The registry's person aggregate, as the domain sees it (no storage concerns). */
export interface Person {
  id: string;
  version: number;
  fullName: string;
  dateOfBirth: LocalDate;
  sex: Sex;
  ethnicity?: string;
  /** Present only in memory after decryption, never logged or published. */
  nationalId?: string;
  lifeStatus: LifeStatus;
  residence: ResidencePeriod;
  residenceHistory: ResidencePeriod[];
  detections: Detection[];
  managementDecisions: ManagementDecision[];
  referrals: Referral[];
  addictionStatus: AddictionStatus;
  substanceClass?: string;
  registrationDeadline?: LocalDate;
  /** Results received from the health sector, oldest first. */
  determinationResults?: DeterminationResult[];
  /** The treatment service's cases for the person, as its events announced them. */
  treatmentCases?: TreatmentCaseStatus[];
  /** Methadone maintenance treatment, as the methadone service's events announced it. */
  substitutionTreatment?: SubstitutionTreatment;
  timeline: TimelineEntry[];
  createdAt: string;
  updatedAt: string;
}

/** The residence in force on a date (the first one recorded when the date precedes all). */
export function residenceOn(
  person: Pick<Person, 'residenceHistory' | 'residence'>,
  date: LocalDate,
): ResidencePeriod {
  let current = person.residenceHistory[0] ?? person.residence;
  for (const period of person.residenceHistory) {
    if (period.from <= date) current = period;
  }
  return current;
}
