import { applySupportFact, type SupportFact } from '../domain/support-history.ts';
import type { RegistryDeps } from './deps.ts';
import { takeIntoRecordOnce } from './take-into-record.ts';

/** Takes a support given by the vocational service into the person's timeline, once. */
export async function recordSupportUseCase(
  deps: RegistryDeps,
  personId: string,
  fact: SupportFact,
): Promise<'applied' | 'already-applied'> {
  return takeIntoRecordOnce(deps, personId, (person) =>
    applySupportFact(person, fact, deps.clock.now()),
  );
}
