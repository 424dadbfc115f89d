import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { registryErrors } from './errors.ts';

/** Facts are recorded after they happen: no future dates, nothing before birth. */
export function requirePastFact(
  field: string,
  date: LocalDate,
  today: LocalDate,
  dateOfBirth?: LocalDate,
): void {
  if (date > today)
    throw new RuleViolationError(sharedErrors.dateInFuture, {
      field,
      params: { field, date, today },
    });
  if (dateOfBirth && date < dateOfBirth) {
    throw new RuleViolationError(registryErrors.dateBeforeBirth, { field, params: { field } });
  }
}
