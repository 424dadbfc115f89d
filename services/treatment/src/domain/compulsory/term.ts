// The term at the facility (Decree 116/2021 Art. 58): absconding and return, the 3-monthly
// review, reductions, the release notice and the release (hospital stays: hospital.ts).
import { daysBetween, isBefore, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import type { CompulsoryRules } from './compulsory-rules.ts';
import { closeOpenAbsence, searchDecisionFor } from './court.ts';
import { computeTermEnd, halfTermServed, type TermEnd, type TermFacts } from './end-date.ts';
import { compulsoryErrors } from './errors.ts';
import { beginStep, completeStep, type CompulsoryPlacement } from './placement.ts';

/** The facts the end date is computed from; the case must have been admitted. */
export function termFactsOf(c: CompulsoryPlacement, rules: CompulsoryRules): TermFacts {
  const admission = c.admission;
  if (!admission || c.decision?.termMonths === undefined) {
    throw new RuleViolationError(compulsoryErrors.releaseBeforeAdmission, {
      params: { state: c.state },
    });
  }
  const interimFacilityDays = c.interim.reduce(
    (sum, i) =>
      i.kind === 'facility' ? sum + daysBetween(i.from, i.to ?? admission.admittedOn) : sum,
    0,
  );
  return {
    admittedOn: admission.admittedOn,
    termMonths: c.decision.termMonths,
    interimFacilityDays,
    absences: c.absences.filter((a) => a.phase === 'after-admission'),
    suspensions: c.suspensions,
    suspensionCountsTowardTerm: rules.forCase(c.openedOn).suspensionCountsTowardTerm,
    reductionMonths: c.reductions.reduce((sum, r) => sum + r.months, 0),
  };
}

/** The term's end as known on `asOf`. */
export function expectedEnd(
  c: CompulsoryPlacement,
  asOf: LocalDate,
  rules: CompulsoryRules,
): TermEnd {
  return computeTermEnd(termFactsOf(c, rules), asOf);
}

/** Absconding from the facility: the director issues the search decision; the term stops running. */
export function abscond(
  c: CompulsoryPlacement,
  input: { on: LocalDate; searchDecisionBy: string; searchDecisionOn: LocalDate },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'abscond', input.on, rules);
  const searchDecision = searchDecisionFor(input, r.searchAfterAdmission);
  const absence = { phase: 'after-admission' as const, from: input.on, searchDecision };
  return completeStep(c, 'abscond', input.on, { absences: [...c.absences, absence] });
}

/** Back at the facility; the days away are added to the end date. */
export function returnToFacility(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'return', on, rules);
  return completeStep(c, 'return', on, { absences: closeOpenAbsence(c, on) });
}

/** The director's review, whose list is posted at least 5 working days before going to the court. */
export function recordReview(
  c: CompulsoryPlacement,
  input: { id: string; reviewedOn: LocalDate; postedOn: LocalDate; sentToCourtOn: LocalDate },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'record-review', input.reviewedOn, rules);
  const posting = r.postingEndsOn(input.postedOn);
  if (isBefore(input.sentToCourtOn, posting.date)) {
    throw new RuleViolationError(compulsoryErrors.reviewPostingTooShort, {
      field: 'sentToCourtOn',
      params: { earliest: posting.date },
      legalRef: posting.legalRef,
    });
  }
  const review = { ...input, nextReviewDueBy: r.nextReviewDue(input.reviewedOn).date };
  return completeStep(c, 'record-review', input.reviewedOn, { reviews: [...c.reviews, review] });
}

export interface ReductionInput {
  on: LocalDate;
  reviewId: string;
  months: number;
  meritRecord: boolean;
  /** Consecutive most recent months rated good or better. */
  monthsRatedGood: number;
}

/** A reduction granted through a review: half the term served, conduct good, months in range. */
export function reduceTerm(
  c: CompulsoryPlacement,
  input: ReductionInput,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'reduce-term', input.on, rules);
  const legalRef = r.reductionGoodConduct.legalRef;
  const review = c.reviews.find((rv) => rv.id === input.reviewId);
  if (!review) {
    throw new RuleViolationError(compulsoryErrors.reviewRequired, {
      params: { reviewId: input.reviewId },
      legalRef,
    });
  }
  const half = halfTermServed(termFactsOf(c, rules), review.reviewedOn);
  if (!half.served) {
    throw new RuleViolationError(compulsoryErrors.reductionTooEarly, {
      params: { halfway: half.halfwayOn },
      legalRef,
    });
  }
  const conduct = r.reductionConduct.duration.amount;
  if (input.monthsRatedGood < conduct) {
    throw new RuleViolationError(compulsoryErrors.conductNotGoodEnough, {
      params: { months: conduct, rated: input.monthsRatedGood },
      legalRef,
    });
  }
  const range = input.meritRecord ? r.reductionMerit : r.reductionGoodConduct;
  if (!Number.isInteger(input.months) || input.months < range.min || input.months > range.max) {
    throw new RuleViolationError(compulsoryErrors.reductionOutOfRange, {
      field: 'months',
      params: { months: input.months, min: range.min, max: range.max, rule: range.key },
      legalRef: range.legalRef,
    });
  }
  const reduction = {
    decidedOn: input.on,
    months: input.months,
    merit: input.meritRecord,
    reviewId: input.reviewId,
  };
  return completeStep(c, 'reduce-term', input.on, { reductions: [...c.reductions, reduction] });
}

/** The release notice to the court, the commune and the family, due 15 days before the end. */
export function notifyRelease(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'notify-release', on, rules);
  const dueBy = r.releaseNoticeDueBy(expectedEnd(c, on, rules).endsOn).date;
  return completeStep(c, 'notify-release', on, {
    releaseNotice: { notifiedOn: on, dueBy, late: isBefore(dueBy, on) },
  });
}

/** Releases the person on or after the end date, with the release certificate (form 46). */
export function release(
  c: CompulsoryPlacement,
  input: { on: LocalDate; certificateId: string },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'release', input.on, rules);
  const end = expectedEnd(c, input.on, rules);
  if (isBefore(input.on, end.endsOn)) {
    throw new RuleViolationError(compulsoryErrors.releaseBeforeTermEnd, {
      params: { endsOn: end.endsOn, date: input.on },
      legalRef: 'Decree 116/2021/ND-CP (form 46)',
    });
  }
  return completeStep(c, 'release', input.on, {
    release: { on: input.on, certificateId: input.certificateId, remainderExcused: false },
  });
}
