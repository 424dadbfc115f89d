import { NotFoundError, PreconditionFailedError } from '@rehab/domain-kit';
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
 * Load, decide, save with a version check, under the person's lock. With
 * `expectedVersion` (If-Match) a stale version is the client's conflict (412). Without it
 * (appending a fact such as a test result), facts from concurrent requests are applied one
 * after the other, so none is lost.
 */
export async function changePerson<R>(
  deps: RegistryDeps,
  personId: string,
  guard: JurisdictionGuard,
  decide: (person: Person) => { person: Person; events: EventEnvelope[]; result: R },
  expectedVersion?: number,
): Promise<{ person: Person; result: R }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.lockPerson(personId, async () => {
        const current = await loadPerson(deps, personId, guard);
        const version = expectedVersion ?? current.version;
        const { person, events, result } = decide(current);
        const saved = await deps.persons.save(person, version, events);
        return { person: saved, result };
      });
    } catch (error) {
      // Under the lock a stale version means the client's If-Match is old (412), or, with
      // the lock turned off on MongoDB, a concurrent writer: retry appends on fresh state.
      if (
        !(error instanceof PreconditionFailedError) ||
        expectedVersion !== undefined ||
        attempt >= 5
      )
        throw error;
    }
  }
}
