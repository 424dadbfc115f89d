// From the court to admission: the decision or refusal, the admission deadline and its
// deferral, postponement and exemption, and absconding before admission.
import {
  isAfter,
  isBefore,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import type { CompulsoryRules, RuledActor } from './compulsory-rules.ts';
import { compulsoryErrors } from './errors.ts';
import {
  beginStep,
  completeStep,
  requireActor,
  type Absence,
  type CompulsoryPlacement,
} from './placement.ts';

export interface CourtDecisionInput {
  on: LocalDate;
  actor: string;
  termMonths: number;
}

/**
 * The court places the person for a term within the age group's range (adults 12-24
 * months, minors 6-12 under LAW-2021; 24 or 36 months under LAW-2025). Admission is due
 * within 5 days.
 */
export function decideByCourt(
  c: CompulsoryPlacement,
  input: CourtDecisionInput,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'court-decide', input.on, rules);
  requireActor('court-decide', input.actor, r.court);
  const range = r.term(c.ageGroup, c.ordinal);
  if (
    !Number.isInteger(input.termMonths) ||
    input.termMonths < range.min ||
    input.termMonths > range.max
  ) {
    throw new RuleViolationError(sharedErrors.termOutOfRange, {
      field: 'termMonths',
      params: { months: input.termMonths, min: range.min, max: range.max, rule: range.key },
      legalRef: range.legalRef,
    });
  }
  const decision = {
    decidedOn: input.on,
    court: input.actor,
    termMonths: input.termMonths,
    regime: range.regime,
    legalRef: range.legalRef,
    confirmed: range.confirmed,
  };
  return completeStep(c, 'court-decide', input.on, {
    decision,
    admissionDueBy: r.admissionDueBy(input.on).date,
  });
}

/** The court refuses the placement; the case ends. */
export function refuseByCourt(
  c: CompulsoryPlacement,
  input: { on: LocalDate; actor: string },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'court-refuse', input.on, rules);
  requireActor('court-refuse', input.actor, r.court);
  const decision = { decidedOn: input.on, court: input.actor, ...sourceOf(r.court) };
  return completeStep(c, 'court-refuse', input.on, { decision });
}

const sourceOf = (s: { regime: string; legalRef: string; confirmed: boolean }) => ({
  regime: s.regime,
  legalRef: s.legalRef,
  confirmed: s.confirmed,
});

/** Defers admission because the facility is full, at most 3 months from the decision. */
export function deferAdmission(
  c: CompulsoryPlacement,
  input: { on: LocalDate; until: LocalDate },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'defer-admission', input.on, rules);
  const decidedOn = c.decision?.decidedOn ?? input.on;
  const latest = r.latestDeferral(decidedOn);
  if (isAfter(input.until, latest.date)) {
    throw new RuleViolationError(compulsoryErrors.deferralTooLong, {
      field: 'until',
      params: { latest: latest.date, until: input.until },
      legalRef: latest.legalRef,
    });
  }
  return completeStep(c, 'defer-admission', input.on, {
    deferredUntil: input.until,
    admissionDueBy: input.until,
  });
}

/** Admits the person to the facility (form 40); a late admission is flagged. */
export function admit(
  c: CompulsoryPlacement,
  input: { on: LocalDate; facilityId: string },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'admit', input.on, rules);
  const late = c.admissionDueBy !== undefined && isAfter(input.on, c.admissionDueBy);
  const interim = c.interim.map((i) => (i.to === undefined ? { ...i, to: input.on } : i));
  return completeStep(c, 'admit', input.on, {
    interim,
    admission: { admittedOn: input.on, facilityId: input.facilityId, late },
  });
}

/** Postpones the execution for serious illness or family hardship. */
export function postpone(
  c: CompulsoryPlacement,
  input: { on: LocalDate; ground: 'serious-illness' | 'family-hardship' },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'postpone', input.on, rules);
  return completeStep(c, 'postpone', input.on, {
    postponement: { from: input.on, ground: input.ground },
  });
}

/** Ends a postponement; a fresh admission deadline runs from that day. */
export function endPostponement(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'end-postponement', on, rules);
  const postponement = c.postponement && { ...c.postponement, endedOn: on };
  return completeStep(c, 'end-postponement', on, {
    ...(postponement ? { postponement } : {}),
    admissionDueBy: r.admissionDueBy(on).date,
  });
}

/**
 * Exempts the person: voluntary rehab completed during a postponement (only while
 * postponed), or pregnancy (before admission).
 */
export function exempt(
  c: CompulsoryPlacement,
  input: { on: LocalDate; ground: 'voluntary-rehab-completed' | 'pregnancy' },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'exempt', input.on, rules);
  if (input.ground === 'voluntary-rehab-completed' && c.state !== 'postponed') {
    throw new RuleViolationError(compulsoryErrors.exemptionGroundNotApplicable, {
      field: 'ground',
      params: { ground: input.ground, state: c.state },
      legalRef: 'Law 73/2021/QH14 Art. 32; Decree 116/2021/ND-CP',
    });
  }
  return completeStep(c, 'exempt', input.on, { exemption: { on: input.on, ground: input.ground } });
}

/** Absconding before admission: the search decision is the dossier police's (form 41). */
export function abscondBeforeAdmission(
  c: CompulsoryPlacement,
  input: { on: LocalDate; searchDecisionBy: string; searchDecisionOn: LocalDate },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'abscond-before-admission', input.on, rules);
  const searchDecision = searchDecisionFor(input, r.searchBeforeAdmission);
  const absence = { phase: 'before-admission' as const, from: input.on, searchDecision };
  return completeStep(c, 'abscond-before-admission', input.on, {
    absences: [...c.absences, absence],
  });
}

/**
 * The search decision (form 41) of an absence starting on `input.on`: by the office the
 * regime names, and not dated before the person went missing.
 */
export function searchDecisionFor(
  input: { on: LocalDate; searchDecisionBy: string; searchDecisionOn: LocalDate },
  expected: RuledActor,
): Absence['searchDecision'] {
  requireActor('search-decision', input.searchDecisionBy, expected);
  if (isBefore(input.searchDecisionOn, input.on)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'searchDecisionOn',
      params: {
        field: 'searchDecisionOn',
        date: input.searchDecisionOn,
        before: 'on',
        beforeDate: input.on,
      },
    });
  }
  return { by: input.searchDecisionBy, on: input.searchDecisionOn, legalRef: expected.legalRef };
}

/** Found or back before admission: a fresh admission deadline runs. */
export function returnBeforeAdmission(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'return-before-admission', on, rules);
  return completeStep(c, 'return-before-admission', on, {
    absences: closeOpenAbsence(c, on),
    admissionDueBy: r.admissionDueBy(on).date,
  });
}

/** The absences with the open one closed on `on`. */
export function closeOpenAbsence(
  c: CompulsoryPlacement,
  on: LocalDate,
): CompulsoryPlacement['absences'] {
  if (!c.absences.some((a) => a.to === undefined))
    throw new RuleViolationError(compulsoryErrors.notAbsent);
  return c.absences.map((a) => (a.to === undefined ? { ...a, to: on } : a));
}
