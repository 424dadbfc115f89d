import { RuleViolationError } from '@rehab/domain-kit';
import { registryErrors } from './errors.ts';
import type { Person } from './person.ts';

/** After death or a declaration of missing status, the record is closed to new facts. */
export function requireActivePerson(person: Person): void {
  if (person.lifeStatus !== 'active') {
    throw new RuleViolationError(registryErrors.personNotActive, {
      params: { status: person.lifeStatus },
    });
  }
}
