// The steps during post-rehab management: a helper (a volunteer helps at most 2 persons),
// periodic contacts and tests, absences (an unreported absence does not count toward the
// term, so it pushes the end back by the days absent), support needs for the vocational
// service, relapse, completion (certificate form 54, removal from the list) and removal
// for other reasons (Law 73/2021/QH14 Art. 40, 43; Decree 116/2021/ND-CP Art. 77-82).
import {
  addDays,
  ageOn,
  daysBetween,
  isBefore,
  RuleViolationError,
  type LocalDate,
} from '@rehab/domain-kit';
import { requireActor, requireNotBefore, requireTransition, type Transition } from './case-base.ts';
import { treatmentErrors } from './errors.ts';
import {
  postRehabTransitions,
  type PostRehabCase,
  type PostRehabState,
  type RemovalReason,
  type SupportNeed,
} from './post-rehab.ts';
import type { TreatmentRules } from './treatment-rules.ts';

const step = (
  kase: PostRehabCase,
  event: keyof typeof postRehabTransitions,
  on: LocalDate,
): Transition<PostRehabState> => {
  const transition = requireTransition(kase.kind, kase.state, event, postRehabTransitions);
  if (kase.term) requireNotBefore('on', on, 'the decision', kase.term.startsOn);
  return transition;
};

/** Refuses a helper who already helps the maximum number of persons. */
export function requireHelperCapacity(
  currentCount: number,
  max: { count: number; legalRef: string },
): void {
  if (currentCount >= max.count) {
    throw new RuleViolationError(treatmentErrors.helperAtCapacity, {
      legalRef: max.legalRef,
      params: { current: currentCount, max: max.count },
    });
  }
}

/** Assigns a helper, given how many persons they already help. */
export function assignHelper(
  kase: PostRehabCase,
  helper: { id: string; on: LocalDate; currentCount: number },
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const transition = step(kase, 'assign-helper', helper.on);
  requireHelperCapacity(
    helper.currentCount,
    treatmentRules.forCase(kase.regime.regimeDate).helperMaxPersons(),
  );
  return {
    ...kase,
    helper: { id: helper.id, assignedOn: helper.on },
    timeline: [
      ...kase.timeline,
      { on: helper.on, event: 'helper-assigned', legalRef: transition.legalRef },
    ],
  };
}

export function recordContact(kase: PostRehabCase, on: LocalDate): PostRehabCase {
  step(kase, 'record-contact', on);
  return { ...kase, contacts: [...kase.contacts, { on, kind: 'contact' }] };
}

export function recordSupportNeed(
  kase: PostRehabCase,
  need: SupportNeed,
  on: LocalDate,
): PostRehabCase {
  step(kase, 'record-support-need', on);
  return { ...kase, supportNeeds: [...kase.supportNeeds, { need, recordedOn: on }] };
}

/** Records an absence; an unreported one extends the term by its days (both ends included). */
export function recordAbsence(
  kase: PostRehabCase,
  absence: { from: LocalDate; to: LocalDate; reported: boolean },
): PostRehabCase {
  const transition = step(kase, 'record-absence', absence.from);
  requireNotBefore('to', absence.to, 'from', absence.from);
  const days = daysBetween(absence.from, absence.to) + 1;
  const absences = [...kase.absences, { ...absence, days }];
  const extensionDays = absences.filter((a) => !a.reported).reduce((sum, a) => sum + a.days, 0);
  const term = kase.term && {
    ...kase.term,
    extensionDays,
    endsOn: addDays(kase.term.baseEndsOn, extensionDays),
  };
  return {
    ...kase,
    absences,
    ...(term ? { term } : {}),
    timeline: [
      ...kase.timeline,
      {
        on: absence.from,
        event: absence.reported ? 'absence-reported' : 'absence-unreported',
        legalRef: transition.legalRef,
      },
    ],
  };
}

/** What a positive test during post-rehab management sets off. */
export interface RelapseOutcome {
  kind: 'relapse';
  on: LocalDate;
  /** Back to addiction-status determination (Law 73/2021/QH14 Art. 27). */
  determinationReferral: { reason: 'relapse-during-post-rehab'; legalRef: string };
  /** Grounds for compulsory placement; absent for a minor, who has no relapse trigger. */
  compulsoryTrigger?: { reason: 'relapse-during-post-rehab'; legalRef: string };
}

/** Records a test; a positive one ends management as a relapse. */
export function recordTest(
  kase: PostRehabCase,
  test: { on: LocalDate; positive: boolean },
  treatmentRules: TreatmentRules,
): { case: PostRehabCase; relapse?: RelapseOutcome } {
  const transition = step(kase, test.positive ? 'relapse' : 'negative-test', test.on);
  const tested: PostRehabCase = {
    ...kase,
    state: transition.to,
    contacts: [...kase.contacts, { on: test.on, kind: 'test', positive: test.positive }],
  };
  if (!test.positive) return { case: tested };
  const minor = treatmentRules.forCase(kase.regime.regimeDate).minorAge();
  const adult = ageOn(kase.dateOfBirth, test.on) > minor.max;
  const relapse: RelapseOutcome = {
    kind: 'relapse',
    on: test.on,
    determinationReferral: {
      reason: 'relapse-during-post-rehab',
      legalRef: 'Law 73/2021/QH14 Art. 27',
    },
    ...(adult
      ? {
          compulsoryTrigger: {
            reason: 'relapse-during-post-rehab',
            legalRef: 'Law 73/2021/QH14 Art. 32',
          },
        }
      : {}),
  };
  return {
    case: {
      ...tested,
      timeline: [
        ...tested.timeline,
        { on: test.on, event: 'relapse', legalRef: transition.legalRef },
      ],
    },
    relapse,
  };
}

/** Completes management once the term (with extensions) has ended with no use detected. */
export function completePostRehab(
  kase: PostRehabCase,
  completion: { on: LocalDate; by: string },
  treatmentRules: TreatmentRules,
): PostRehabCase {
  const transition = step(kase, 'complete', completion.on);
  const term = kase.term;
  if (!term || isBefore(completion.on, term.endsOn)) {
    throw new RuleViolationError(treatmentErrors.termNotEnded, {
      field: 'on',
      legalRef: transition.legalRef,
      params: { termEndsOn: term?.endsOn ?? 'unknown', date: completion.on },
    });
  }
  const certifier = treatmentRules
    .forCase(kase.regime.regimeDate)
    .actor('postRehab.completionCertifier');
  requireActor(certifier, completion.by, 'by');
  return {
    ...kase,
    state: transition.to,
    certificate: {
      issuedOn: completion.on,
      issuer: certifier.actor,
      form: '54',
      legalRef: certifier.legalRef,
    },
    timeline: [
      ...kase.timeline,
      {
        on: completion.on,
        event: 'completed-removed-from-list',
        actor: certifier.actor,
        legalRef: transition.legalRef,
      },
    ],
  };
}

/** Removes the person from the list for a reason other than completion. */
export function removeFromPostRehab(
  kase: PostRehabCase,
  removal: { on: LocalDate; reason: RemovalReason },
): PostRehabCase {
  const transition = requireTransition(kase.kind, kase.state, 'remove', postRehabTransitions);
  requireNotBefore('on', removal.on, 'rehabEndedOn', kase.rehabEndedOn);
  return {
    ...kase,
    state: transition.to,
    removal,
    timeline: [
      ...kase.timeline,
      { on: removal.on, event: `removed-${removal.reason}`, legalRef: transition.legalRef },
    ],
  };
}
