// Post-rehab management (quản lý sau cai nghiện ma túy; Law 73/2021/QH14 Art. 40, 43;
// Decree 116/2021/ND-CP Art. 77-82): opened when rehab ends (voluntary, compulsory for an
// adult or a minor, or completed methadone). Decisions documented:
// - The regime date is the day rehab ended (release or completion): the person's
//   deadlines run from it, and the management decision follows within days.
// - Only a person released from compulsory rehab must report in (5 working days); for
//   the other origins the completion certificate reaches the commune directly, so the
//   file (police proposal, form 50) is due 3 working days from the completion.
// - Late steps are recorded (`…Late`), not refused; out-of-order dates are refused.
// The steps during management are in post-rehab-management.ts.
import { isAfter, type LocalDate } from '@rehab/domain-kit';
import {
  caseRegime,
  requireActor,
  requireNotBefore,
  requireTransition,
  type CaseBase,
  type DueItem,
  type Transition,
} from './case-base.ts';
import type { PostRehabOrigin, TreatmentRules } from './treatment-rules.ts';

export type PostRehabState =
  | 'awaiting-report'
  | 'awaiting-file'
  | 'awaiting-decision'
  | 'under-management'
  | 'completed'
  | 'relapsed'
  | 'removed';

const STEPS_REF = 'Law 73/2021/QH14 Art. 40; Decree 116/2021/ND-CP Art. 77-82';
const ACTIVE: PostRehabState[] = [
  'awaiting-report',
  'awaiting-file',
  'awaiting-decision',
  'under-management',
];

/** The post-rehab state machine. */
export const postRehabTransitions = {
  'report-in': {
    from: ['awaiting-report'],
    to: 'awaiting-file',
    guard:
      'released from compulsory rehab; reported on or after release (late if after 5 working days)',
    legalRef: STEPS_REF,
  },
  'open-file': {
    from: ['awaiting-file'],
    to: 'awaiting-decision',
    guard: 'police proposal (form 50) on or after the report or completion',
    legalRef: STEPS_REF,
  },
  decide: {
    from: ['awaiting-decision'],
    to: 'under-management',
    guard: 'by the actor the regime names, on or after the proposal; term by origin and age',
    legalRef: 'Law 73/2021/QH14 Art. 40; Decree 116/2021/ND-CP (form 51)',
  },
  'assign-helper': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'the helper helps fewer than the maximum (2) persons',
    legalRef: STEPS_REF,
  },
  'record-contact': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'none',
    legalRef: STEPS_REF,
  },
  'record-absence': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'an unreported absence extends the term by the days absent',
    legalRef: STEPS_REF,
  },
  'record-support-need': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'none',
    legalRef: STEPS_REF,
  },
  'negative-test': {
    from: ['under-management'],
    to: 'under-management',
    guard: 'none',
    legalRef: STEPS_REF,
  },
  relapse: {
    from: ['under-management'],
    to: 'relapsed',
    guard: 'a positive test: determination referral; compulsory trigger for adults',
    legalRef: 'Law 73/2021/QH14 Art. 27, 32',
  },
  complete: {
    from: ['under-management'],
    to: 'completed',
    guard: 'the term (with any extension) has ended with no use detected; certificate form 54',
    legalRef: STEPS_REF,
  },
  remove: {
    from: ACTIVE,
    to: 'removed',
    guard: 'imprisoned, moved away, died or declared missing',
    legalRef: STEPS_REF,
  },
} as const satisfies Record<string, Transition<PostRehabState>>;

export interface PostRehabTerm {
  startsOn: LocalDate;
  /** End of the term as decided, before extensions. */
  baseEndsOn: LocalDate;
  /** End including the days of unreported absence. */
  endsOn: LocalDate;
  extensionDays: number;
  legalRef: string;
  confirmed: boolean;
}

export interface PostRehabCase extends CaseBase<'post-rehab', PostRehabState> {
  origin: PostRehabOrigin;
  dateOfBirth: LocalDate;
  /** The day rehab ended: release from compulsory rehab, or the completion certificate. */
  rehabEndedOn: LocalDate;
  decisionActor: string;
  certifier: string;
  reportInDueBy?: LocalDate;
  report?: { on: LocalDate; late: boolean };
  fileDueBy?: LocalDate;
  file?: { openedOn: LocalDate; late: boolean };
  decisionDueBy?: LocalDate;
  decision?: { on: LocalDate; by: string; late: boolean };
  term?: PostRehabTerm;
  helper?: { id: string; assignedOn: LocalDate };
  contacts: { on: LocalDate; kind: 'contact' | 'test'; positive?: boolean }[];
  absences: { from: LocalDate; to: LocalDate; reported: boolean; days: number }[];
  supportNeeds: { need: SupportNeed; recordedOn: LocalDate }[];
  certificate?: { issuedOn: LocalDate; issuer: string; form: '54'; legalRef: string };
  removal?: { on: LocalDate; reason: RemovalReason };
}

export type SupportNeed = 'schooling' | 'vocational-training' | 'job' | 'loan';
export type RemovalReason = 'imprisoned' | 'moved-away' | 'died' | 'declared-missing';

