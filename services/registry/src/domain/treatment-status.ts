// The registry's copy of the treatment service's cases (treatment.case.v1): per case, the
// latest state announced, so the police see where a person stands in rehab without
// reading the labour sector's files. The treatment service owns the cases; this copy
// changes only through its events, which may arrive twice or out of order.
import type { LocalDate } from '@rehab/domain-kit';
import type { Person } from './person.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

export type TreatmentCaseKind =
  'awaiting-registration' | 'voluntary-home' | 'voluntary-facility' | 'compulsory' | 'post-rehab';

/** A case opened or changed, as the treatment service announced it. */
export interface TreatmentCaseFact {
  eventId: string;
  /** When the treatment service recorded the fact: orders two facts of the same day. */
  recordedAt: string;
  change: 'opened' | 'changed';
  caseId: string;
  kind: TreatmentCaseKind;
  state: string;
  regime: string;
  unitCode?: string;
  /** The opening date or the date of the change. */
  on: LocalDate;
  step?: string;
  legalRef?: string;
  violation?: { kind: string; on: LocalDate; legalRef: string };
  certificateId?: string;
  registrationDeadline?: LocalDate;
}

/** One applied fact, kept to recognise a redelivery and to date the current state. */
export interface AppliedTreatmentFact {
  eventId: string;
  on: LocalDate;
  recordedAt: string;
  state: string;
}

/** A treatment case as the registry keeps it. */
export interface TreatmentCaseStatus {
  caseId: string;
  kind: TreatmentCaseKind;
  state: string;
  regime: string;
  unitCode?: string;
  /** Unknown until the "opened" event arrives. */
  openedOn?: LocalDate;
  registrationDeadline?: LocalDate;
  /** First day of the current state. */
  since: LocalDate;
  step?: string;
  certificateId?: string;
  /** Every applied fact, in case order (date, then recording time). */
  facts: AppliedTreatmentFact[];
}

const kindLabels: Record<TreatmentCaseKind, string> = {
  'awaiting-registration': 'Registration for rehab',
  'voluntary-home': 'Voluntary rehab at home/community',
  'voluntary-facility': 'Voluntary rehab at a facility',
  compulsory: 'Compulsory rehab',
  'post-rehab': 'Post-rehab management',
};

function compareFacts(a: AppliedTreatmentFact, b: AppliedTreatmentFact): number {
  if (a.on !== b.on) return a.on < b.on ? -1 : 1;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** The first day of the last run of equal states: a step that keeps the state keeps its date. */
function currentStateSince(facts: readonly AppliedTreatmentFact[]): LocalDate | undefined {
  const state = facts.at(-1)?.state;
  let since: LocalDate | undefined;
  for (let i = facts.length - 1; i >= 0; i--) {
    const fact = facts[i];
    if (!fact || fact.state !== state) break;
    since = fact.on;
  }
  return since;
}

/**
 * The case after one more fact. The case's state and its details come from the latest
 * fact by date (then recording time), so an older fact arriving late is kept in the
 * history but never rolls the state back; the opening date and registration deadline
 * are facts of the opening and are taken whenever it arrives.
 */
export function nextCaseStatus(
  current: TreatmentCaseStatus | undefined,
  fact: TreatmentCaseFact,
): TreatmentCaseStatus {
  const applied: AppliedTreatmentFact = {
    eventId: fact.eventId,
    on: fact.on,
    recordedAt: fact.recordedAt,
    state: fact.state,
  };
  const facts = [...(current?.facts ?? []), applied].sort(compareFacts);
  const latest = facts.at(-1) === applied;
  let next: TreatmentCaseStatus =
    current && !latest
      ? { ...current }
      : {
          caseId: fact.caseId,
          kind: fact.kind,
          state: fact.state,
          regime: fact.regime,
          since: fact.on,
          facts,
          ...(current?.openedOn ? { openedOn: current.openedOn } : {}),
          ...(current?.registrationDeadline
            ? { registrationDeadline: current.registrationDeadline }
            : {}),
          ...((fact.unitCode ?? current?.unitCode)
            ? { unitCode: fact.unitCode ?? current?.unitCode }
            : {}),
          ...(fact.step ? { step: fact.step } : {}),
          ...((fact.certificateId ?? current?.certificateId)
            ? { certificateId: fact.certificateId ?? current?.certificateId }
            : {}),
        };
  next = { ...next, facts, since: currentStateSince(facts) ?? fact.on };
  if (fact.change === 'opened') {
    next.openedOn = fact.on;
    if (fact.registrationDeadline) next.registrationDeadline = fact.registrationDeadline;
  }
  return next;
}

/**
 * Applies a fact once (by event id): updates the case and adds a timeline entry from the
 * treatment service. A redelivered event changes nothing.
 */
export function applyTreatmentCaseFact(
  person: Person,
  fact: TreatmentCaseFact,
  ids: { entryId: string },
  now: Date,
): { person: Person; applied: boolean } {
  const cases = person.treatmentCases ?? [];
  const current = cases.find((c) => c.caseId === fact.caseId);
  if (current?.facts.some((f) => f.eventId === fact.eventId)) return { person, applied: false };
  const status = nextCaseStatus(current, fact);
  const treatmentCases = current
    ? cases.map((c) => (c.caseId === fact.caseId ? status : c))
    : [...cases, status];
  const entry = timelineEntry(
    ids.entryId,
    fact.on,
    now,
    fact.change === 'opened' ? 'treatment-case-opened' : 'treatment-case-changed',
    fact.change === 'opened'
      ? `${kindLabels[fact.kind]}: case opened (${fact.state})`
      : `${kindLabels[fact.kind]}: ${fact.step ?? 'changed'} (${fact.state})`,
    factDetails(fact),
    'treatment',
  );
  return {
    person: {
      ...person,
      treatmentCases,
      timeline: addToTimeline(person.timeline, entry),
      updatedAt: now.toISOString(),
    },
    applied: true,
  };
}

function factDetails(fact: TreatmentCaseFact): Record<string, string> {
  const details: Record<string, string> = {
    caseId: fact.caseId,
    caseKind: fact.kind,
    state: fact.state,
    regime: fact.regime,
  };
  if (fact.unitCode) details.unitCode = fact.unitCode;
  if (fact.step) details.step = fact.step;
  if (fact.legalRef) details.legalRef = fact.legalRef;
  if (fact.registrationDeadline) details.registrationDeadline = fact.registrationDeadline;
  if (fact.certificateId) details.certificateId = fact.certificateId;
  if (fact.violation) {
    details.violation = fact.violation.kind;
    details.violationOn = fact.violation.on;
    details.violationLegalRef = fact.violation.legalRef;
  }
  return details;
}
