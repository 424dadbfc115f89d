// The compulsory-placement case record, how it opens, and the checks every step shares.
// Decisions: the case is opened by the violation record (biên bản vi phạm) and its date picks
// the rules for the whole case; the age group is fixed by the age on the violation date.
import {
  ageOn,
  isBefore,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import type {
  AgeGroup,
  CaseRules,
  CompulsoryRules,
  RehabOrdinal,
  RuleSource,
} from './compulsory-rules.ts';
import type { Period } from './end-date.ts';
import { compulsoryErrors } from './errors.ts';
import { placementTransitions, requireTransition } from './transitions.ts';
import type { PlacementEvent, PlacementState } from './transitions.ts';

/** What the violation record found (Law 73/2021/QH14 Art. 32(1), 33(1)). */
export const triggers = {
  'not-registered': { legalRef: 'Law 73/2021/QH14 Art. 32(1)(a), 33(1)(a)', minors: true },
  'quit-voluntary-rehab': { legalRef: 'Law 73/2021/QH14 Art. 32(1)(b), 33(1)(b)', minors: true },
  'used-during-voluntary-rehab': {
    legalRef: 'Law 73/2021/QH14 Art. 32(1)(b), 33(1)(b)',
    minors: true,
  },
  'left-methadone': { legalRef: 'Law 73/2021/QH14 Art. 32(1)(c), 33(1)(c)', minors: true },
  'discharged-from-methadone': {
    legalRef: 'Law 73/2021/QH14 Art. 32(1)(c), 33(1)(c)',
    minors: true,
  },
  // Minors have no relapse trigger (Art. 33 lists none).
  'relapse-during-post-rehab': { legalRef: 'Law 73/2021/QH14 Art. 32(1)(d)', minors: false },
} as const;
export type Trigger = keyof typeof triggers;

export type InterimManagement =
  | { kind: 'family'; from: LocalDate; to?: LocalDate | undefined }
  | { kind: 'facility'; facilityId: string; from: LocalDate; to?: LocalDate | undefined };

export type DossierDocument = 'violation-record' | 'cv' | 'addiction-result' | 'statements';
export const REQUIRED_DOCUMENTS: readonly DossierDocument[] = [
  'violation-record',
  'cv',
  'addiction-result',
  'statements',
];

export interface Absence extends Period {
  phase: 'before-admission' | 'after-admission';
  searchDecision: { by: string; on: LocalDate; legalRef: string };
}

export interface CourtDecision extends RuleSource {
  decidedOn: LocalDate;
  court: string;
  /** Absent when the court refused. */
  termMonths?: number;
}

export interface FacilityReview {
  id: string;
  reviewedOn: LocalDate;
  postedOn: LocalDate;
  sentToCourtOn: LocalDate;
  nextReviewDueBy: LocalDate;
}

export interface CompulsoryPlacement {
  id: string;
  personId: string;
  /** The commune where the dossier is made. */
  unitCode: string;
  state: PlacementState;
  /** The violation record's date, which chose the rules. */
  openedOn: LocalDate;
  /** The regimes in force on `openedOn`, newest last. */
  regimeIds: readonly string[];
  trigger: { kind: Trigger; violationRecordId: string; legalRef: string };
  ageGroup: AgeGroup;
  ageOnViolation: number;
  ordinal: RehabOrdinal;
  dossierDueBy: LocalDate;
  interim: InterimManagement[];
  dossier?: { compiledOn: LocalDate; compiledBy: string; late: boolean };
  familyReview?: {
    opensOn: LocalDate;
    endsOn: LocalDate;
    familyReadOn?: LocalDate;
    closedOn?: LocalDate;
  };
  childRightsOpinionOn?: LocalDate;
  appraisal?: { on: LocalDate; by: string };
  submission?: { on: LocalDate; by: string };
  decision?: CourtDecision;
  admissionDueBy?: LocalDate;
  deferredUntil?: LocalDate;
  postponement?: {
    from: LocalDate;
    ground: 'serious-illness' | 'family-hardship';
    endedOn?: LocalDate;
  };
  exemption?: { on: LocalDate; ground: 'voluntary-rehab-completed' | 'pregnancy' };
  admission?: { admittedOn: LocalDate; facilityId: string; late: boolean };
  absences: Absence[];
  suspensions: (Period & { hospital: string })[];
  reviews: FacilityReview[];
  reductions: { decidedOn: LocalDate; months: number; merit: boolean; reviewId: string }[];
  releaseNotice?: { notifiedOn: LocalDate; dueBy: LocalDate; late: boolean };
  release?: { on: LocalDate; certificateId?: string; remainderExcused: boolean };
  history: {
    event: PlacementEvent | 'open';
    on: LocalDate;
    from?: PlacementState;
    to: PlacementState;
  }[];
}

export interface OpenPlacementInput {
  id: string;
  personId: string;
  unitCode: string;
  dateOfBirth: LocalDate;
  trigger: Trigger;
  violationRecordId: string;
  violationOn: LocalDate;
  ordinal: RehabOrdinal;
  /** The age group the caller means to apply; refused when it does not match the age. */
  ageGroup?: AgeGroup;
}

/** Opens a case from a violation record: checks the age and the trigger, sets the dossier deadline. */
export function openPlacement(
  input: OpenPlacementInput,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const caseRules = rules.forCase(input.violationOn);
  const age = ageOn(input.dateOfBirth, input.violationOn);
  const { min, max, legalRef } = caseRules.minorAge;
  if (age < min) {
    throw new RuleViolationError(sharedErrors.underMinimumAge, {
      params: { minimum: min, age },
      legalRef,
    });
  }
  const ageGroup: AgeGroup = age <= max ? 'minor' : 'adult';
  if (input.ageGroup && input.ageGroup !== ageGroup) {
    throw new RuleViolationError(compulsoryErrors.ageGroupMismatch, {
      field: 'ageGroup',
      params: { requested: input.ageGroup, age, actual: ageGroup },
      legalRef,
    });
  }
  const trigger = triggers[input.trigger];
  if (ageGroup === 'minor' && !trigger.minors) {
    throw new RuleViolationError(compulsoryErrors.triggerNotForMinors, {
      field: 'trigger',
      legalRef: 'Law 73/2021/QH14 Art. 33',
    });
  }
  return {
    id: input.id,
    personId: input.personId,
    unitCode: input.unitCode,
    state: 'dossier-in-preparation',
    openedOn: input.violationOn,
    regimeIds: caseRules.regimeIds,
    trigger: {
      kind: input.trigger,
      violationRecordId: input.violationRecordId,
      legalRef: trigger.legalRef,
    },
    ageGroup,
    ageOnViolation: age,
    ordinal: input.ordinal,
    dossierDueBy: caseRules.dossierDueBy(input.violationOn).date,
    interim: [],
    absences: [],
    suspensions: [],
    reviews: [],
    reductions: [],
    history: [{ event: 'open', on: input.violationOn, to: 'dossier-in-preparation' }],
  };
}

/** The steps' shared preamble: the table allows the event, and the date follows the last step. */
export function beginStep(
  c: CompulsoryPlacement,
  event: PlacementEvent,
  on: LocalDate,
  rules: CompulsoryRules,
): CaseRules {
  requireTransition(c.state, event);
  const last = c.history.at(-1);
  if (last && isBefore(on, last.on)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'on',
      params: { field: event, date: on, before: last.event, beforeDate: last.on },
    });
  }
  return rules.forCase(c.openedOn);
}

/** Refuses a step done by an actor the case's regime does not name for it. */
export function requireActor(
  step: string,
  actor: string,
  expected: { actor: string; regime: string; legalRef: string },
): void {
  if (actor === expected.actor) return;
  throw new RuleViolationError(sharedErrors.decisionByWrongActor, {
    field: 'actor',
    params: { regime: expected.regime, step, expected: expected.actor, actual: actor },
    legalRef: expected.legalRef,
  });
}

/** Records the step in the history and moves to the table's target (or `to` when it depends on facts). */
export function completeStep(
  c: CompulsoryPlacement,
  event: PlacementEvent,
  on: LocalDate,
  patch: Partial<CompulsoryPlacement>,
  to?: PlacementState,
): CompulsoryPlacement {
  const target = placementTransitions[event].to;
  const next = to ?? (target === 'same' ? c.state : (target as PlacementState));
  return {
    ...c,
    ...patch,
    state: next,
    history: [...c.history, { event, on, from: c.state, to: next }],
  };
}
