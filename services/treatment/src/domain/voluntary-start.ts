// How a voluntary episode starts: the commune's decision on home/community rehab (form 24)
// or the admission to a facility. Either starts the term, checked against the regime's
// range (LAW-2025 distinguishes a first rehab), and a provider then owes a start notice.
import { isAfter, RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { requireActor, requireNotBefore, requireTransition } from './case-base.ts';
import { withNoticeObligation } from './provider-notices.ts';
import type { TreatmentRules } from './treatment-rules.ts';
import { voluntaryTransitions, type VoluntaryCase, type VoluntaryTerm } from './voluntary-rehab.ts';

function termFrom(
  kase: VoluntaryCase,
  startsOn: LocalDate,
  months: number,
  treatmentRules: TreatmentRules,
): VoluntaryTerm {
  const rules = treatmentRules.forCase(kase.regime.regimeDate);
  const range = rules.voluntaryTerm(kase.firstRehab);
  if (!Number.isInteger(months) || months < range.min || months > range.max) {
    throw new RuleViolationError(sharedErrors.termOutOfRange, {
      field: 'termMonths',
      legalRef: range.legalRef,
      params: { months, min: range.min, max: range.max, rule: range.key },
    });
  }
  return {
    startsOn,
    months,
    endsOn: rules.monthsAfter(startsOn, months),
    minimumEndsOn: rules.monthsAfter(startsOn, range.min),
    legalRef: range.legalRef,
    confirmed: range.confirmed,
  };
}

/** The commune's decision on home/community rehab (form 24), which starts the term. */
export function decideHomeRehab(
  kase: VoluntaryCase,
  decision: {
    on: LocalDate;
    by: string;
    termMonths: number;
    responsible: { kind: 'official' | 'provider'; id: string };
  },
  treatmentRules: TreatmentRules,
): VoluntaryCase {
  const transition = requireTransition(kase.kind, kase.state, 'decide-home', voluntaryTransitions);
  const rules = treatmentRules.forCase(kase.regime.regimeDate);
  requireActor(rules.actor('voluntary.homeDecisionActor'), decision.by, 'by');
  requireNotBefore('on', decision.on, 'registeredOn', kase.registeredOn);
  const term = termFrom(kase, decision.on, decision.termMonths, treatmentRules);
  const decidedLate = kase.decisionDueBy !== undefined && isAfter(decision.on, kase.decisionDueBy);
  const decided: VoluntaryCase = {
    ...kase,
    state: transition.to,
    decision: { on: decision.on, by: decision.by, decidedLate, responsible: decision.responsible },
    term,
    timeline: [
      ...kase.timeline,
      {
        on: decision.on,
        event: 'home-rehab-decided',
        actor: decision.by,
        legalRef: transition.legalRef,
      },
    ],
  };
  return withNoticeObligation(decided, 'start', decision.on, rules);
}

/** Admission to a facility, which starts the term. */
export function admitToFacility(
  kase: VoluntaryCase,
  admission: { on: LocalDate; facilityId: string; termMonths: number },
  treatmentRules: TreatmentRules,
): VoluntaryCase {
  const transition = requireTransition(kase.kind, kase.state, 'admit', voluntaryTransitions);
  requireNotBefore('on', admission.on, 'registeredOn', kase.registeredOn);
  const term = termFrom(kase, admission.on, admission.termMonths, treatmentRules);
  const admitted: VoluntaryCase = {
    ...kase,
    state: transition.to,
    admission: { on: admission.on, facilityId: admission.facilityId },
    term,
    timeline: [
      ...kase.timeline,
      { on: admission.on, event: 'admitted', actor: 'facility', legalRef: transition.legalRef },
    ],
  };
  return withNoticeObligation(
    admitted,
    'start',
    admission.on,
    treatmentRules.forCase(kase.regime.regimeDate),
  );
}