export interface RehabEnded {
  caseId: string;
  personId: string;
  unitCode: string;
  origin: PostRehabOrigin;
  rehabEndedOn: LocalDate;
  dateOfBirth: LocalDate;
}

/** Opens post-rehab management when rehab ends. */
export function openPostRehabCase(
  input: RehabEnded,
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const rules = treatmentRules.forCase(input.rehabEndedOn);
  const compulsory = input.origin === 'compulsory-adult' || input.origin === 'compulsory-minor';
  return {
    id: input.caseId,
    personId: input.personId,
    unitCode: input.unitCode,
    kind: 'post-rehab',
    state: compulsory ? 'awaiting-report' : 'awaiting-file',
    openedOn: input.rehabEndedOn,
    regime: caseRegime(rules),
    timeline: [{ on: input.rehabEndedOn, event: `rehab-ended-${input.origin}` }],
    origin: input.origin,
    dateOfBirth: input.dateOfBirth,
    rehabEndedOn: input.rehabEndedOn,
    decisionActor: rules.actor('postRehab.decisionActor').actor,
    certifier: rules.actor('postRehab.completionCertifier').actor,
    ...(compulsory
      ? { reportInDueBy: rules.postRehabReportInDeadline(input.rehabEndedOn).date }
      : { fileDueBy: rules.postRehabFileDeadline(input.rehabEndedOn).date }),
    contacts: [],
    absences: [],
    supportNeeds: [],
  };
}

/** The released person reports to the commune; the file is then due. */
export function reportIn(
  kase: PostRehabCase,
  on: LocalDate,
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const transition = requireTransition(kase.kind, kase.state, 'report-in', postRehabTransitions);
  requireNotBefore('on', on, 'rehabEndedOn', kase.rehabEndedOn);
  const late = kase.reportInDueBy !== undefined && isAfter(on, kase.reportInDueBy);
  return {
    ...kase,
    state: transition.to,
    report: { on, late },
    fileDueBy: treatmentRules.forCase(kase.regime.regimeDate).postRehabFileDeadline(on).date,
    timeline: [
      ...kase.timeline,
      { on, event: 'reported-in', actor: 'person', legalRef: transition.legalRef },
    ],
  };
}

/** The police proposal opens the file (form 50); the decision is then due. */
export function openFile(
  kase: PostRehabCase,
  on: LocalDate,
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const transition = requireTransition(kase.kind, kase.state, 'open-file', postRehabTransitions);
  requireNotBefore('on', on, 'the report or completion', kase.report?.on ?? kase.rehabEndedOn);
  const late = kase.fileDueBy !== undefined && isAfter(on, kase.fileDueBy);
  return {
    ...kase,
    state: transition.to,
    file: { openedOn: on, late },
    decisionDueBy: treatmentRules.forCase(kase.regime.regimeDate).postRehabDecisionDeadline(on)
      .date,
    timeline: [
      ...kase.timeline,
      { on, event: 'file-opened', actor: 'commune-police', legalRef: transition.legalRef },
    ],
  };
}

/** The management decision (form 51): the term runs from it, by origin (Art. 40). */
export function decidePostRehab(
  kase: PostRehabCase,
  decision: { on: LocalDate; by: string },
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const transition = requireTransition(kase.kind, kase.state, 'decide', postRehabTransitions);
  const rules = treatmentRules.forCase(kase.regime.regimeDate);
  requireActor(rules.actor('postRehab.decisionActor'), decision.by, 'by');
  requireNotBefore('on', decision.on, 'the proposal', kase.file?.openedOn ?? kase.rehabEndedOn);
  const end = rules.postRehabTermEnd(kase.origin, decision.on);
  const late = kase.decisionDueBy !== undefined && isAfter(decision.on, kase.decisionDueBy);
  return {
    ...kase,
    state: transition.to,
    decision: { on: decision.on, by: decision.by, late },
    term: {
      startsOn: decision.on,
      baseEndsOn: end.date,
      endsOn: end.date,
      extensionDays: 0,
      legalRef: end.legalRef,
      confirmed: end.confirmed,
    },
    timeline: [
      ...kase.timeline,
      { on: decision.on, event: 'post-rehab-decided', actor: decision.by, legalRef: end.legalRef },
    ],
  };
}

/** What post-rehab management owes next, by state. */
export function postRehabDueItems(kase: PostRehabCase, today: LocalDate): DueItem[] {
  const item = (what: string, dueBy: LocalDate | undefined, actor: string): DueItem[] =>
    dueBy ? [{ what, dueBy, actor, overdue: isAfter(today, dueBy), legalRef: STEPS_REF }] : [];
  switch (kase.state) {
    case 'awaiting-report':
      return item('report-in-after-release', kase.reportInDueBy, 'person');
    case 'awaiting-file':
      return item('open-post-rehab-file', kase.fileDueBy, 'commune-police');
    case 'awaiting-decision':
      return item('decide-post-rehab-management', kase.decisionDueBy, kase.decisionActor);
    case 'under-management':
      return item('complete-post-rehab-management', kase.term?.endsOn, kase.certifier);
    default:
      return [];
  }
}
