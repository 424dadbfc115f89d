import type { EventEnvelope } from '@rehab/events';
import type { StoredDetermination } from './ports.ts';
import type { AssessmentDeps, JurisdictionGuard } from './deps.ts';

/** Load (jurisdiction checked), decide, save with its events, alone for this determination. */
export async function changeDetermination<R>(
  deps: AssessmentDeps,
  id: string,
  guard: JurisdictionGuard,
  decide: (
    current: StoredDetermination,
  ) => Promise<{ next: StoredDetermination; events: EventEnvelope[]; result: R }>,
): Promise<{ determination: StoredDetermination; result: R }> {
  const outcome = await deps.determinations.change(id, async (current) => {
    guard(current.unitCode);
    return decide(current);
  });
  return { determination: outcome.aggregate, result: outcome.result };
}
