// Where a person stands in rehab, combined from the treatment cases the registry keeps.
// The treatment service normally ends one case as it opens the next (registration →
// voluntary or compulsory rehab → post-rehab management), so one case is running at a
// time; when several are, the most recently opened one is the person's situation.
import type { LocalDate } from '@rehab/domain-kit';
import type { TreatmentCaseKind, TreatmentCaseStatus } from './treatment-status.ts';

export type CasePhase = 'running' | 'completed' | 'closed';

/**
 * States after which a case is over, and whether it ended in completion (certificates:
 * forms 26a/26b for voluntary rehab, Decree 116/2021 Art. 28; form 46 on release from
 * compulsory rehab; form 54 after post-rehab management). Any other state, including one
 * the treatment service adds later, counts as running, so an unknown state never hides
 * a case.
 */
export const closingStates: Record<
  TreatmentCaseKind,
  Readonly<Record<string, Exclude<CasePhase, 'running'>>>
> = {
  'awaiting-registration': { registered: 'closed', overdue: 'closed' },
  'voluntary-home': { completed: 'completed', violated: 'closed' },
  'voluntary-facility': { completed: 'completed', violated: 'closed' },
  compulsory: { released: 'completed', 'court-refused': 'closed', exempted: 'closed' },
  'post-rehab': { completed: 'completed', relapsed: 'closed', removed: 'closed' },
};

export type TreatmentSituation =
  | 'awaiting-registration'
  | 'voluntary-rehab'
  | 'compulsory'
  | 'post-rehab-management'
  | 'completed'
  | 'closed';

const runningSituation: Record<TreatmentCaseKind, TreatmentSituation> = {
  'awaiting-registration': 'awaiting-registration',
  'voluntary-home': 'voluntary-rehab',
  'voluntary-facility': 'voluntary-rehab',
  compulsory: 'compulsory',
  'post-rehab': 'post-rehab-management',
};

/** Breaks ties between cases of the same day: the more restrictive measure is the situation. */
const kindWeight: Record<TreatmentCaseKind, number> = {
  'awaiting-registration': 0,
  'post-rehab': 1,
  'voluntary-home': 2,
  'voluntary-facility': 3,
  compulsory: 4,
};

/** The person's treatment situation, as a reader of the registry sees it. */
export interface TreatmentSummary {
  situation: TreatmentSituation;
  caseId: string;
  kind: TreatmentCaseKind;
  state: string;
  since: LocalDate;
  setting?: 'home' | 'facility';
  registrationDeadline?: LocalDate;
  certificateId?: string;
  /** Further running cases, which the treatment service should have ended. */
  otherRunningCaseIds?: string[];
}

/** Whether the case is running or over, and how it ended. */
export function casePhase(kase: Pick<TreatmentCaseStatus, 'kind' | 'state'>): CasePhase {
  const closing = closingStates[kase.kind];
  return Object.hasOwn(closing, kase.state) ? (closing[kase.state] ?? 'running') : 'running';
}

function startOf(kase: TreatmentCaseStatus): LocalDate {
  return kase.openedOn ?? kase.facts[0]?.on ?? kase.since;
}

function later(a: TreatmentCaseStatus, b: TreatmentCaseStatus, dateOf: typeof startOf): boolean {
  const da = dateOf(a);
  const db = dateOf(b);
  if (da !== db) return da > db;
  if (kindWeight[a.kind] !== kindWeight[b.kind]) return kindWeight[a.kind] > kindWeight[b.kind];
  return a.caseId > b.caseId;
}

function latestOf(
  cases: readonly TreatmentCaseStatus[],
  dateOf: typeof startOf,
): TreatmentCaseStatus | undefined {
  let latest: TreatmentCaseStatus | undefined;
  for (const kase of cases) if (!latest || later(kase, latest, dateOf)) latest = kase;
  return latest;
}

/**
 * The situation from the most recently opened running case; with none running, how the
 * most recently ended case ended (completed, or closed otherwise). Undefined before any
 * treatment case is known.
 */
export function currentTreatment(
  cases: readonly TreatmentCaseStatus[],
): TreatmentSummary | undefined {
  const running = cases.filter((kase) => casePhase(kase) === 'running');
  const current = running.length
    ? latestOf(running, startOf)
    : latestOf(cases, (kase) => kase.since);
  if (!current) return undefined;
  const phase = casePhase(current);
  const others = running.filter((kase) => kase !== current).map((kase) => kase.caseId);
  return {
    situation: phase === 'running' ? runningSituation[current.kind] : phase,
    caseId: current.caseId,
    kind: current.kind,
    state: current.state,
    since: current.since,
    ...(current.kind === 'voluntary-home' ? { setting: 'home' as const } : {}),
    ...(current.kind === 'voluntary-facility' ? { setting: 'facility' as const } : {}),
    ...(phase === 'running' && current.registrationDeadline
      ? { registrationDeadline: current.registrationDeadline }
      : {}),
    ...(current.certificateId ? { certificateId: current.certificateId } : {}),
    ...(others.length ? { otherRunningCaseIds: others } : {}),
  };
}
