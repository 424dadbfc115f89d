import {
  applyDeterminationResult,
  type DeterminationResult,
} from '../domain/determination-result.ts';
import type { RegistryDeps } from './deps.ts';
import { takeIntoRecordOnce } from './take-into-record.ts';

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
  return takeIntoRecordOnce(deps, personId, (person) =>
    applyDeterminationResult(person, result, { entryId: deps.newId() }, deps.clock.now()),
  );
}
