// How a voluntary episode ends: completion with a certificate (the commune chairman for
// home/community, form 26a; the facility, form 26b), or a violation (quitting, not
// carrying it out, or a positive test during it) that is the basis for compulsory
// placement (Law 73/2021/QH14 Art. 32).
import { isBefore, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { requireActor, requireNotBefore, requireTransition, type Violation } from './case-base.ts';
import { treatmentErrors } from './errors.ts';
import { withNoticeObligation } from './provider-notices.ts';
import type { TreatmentRules } from './treatment-rules.ts';
import { voluntaryTransitions, type VoluntaryCase } from './voluntary-rehab.ts';

/** Completes the episode and issues the completion certificate. */
export function completeVoluntary(
  kase: VoluntaryCase,
  completion: { on: LocalDate; by: string; certificateId?: string },
  treatmentRules: TreatmentRules,
): VoluntaryCase {
  const transition = requireTransition(kase.kind, kase.state, 'complete', voluntaryTransitions);
  const rules = treatmentRules.forCase(kase.regime.regimeDate);
  const minimum = rules.minimumStages('voluntary');
  if (kase.stages.length < minimum.count) {
    throw new RuleViolationError(treatmentErrors.stagesIncomplete, {
      legalRef: minimum.legalRef,
      params: { required: minimum.count, done: kase.stages.length },
    });
  }
  const term = kase.term;
  if (!term || isBefore(completion.on, term.minimumEndsOn)) {
    throw new RuleViolationError(treatmentErrors.completionBeforeMinimumTerm, {
      field: 'on',
      legalRef: term?.legalRef ?? transition.legalRef,
      params: { date: completion.on, minimumEnd: term?.minimumEndsOn ?? 'unknown' },
    });
  }
  const lastStage = kase.stages.at(-1);
  if (lastStage) requireNotBefore('on', completion.on, 'the last stage', lastStage.completedOn);
  const home = kase.kind === 'voluntary-home';
  const issuer = rules.actor(
    home ? 'voluntary.homeCompletionCertifier' : 'voluntary.facilityCompletionCertifier',
  );
  requireActor(issuer, completion.by, 'by');
  const completed: VoluntaryCase = {
    ...kase,
    state: transition.to,
    certificate: {
      ...(completion.certificateId ? { id: completion.certificateId } : {}),
      issuedOn: completion.on,
      issuer: issuer.actor,
      form: home ? '26a' : '26b',
      legalRef: issuer.legalRef,
    },
    timeline: [
      ...kase.timeline,
      {
        on: completion.on,
        event: 'completion-certified',
        actor: issuer.actor,
        legalRef: transition.legalRef,
      },
    ],
  };
  return withNoticeObligation(completed, 'completion', completion.on, rules);
}

export type VoluntaryBreach = 'quit' | 'not-carried-out' | 'positive-test';

const violationKinds: Record<VoluntaryBreach, Violation['kind']> = {
  quit: 'quit-voluntary-rehab',
  'not-carried-out': 'not-carried-out',
  'positive-test': 'positive-test-in-rehab',
};

/** Ends the episode with a violation record; a provider owes a quitting notice. */
export function recordVoluntaryViolation(
  kase: VoluntaryCase,
  breach: { kind: VoluntaryBreach; on: LocalDate },
  treatmentRules: TreatmentRules,
): VoluntaryCase {
  const transition = requireTransition(kase.kind, kase.state, breach.kind, voluntaryTransitions);
  if (kase.term) requireNotBefore('on', breach.on, 'the term start', kase.term.startsOn);
  else requireNotBefore('on', breach.on, 'registeredOn', kase.registeredOn);
  const violation: Violation = {
    kind: violationKinds[breach.kind],
    on: breach.on,
    legalRef: transition.legalRef,
  };
  const violated: VoluntaryCase = {
    ...kase,
    state: transition.to,
    violation,
    timeline: [
      ...kase.timeline,
      { on: breach.on, event: `violation-${violation.kind}`, legalRef: violation.legalRef },
    ],
  };
  if (breach.kind !== 'quit') return violated;
  return withNoticeObligation(
    violated,
    'quitting',
    breach.on,
    treatmentRules.forCase(kase.regime.regimeDate),
  );
}
