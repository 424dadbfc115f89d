import { NotFoundError } from '@rehab/domain-kit';
import type { EventEnvelope } from '@rehab/events';
import { registryErrors } from '../domain/errors.ts';
import type { Person } from '../domain/person.ts';
import type { RegistryDeps } from './deps.ts';

/** Throws 403 unless the caller may act on records of the unit. */
export type JurisdictionGuard = (unitCode: string) => void;

/** Loads a person the caller may act on; 404 when absent. */
export async function loadPerson(
  deps: RegistryDeps,
  personId: string,
  guard: JurisdictionGuard,
): Promise<Person> {
  const person = await deps.persons.get(personId);
  if (!person) throw new NotFoundError(registryErrors.personNotFound, { params: { id: personId } });
  guard(person.residence.unitCode);
  return person;
}

/**
 * Load (jurisdiction checked), decide, save with its events, alone for this person (the
 * persistence kit). With `expectedVersion` (If-Match) a stale version is the client's
 * conflict (412). Without it (appending a fact such as a test result), facts from
 * concurrent requests are applied one after the other, so none is lost.
 */
export async function changePerson<R>(
  deps: RegistryDeps,
  personId: string,
  guard: JurisdictionGuard,
  decide: (person: Person) => { person: Person; events: EventEnvelope[]; result: R },
  expectedVersion?: number,
): Promise<{ person: Person; result: R }> {
  const outcome = await deps.persons.change(
    personId,
    (current) => {
      const { person, events, result } = decide(current);
      return { next: person, events, result };
    },
    { check: (current) => guard(current.residence.unitCode), expectedVersion },
  );
  return { person: outcome.aggregate, result: outcome.result };
}
