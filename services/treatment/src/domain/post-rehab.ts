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
import { ageOn, isAfter, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import {
  caseRegime,
  requireActor,
  requireNotBefore,
  requireTransition,
  type DueItem,
} from './case-base.ts';
import {
  POST_REHAB_STEPS_REF,
  postRehabErrors,
  postRehabTransitions,
  type PostRehabCase,
  type RehabEnded,
} from './post-rehab-case.ts';
import type { CaseRules, TreatmentRules } from './treatment-rules.ts';

export * from './post-rehab-case.ts';

/**
 * Refuses an origin the person's age rules out: rehab measures apply from 12, and an
 * adult's compulsory rehab is decided only for a person aged 18 or more, so nobody younger
 * is released from it (Law 73/2021/QH14 Art. 32-34).
 */
function requireOriginFitsAge(input: RehabEnded, rules: CaseRules): void {
  const age = ageOn(input.dateOfBirth, input.rehabEndedOn);
  const minor = rules.minorAge();
  const minimum = input.origin === 'compulsory-adult' ? minor.max + 1 : minor.min;
  if (age < minimum) {
    throw new RuleViolationError(postRehabErrors.originAgeMismatch, {
      field: 'origin',
      legalRef: input.origin === 'compulsory-adult' ? 'Law 73/2021/QH14 Art. 32' : minor.legalRef,
      params: { age, origin: input.origin, minimum },
    });
  }
}

/** Opens post-rehab management when rehab ends. */
export function openPostRehabCase(
  input: RehabEnded,
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const rules = treatmentRules.forCase(input.rehabEndedOn);
  requireOriginFitsAge(input, rules);
  const compulsory = input.origin === 'compulsory-adult' || input.origin === 'compulsory-minor';
  return {
    id: input.caseId,
    personId: input.personId,
    unitCode: input.unitCode,
    kind: 'post-rehab',
    state: compulsory ? 'awaiting-report' : 'awaiting-file',
    openedOn: input.rehabEndedOn,
    regime: caseRegime(rules),
    timeline: [
      {
        on: input.rehabEndedOn,
        event: `rehab-ended-${input.origin}`,
        ...(input.sourceReference ? { note: input.sourceReference } : {}),
      },
    ],
    origin: input.origin,
    dateOfBirth: input.dateOfBirth,
    rehabEndedOn: input.rehabEndedOn,
    ...(input.sourceReference ? { sourceReference: input.sourceReference } : {}),
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
    dueBy
      ? [{ what, dueBy, actor, overdue: isAfter(today, dueBy), legalRef: POST_REHAB_STEPS_REF }]
      : [];
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
