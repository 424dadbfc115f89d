import type { EventEnvelope } from '@rehab/events';
import type { StoredDetermination } from '../store/determination-repository.ts';
import { loadDetermination, type AssessmentDeps, type JurisdictionGuard } from './deps.ts';

/** Load, decide, save with the version check, alone for this determination; then relay. */
export async function changeDetermination<R>(
  deps: AssessmentDeps,
  id: string,
  guard: JurisdictionGuard,
  decide: (
    current: StoredDetermination,
  ) => Promise<{ next: StoredDetermination; events: EventEnvelope[]; result: R }>,
): Promise<{ determination: StoredDetermination; result: R }> {
  const outcome = await deps.lockDetermination(id, async () => {
    const current = await loadDetermination(deps, id, guard);
    const { next, events, result } = await decide(current);
    const saved = await deps.determinations.save(next, current.version, events);
    return { determination: saved, result, notify: events.length > 0 };
  });
  if (outcome.notify) deps.notifyRelay(id);
  return { determination: outcome.determination, result: outcome.result };
}
