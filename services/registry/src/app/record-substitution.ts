import { applySubstitutionFact, type SubstitutionFact } from '../domain/substitution-treatment.ts';
import type { RegistryDeps } from './deps.ts';

/** Takes a methadone treatment fact into the person's record, once. */
export async function recordSubstitutionUseCase(
  deps: RegistryDeps,
  personId: string,
  fact: SubstitutionFact,
): Promise<'applied' | 'already-applied'> {
  // An unknown person is not retriable: the event goes to the dead-letter topic.
  const outcome = await deps.persons.change(personId, (person) => {
    const applied = applySubstitutionFact(person, fact, deps.clock.now());
    return applied.applied
      ? { next: applied.person, events: [], result: 'applied' as const }
      : { result: 'already-applied' as const };
  });
  return outcome.result;
}
