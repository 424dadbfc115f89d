// How post-rehab management ends: a test (a positive one is a relapse, back to
// determination and, for an adult, the compulsory-placement trigger), completion with the
// certificate (form 54) and removal from the list, or removal for another reason (Law
// 73/2021/QH14 Art. 27, 32, 40, 43; Decree 116/2021/ND-CP Art. 77-82).
import { ageOn, isBefore, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { requireActor, requireNotBefore, requireTransition } from './case-base.ts';
import { treatmentErrors } from './errors.ts';
import {
  beginPostRehabStep as step,
  postRehabTransitions,
  type PostRehabCase,
  type RemovalReason,
} from './post-rehab-case.ts';
import type { TreatmentRules } from './treatment-rules.ts';

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
  if (!test.positive) {
    return {
      case: {
        ...tested,
        timeline: [
          ...tested.timeline,
          { on: test.on, event: 'test-negative', legalRef: transition.legalRef },
        ],
      },
    };
  }
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
  completion: { on: LocalDate; by: string; certificateId: string },
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
      id: completion.certificateId,
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
