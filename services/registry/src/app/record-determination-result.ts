import { NotFoundError } from '@rehab/domain-kit';
import { registryErrors } from '../domain/errors.ts';
import {
  applyDeterminationResult,
  type DeterminationResult,
} from '../domain/determination-result.ts';
import type { RegistryDeps } from './deps.ts';

/**
 * Applies a result from the health sector to the person's record, once. An unknown
 * person is not retriable (the event goes to the dead-letter topic for an operator).
 */
export async function recordDeterminationResultUseCase(
  deps: RegistryDeps,
  personId: string,
  result: DeterminationResult,
): Promise<'applied' | 'already-applied'> {
  return deps.lockPerson(personId, async () => {
    const person = await deps.persons.get(personId);
    if (!person)
      throw new NotFoundError(registryErrors.personNotFound, { params: { id: personId } });
    const outcome = applyDeterminationResult(
      person,
      result,
      { entryId: deps.newId() },
      deps.clock.now(),
    );
    if (!outcome.applied) return 'already-applied';
    await deps.persons.save(outcome.person, person.version, []);
    return 'applied';
  });
}
