// One rule for every date a caller gives: the record follows the fact, so a step, a
// decision or the end of rehab dated after today is refused (422), naming the field.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';

/** Refuses `date` (when given) if it is after `today`. */
export function requireOccurred(
  field: string,
  date: LocalDate | undefined,
  today: LocalDate,
): void {
  if (date !== undefined && date > today) {
    throw new RuleViolationError(sharedErrors.dateInFuture, {
      field,
      params: { field, date, today },
    });
  }
}
