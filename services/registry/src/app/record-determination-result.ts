import {
  applyDeterminationResult,
  type DeterminationResult,
} from '../domain/determination-result.ts';
import type { RegistryDeps } from './deps.ts';

/**
 * Applies a result from the health sector to the person's record, once (by conclusion id).
 * An unknown person is not retriable (the event goes to the dead-letter topic for an
 * operator): the store's not-found error.
 */
export async function recordDeterminationResultUseCase(
  deps: RegistryDeps,
  personId: string,
  result: DeterminationResult,
): Promise<'applied' | 'already-applied'> {
  const outcome = await deps.persons.change(personId, (person) => {
    const applied = applyDeterminationResult(
      person,
      result,
      { entryId: deps.newId() },
      deps.clock.now(),
    );
    return applied.applied
      ? { next: applied.person, events: [], result: 'applied' as const }
      : { result: 'already-applied' as const };
  });
  return outcome.result;
}
