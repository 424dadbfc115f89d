// One rule for every date a caller gives: the record follows the fact, so a step, a
// decision or the end of rehab dated after today is refused, naming the field.
import { InputError, errorCode, type LocalDate } from '@rehab/domain-kit';

export const dateInFuture = errorCode(
  'date-in-future',
  '{field} ({date}) is after today ({today}): a fact is recorded once it has happened',
  '{field} ({date}) sau ngày hôm nay ({today}): chỉ ghi nhận sự việc đã diễn ra',
);

/** Refuses `date` (when given) if it is after `today`. */
export function requireOccurred(
  field: string,
  date: LocalDate | undefined,
  today: LocalDate,
): void {
  if (date !== undefined && date > today) {
    throw new InputError(dateInFuture, { field, params: { field, date, today } });
  }
}
