// A fact another service announced, taken into the person's record once: the domain rule
// says whether the record holds it already, and only a new fact is saved. An unknown person
// is not retriable: the store's not-found error sends the event to the dead-letter topic.
import type { Person } from '../domain/person.ts';
import type { RegistryDeps } from './deps.ts';

export async function takeIntoRecordOnce(
  deps: RegistryDeps,
  personId: string,
  apply: (person: Person) => { person: Person; applied: boolean },
): Promise<'applied' | 'already-applied'> {
  const outcome = await deps.persons.change(personId, (person) => {
    const applied = apply(person);
    return applied.applied
      ? { next: applied.person, events: [], result: 'applied' as const }
      : { result: 'already-applied' as const };
  });
  return outcome.result;
}
