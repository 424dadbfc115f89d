// Request bodies of /assessment/v1, shared by the integration tests and the k6 load scripts
// (bench/k6) so that neither can drift from the API. Plain TypeScript that imports only the
// registry payloads beside it (no Node.js APIs, no dependencies): k6 runs this file as it
// is. The shapes follow services/assessment/src/http/schemas.ts; assessment.test.ts beside
// this file parses every body with those request schemas.
import { daysAgo, demoUnits, seededRandom, type LocalDate } from './registry.ts';

/** The six criteria of Circular 18/2021/TT-BYT, as the API names them. */
export const CRITERIA = [
  'craving',
  'loss-of-control',
  'tolerance',
  'neglect',
  'harmful-use',
  'withdrawal',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export const SUBSTANCE_CLASSES = ['opioid', 'ats', 'cannabis', 'other'] as const;
export type SubstanceClass = (typeof SUBSTANCE_CLASSES)[number];

export const EVIDENCE_SOURCES = ['clinical', 'self-or-companion', 'police-dossier'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export interface FacilityBody {
  name: string;
  unitCode: string;
  certifiedFrom: LocalDate;
  certifiedTo: LocalDate;
}

export interface AssessorBody {
  userId: string;
  fullName: string;
  certifiedFrom: LocalDate;
  certifiedTo: LocalDate;
}

export interface VoluntaryRequestBody {
  personId: string;
  facilityId: string;
  requestedOn?: LocalDate;
}

export interface TestBody {
  /** YYYY-MM-DD or an ISO 8601 instant. */
  sampledAt: string;
  sample: 'urine' | 'blood';
  results: { substanceClass: SubstanceClass; positive: boolean }[];
}

export interface ObservationBody {
  criterion: Criterion;
  present: boolean;
  observedOn: LocalDate;
  source: EvidenceSource;
  substanceClass: SubstanceClass;
}

export interface ConclusionBody {
  concludedOn: LocalDate;
  result?: 'addicted' | 'not-addicted';
  overrideReason?: string;
  substanceClass?: SubstanceClass;
  supersedes?: { conclusionId: string; reason: string };
}

const facilityNames = ['Trung tâm Y tế', 'Bệnh viện Tâm thần', 'Bệnh viện Đa khoa'];
const places = ['tỉnh Mẫu', 'huyện Đông', 'huyện Tây', 'thành phố Mẫu'];
const doctorNames = ['Trần Thị Hạnh', 'Nguyễn Văn Minh', 'Lê Thị Lan', 'Phạm Quốc Hùng'];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A certification period around `today`: from `yearsBefore` years ago to `yearsAfter` ahead. */
function certificationPeriod(
  today: Date,
  yearsBefore = 2,
  yearsAfter = 3,
): { certifiedFrom: LocalDate; certifiedTo: LocalDate } {
  const year = today.getUTCFullYear();
  return {
    certifiedFrom: `${year - yearsBefore}-01-01`,
    certifiedTo: `${year + yearsAfter}-12-31`,
  };
}

/** A facility certified from two years ago to three years ahead, in a demo commune. */
export function facilityBody(
  options: { seed?: number; today?: Date } & Partial<FacilityBody> = {},
): FacilityBody {
  const { seed = 1, today = new Date(), ...fields } = options;
  const random = seededRandom(seed);
  return {
    name: `${pick(random, facilityNames)} ${pick(random, places)} (k6 ${seed})`,
    unitCode: demoUnits.communes[0],
    ...certificationPeriod(today),
    ...fields,
  };
}

/** A certified assessor: `userId` is the `sub` of the doctor's tokens. */
export function assessorBody(
  userId: string,
  options: { seed?: number; today?: Date } & Partial<Omit<AssessorBody, 'userId'>> = {},
): AssessorBody {
  const { seed = 1, today = new Date(), ...fields } = options;
  const random = seededRandom(seed);
  return {
    userId,
    fullName: `BS. ${pick(random, doctorNames)}`,
    ...certificationPeriod(today),
    ...fields,
  };
}

/** A voluntary determination request (Law 73/2021 Art. 27(2)); the date defaults to today. */
export function voluntaryRequestBody(
  personId: string,
  facilityId: string,
  options: { requestedOn?: LocalDate } = {},
): VoluntaryRequestBody {
  return {
    personId,
    facilityId,
    ...(options.requestedOn ? { requestedOn: options.requestedOn } : {}),
  };
}

/** A urine test `daysBefore` days ago (default today), positive for `positive` only. */
export function testBody(
  options: {
    positive?: readonly SubstanceClass[];
    tested?: readonly SubstanceClass[];
    daysBefore?: number;
    today?: Date;
  } & Partial<Omit<TestBody, 'results'>> = {},
): TestBody {
  const {
    positive = ['ats'],
    tested = ['opioid', 'ats', 'cannabis'],
    daysBefore = 0,
    today = new Date(),
    ...fields
  } = options;
  const classes = [...new Set([...tested, ...positive])];
  return {
    sampledAt: daysAgo(daysBefore, today),
    sample: 'urine',
    results: classes.map((substanceClass) => ({
      substanceClass,
      positive: positive.includes(substanceClass),
    })),
    ...fields,
  };
}

/** One observation of one criterion; present, clinical, ATS and today unless told. */
export function observationBody(
  criterion: Criterion,
  options: { daysBefore?: number; today?: Date } & Partial<Omit<ObservationBody, 'criterion'>> = {},
): ObservationBody {
  const { daysBefore = 0, today = new Date(), ...fields } = options;
  return {
    criterion,
    present: true,
    observedOn: daysAgo(daysBefore, today),
    source: 'clinical',
    substanceClass: 'ats',
    ...fields,
  };
}

/** The same day one calendar month earlier (the day clamped to that month's length). */
export function monthBefore(date: LocalDate): LocalDate {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const targetYear = month === 1 ? year - 1 : year;
  const targetMonth = month === 1 ? 12 : month - 1;
  const length = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, length))}`;
}

/**
 * The six observations that make a determination "addicted" by the sustained limb of the
 * rule: three criteria (craving, loss of control, tolerance by default) observed present
 * one calendar month before `daysBefore` days ago (default 1) and again on that day, with
 * no absent observation between. In that order: first date, then second date.
 */
export function addictedObservations(
  options: {
    criteria?: readonly [Criterion, Criterion, Criterion];
    substanceClass?: SubstanceClass;
    source?: EvidenceSource;
    daysBefore?: number;
    today?: Date;
  } = {},
): ObservationBody[] {
  const {
    criteria = ['craving', 'loss-of-control', 'tolerance'],
    substanceClass = 'ats',
    source = 'clinical',
    daysBefore = 1,
    today = new Date(),
  } = options;
  const second = daysAgo(daysBefore, today);
  const first = monthBefore(second);
  return [first, second].flatMap((observedOn) =>
    criteria.map((criterion) => ({ criterion, present: true, observedOn, source, substanceClass })),
  );
}

/** A conclusion on `concludedOn` (default today); the result is the computed one. */
export function conclusionBody(
  options: { today?: Date } & Partial<ConclusionBody> = {},
): ConclusionBody {
  const { today = new Date(), ...fields } = options;
  return { concludedOn: daysAgo(0, today), ...fields };
}
