// A voluntary rehab episode (cai nghiện ma túy tự nguyện), at home/community or at a
// facility (Law 73/2021/QH14 Art. 29-31; Decree 116/2021/ND-CP). Decisions documented:
// - The regime date is the registration date: the registration opens the episode and the
//   commune's decision follows within days, so both are judged by the same regime.
// - The term runs from the commune's decision (home) or the admission (facility); its end
//   and the minimum term's end follow Civil Code 2015 Art. 148 (clamped month ends).
// - A late commune decision is recorded (`decidedLate`), not refused: the delay is the
//   administration's, and refusing it would stall the person's rehab.
// The decision and the admission are in voluntary-start.ts, completion and violations in
// voluntary-outcomes.ts, provider notices in provider-notices.ts.
import { isAfter, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import {
  caseRegime,
  requireNotBefore,
  requireTransition,
  type CaseBase,
  type DueItem,
  type Transition,
  type Violation,
} from './case-base.ts';
import { treatmentErrors } from './errors.ts';
import { noticeDueItems, type NoticeObligation } from './provider-notices.ts';
import type { TreatmentRules } from './treatment-rules.ts';

/** The five stages, in order (Law 73/2021/QH14 Art. 29). */
export const rehabStages = [
  'reception-and-classification',
  'detox-and-treatment',
  'education-and-counselling',
  'labour-therapy-and-vocational-training',
  'preparation-for-reintegration',
] as const;
export type RehabStage = (typeof rehabStages)[number];

export type VoluntaryState =
  'awaiting-decision' | 'awaiting-admission' | 'in-rehab' | 'completed' | 'violated';

const STAGES_REF = 'Law 73/2021/QH14 Art. 29';
const VIOLATION_REF = 'Law 73/2021/QH14 Art. 32 (basis for compulsory placement)';

/** The voluntary-episode state machine. */
export const voluntaryTransitions = {
  'decide-home': {
    from: ['awaiting-decision'],
    to: 'in-rehab',
    guard: 'home/community episode; by the actor the regime names; term within the range',
    legalRef: 'Law 73/2021/QH14 Art. 30; Decree 116/2021/ND-CP Art. 28',
  },
  admit: {
    from: ['awaiting-admission'],
    to: 'in-rehab',
    guard: 'facility episode; admitted on or after registration; term within the range',
    legalRef: 'Law 73/2021/QH14 Art. 31',
  },
  'record-stage': {
    from: ['in-rehab'],
    to: 'in-rehab',
    guard: 'the next stage in order, started after the previous one ended',
    legalRef: STAGES_REF,
  },
  complete: {
    from: ['in-rehab'],
    to: 'completed',
    guard:
      'at least the first three stages done and the minimum term passed; certified by the right issuer',
    legalRef: `${STAGES_REF}; Decree 116/2021/ND-CP Art. 28 (forms 26a, 26b)`,
  },
  quit: { from: ['in-rehab'], to: 'violated', guard: 'none', legalRef: VIOLATION_REF },
  // A person registered at a facility who never presents for admission has not carried it out.
  'not-carried-out': {
    from: ['awaiting-admission', 'in-rehab'],
    to: 'violated',
    guard: 'none',
    legalRef: VIOLATION_REF,
  },
  'positive-test': { from: ['in-rehab'], to: 'violated', guard: 'none', legalRef: VIOLATION_REF },
} as const satisfies Record<string, Transition<VoluntaryState>>;
export type VoluntaryEvent = keyof typeof voluntaryTransitions;

export interface StageRecord {
  stage: RehabStage;
  startedOn: LocalDate;
  completedOn: LocalDate;
}

export interface VoluntaryTerm {
  startsOn: LocalDate;
  months: number;
  endsOn: LocalDate;
  minimumEndsOn: LocalDate;
  legalRef: string;
  confirmed: boolean;
}

export interface VoluntaryCase extends CaseBase<
  'voluntary-home' | 'voluntary-facility',
  VoluntaryState
> {
  registeredOn: LocalDate;
  firstRehab: boolean;
  /** Who decides a home/community episode and who certifies completion, per the regime. */
  decisionActor?: string;
  certifier: string;
  decisionDueBy?: LocalDate;
  appraisalDueBy?: LocalDate;
  decision?: {
    on: LocalDate;
    by: string;
    decidedLate: boolean;
    responsible: { kind: 'official' | 'provider'; id: string };
  };
  admission?: { on: LocalDate; facilityId: string };
  term?: VoluntaryTerm;
  stages: StageRecord[];
  certificate?: {
    /** The certificate's id in this service, carried by the case-changed event. */
    id?: string;
    issuedOn: LocalDate;
    issuer: string;
    form: '26a' | '26b';
    legalRef: string;
  };
  violation?: Violation;
  notices: NoticeObligation[];
}

export interface VoluntaryRegistration {
  caseId: string;
  personId: string;
  unitCode: string;
  modality: 'voluntary-home' | 'voluntary-facility';
  registeredOn: LocalDate;
  /** Whether this is the person's first rehab (LAW-2025 sets 24 or 36 months by it). */
  firstRehab: boolean;
}

/** Opens an episode from a registration: home awaits the commune's decision, facility its admission. */
export function openVoluntaryCase(
  input: VoluntaryRegistration,
  treatmentRules: TreatmentRules,
): VoluntaryCase {
  const rules = treatmentRules.forCase(input.registeredOn);
  const home = input.modality === 'voluntary-home';
  const certifier = rules.actor(
    home ? 'voluntary.homeCompletionCertifier' : 'voluntary.facilityCompletionCertifier',
  ).actor;
  const base: VoluntaryCase = {
    id: input.caseId,
    personId: input.personId,
    unitCode: input.unitCode,
    kind: input.modality,
    state: home ? 'awaiting-decision' : 'awaiting-admission',
    openedOn: input.registeredOn,
    regime: caseRegime(rules),
    timeline: [{ on: input.registeredOn, event: `registered-${input.modality}` }],
    registeredOn: input.registeredOn,
    firstRehab: input.firstRehab,
    certifier,
    stages: [],
    notices: [],
  };
  if (!home) return base;
  return {
    ...base,
    decisionActor: rules.actor('voluntary.homeDecisionActor').actor,
    decisionDueBy: rules.homeDecisionDeadline(input.registeredOn).date,
    appraisalDueBy: rules.policeAppraisalDeadline(input.registeredOn).date,
  };
}

/** Records the next stage, done; stages follow the law's order and do not overlap. */
export function recordStage(kase: VoluntaryCase, record: StageRecord): VoluntaryCase {
  const transition = requireTransition(kase.kind, kase.state, 'record-stage', voluntaryTransitions);
  const expected = rehabStages[kase.stages.length];
  if (record.stage !== expected) {
    throw new RuleViolationError(treatmentErrors.stageOutOfOrder, {
      field: 'stage',
      legalRef: STAGES_REF,
      params: { stage: record.stage, expected: expected ?? 'none' },
    });
  }
  const previous = kase.stages.at(-1);
  if (previous)
    requireNotBefore('startedOn', record.startedOn, 'the previous stage', previous.completedOn);
  else if (kase.term)
    requireNotBefore('startedOn', record.startedOn, 'the term start', kase.term.startsOn);
  requireNotBefore('completedOn', record.completedOn, 'startedOn', record.startedOn);
  return {
    ...kase,
    stages: [...kase.stages, record],
    timeline: [
      ...kase.timeline,
      {
        on: record.completedOn,
        event: `stage-done-${record.stage}`,
        legalRef: transition.legalRef,
      },
    ],
  };
}

/** What the episode owes next: the commune's decision, the term's end, provider notices. */
export function voluntaryDueItems(kase: VoluntaryCase, today: LocalDate): DueItem[] {
  const items: DueItem[] = [];
  if (kase.state === 'awaiting-decision' && kase.decisionDueBy && kase.decisionActor) {
    items.push({
      what: 'decide-home-rehab',
      dueBy: kase.decisionDueBy,
      actor: kase.decisionActor,
      overdue: isAfter(today, kase.decisionDueBy),
      legalRef: voluntaryTransitions['decide-home'].legalRef,
    });
  }
  if (kase.state === 'in-rehab' && kase.term) {
    items.push({
      what: 'certify-completion',
      dueBy: kase.term.endsOn,
      actor: kase.certifier,
      overdue: isAfter(today, kase.term.endsOn),
      legalRef: voluntaryTransitions.complete.legalRef,
    });
  }
  return [...items, ...noticeDueItems(kase, today)];
}
