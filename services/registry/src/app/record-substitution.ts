import { applySubstitutionFact, type SubstitutionFact } from '../domain/substitution-treatment.ts';
import type { RegistryDeps } from './deps.ts';
import { takeIntoRecordOnce } from './take-into-record.ts';

/** Takes a methadone treatment fact into the person's record, once. */
export async function recordSubstitutionUseCase(
  deps: RegistryDeps,
  personId: string,
  fact: SubstitutionFact,
): Promise<'applied' | 'already-applied'> {
  return takeIntoRecordOnce(deps, personId, (person) =>
    applySubstitutionFact(person, fact, deps.clock.now()),
  );
}
