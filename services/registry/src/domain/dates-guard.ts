import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { registryErrors } from './errors.ts';

/** Facts are recorded after they happen: no future dates, nothing before birth. */
export function requirePastFact(
  field: string,
  date: LocalDate,
  today: LocalDate,
  dateOfBirth?: LocalDate,
): void {
  if (date > today)
    throw new RuleViolationError(registryErrors.dateInFuture, { field, params: { field } });
  if (dateOfBirth && date < dateOfBirth) {
    throw new RuleViolationError(registryErrors.dateBeforeBirth, { field, params: { field } });
  }
}
