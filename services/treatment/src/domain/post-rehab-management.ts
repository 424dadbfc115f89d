// The steps during post-rehab management: a helper (a volunteer helps at most 2 persons),
// periodic contacts, absences (an unreported absence does not count toward the term, so it
// pushes the end back by the days absent) and support needs for the vocational service
// (Law 73/2021/QH14 Art. 40, 43; Decree 116/2021/ND-CP Art. 77-82). How management ends
// (tests and relapse, completion, removal) is in post-rehab-outcomes.ts.
import {
  addDays,
  daysBetween,
  isAfter,
  isBefore,
  RuleViolationError,
  type LocalDate,
} from '@rehab/domain-kit';
import { requireNotBefore } from './case-base.ts';
import { treatmentErrors } from './errors.ts';
import {
  beginPostRehabStep as step,
  postRehabErrors,
  type PostRehabCase,
  type SupportNeed,
} from './post-rehab-case.ts';
import type { TreatmentRules } from './treatment-rules.ts';

export * from './post-rehab-outcomes.ts';

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

/** Records a periodic contact (counselling, relapse prevention, a visit). */
export function recordContact(kase: PostRehabCase, on: LocalDate): PostRehabCase {
  const transition = step(kase, 'record-contact', on);
  return {
    ...kase,
    contacts: [...kase.contacts, { on, kind: 'contact' }],
    timeline: [...kase.timeline, { on, event: 'contact-recorded', legalRef: transition.legalRef }],
  };
}

/** Records a need for support that the vocational service (or the school) acts on. */
export function recordSupportNeed(
  kase: PostRehabCase,
  need: SupportNeed,
  on: LocalDate,
): PostRehabCase {
  const transition = step(kase, 'record-support-need', on);
  return {
    ...kase,
    supportNeeds: [...kase.supportNeeds, { need, recordedOn: on }],
    timeline: [
      ...kase.timeline,
      { on, event: `support-need-${need}`, legalRef: transition.legalRef },
    ],
  };
}

/**
 * Records an absence; an unreported one extends the term by its days (both ends included).
 * An overlap with a recorded absence is refused: the same days would extend the term twice.
 */
export function recordAbsence(
  kase: PostRehabCase,
  absence: { from: LocalDate; to: LocalDate; reported: boolean; reason?: string | undefined },
): PostRehabCase {
  const transition = step(kase, 'record-absence', absence.from);
  requireNotBefore('to', absence.to, 'from', absence.from);
  const overlapped = kase.absences.find(
    (other) => !isAfter(absence.from, other.to) && !isBefore(absence.to, other.from),
  );
  if (overlapped) {
    throw new RuleViolationError(postRehabErrors.absenceOverlaps, {
      field: 'from',
      legalRef: transition.legalRef,
      params: {
        from: absence.from,
        to: absence.to,
        otherFrom: overlapped.from,
        otherTo: overlapped.to,
      },
    });
  }
  const days = daysBetween(absence.from, absence.to) + 1;
  const recorded = {
    from: absence.from,
    to: absence.to,
    reported: absence.reported,
    days,
    ...(absence.reason ? { reason: absence.reason } : {}),
  };
  const absences = [...kase.absences, recorded];
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
