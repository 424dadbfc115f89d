// One rule for every date a caller gives: the record follows the fact, so a session, a
// follow-up or a disbursement dated after today is refused (422), naming the field.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';

export function requireOccurred(field: string, date: LocalDate, today: LocalDate): void {
  if (date > today) {
    throw new RuleViolationError(sharedErrors.dateInFuture, {
      field,
      params: { field, date, today },
    });
  }
}
