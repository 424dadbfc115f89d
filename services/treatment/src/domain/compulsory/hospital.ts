// Suspension for a hospital stay over 10 days, and the return or the excused remainder
// (Decree 116/2021 Art. 58).
import {
  addMonths,
  daysBetween,
  isBefore,
  RuleViolationError,
  type LocalDate,
} from '@rehab/domain-kit';
import type { CompulsoryRules } from './compulsory-rules.ts';
import { computeTermEnd } from './end-date.ts';
import { compulsoryErrors } from './errors.ts';
import { beginStep, completeStep, type CompulsoryPlacement } from './placement.ts';
import { termFactsOf } from './term.ts';

/** Suspension for a hospital stay expected to last over 10 days. */
export function suspendForHospital(
  c: CompulsoryPlacement,
  input: { on: LocalDate; hospital: string; expectedDays: number },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'suspend-for-hospital', input.on, rules);
  if (input.expectedDays <= r.hospitalThresholdDays) {
    throw new RuleViolationError(compulsoryErrors.hospitalStayTooShort, {
      field: 'expectedDays',
      params: { days: r.hospitalThresholdDays },
      legalRef: r.minimumRemainingToReturn.legalRef,
    });
  }
  const suspension = { from: input.on, hospital: input.hospital };
  return completeStep(c, 'suspend-for-hospital', input.on, {
    suspensions: [...c.suspensions, suspension],
  });
}

function afterHospital(c: CompulsoryPlacement, on: LocalDate, rules: CompulsoryRules) {
  const suspensions = c.suspensions.map((s) => (s.to === undefined ? { ...s, to: on } : s));
  const end = computeTermEnd(termFactsOf({ ...c, suspensions }, rules), on);
  const r = rules.forCase(c.openedOn);
  const needed = addMonths(on, r.minimumRemainingToReturn.duration.amount);
  return {
    suspensions,
    end,
    needed,
    enough: !isBefore(end.endsOn, needed),
    legalRef: r.minimumRemainingToReturn.legalRef,
  };
}

/** Back from hospital when at least 3 months of the term remain. */
export function resumeAfterHospital(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'resume', on, rules);
  const after = afterHospital(c, on, rules);
  if (!after.enough) {
    throw new RuleViolationError(compulsoryErrors.tooLittleTermToReturn, {
      params: { remaining: daysBetween(on, after.end.endsOn), needed: after.needed },
      legalRef: after.legalRef,
    });
  }
  return completeStep(c, 'resume', on, { suspensions: after.suspensions });
}

/** Ends the case at the end of the hospital stay when under 3 months remain. */
export function excuseRemainder(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'excuse-remainder', on, rules);
  const after = afterHospital(c, on, rules);
  if (after.enough) {
    throw new RuleViolationError(compulsoryErrors.tooMuchTermToExcuse, {
      params: { endsOn: after.end.endsOn },
      legalRef: after.legalRef,
    });
  }
  return completeStep(c, 'excuse-remainder', on, {
    suspensions: after.suspensions,
    release: { on, remainderExcused: true },
  });
}
