import { applySupportFact, type SupportFact } from '../domain/support-history.ts';
import type { RegistryDeps } from './deps.ts';

/** Takes a support given by the vocational service into the person's timeline, once. */
export async function recordSupportUseCase(
  deps: RegistryDeps,
  personId: string,
  fact: SupportFact,
): Promise<'applied' | 'already-applied'> {
  // An unknown person is not retriable: the event goes to the dead-letter topic.
  const outcome = await deps.persons.change(personId, (person) => {
    const applied = applySupportFact(person, fact, deps.clock.now());
    return applied.applied
      ? { next: applied.person, events: [], result: 'applied' as const }
      : { result: 'already-applied' as const };
  });
  return outcome.result;
}
