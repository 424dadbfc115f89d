import type { ConsumerHandle, ProcessedEventStore } from '@rehab/events';
import type { Platform } from '@rehab/service-kit';
import { applyEventUseCase } from '../app/apply-event.ts';
import type { ReportingDeps } from '../app/deps.ts';

/** Consumer group of the live read models. */
export const readModelsGroup = 'reporting.read-models';

/** The creation time (ms) a UUID v7 event id carries in its first 48 bits. */
const uuidV7Time = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);

/**
 * Keeps the active read models up to date with every consumed topic. Idempotent: processed
 * event ids are skipped, and the same event on the same person changes nothing anyway.
 * `ignoreBefore` (tests only) skips older events, without a database round trip for them.
 */
export function startReadModelConsumer(
  platform: Platform,
  deps: ReportingDeps,
  groupSuffix = '',
  ignoreBefore?: Date,
): ConsumerHandle {
  const cutoff = ignoreBefore?.getTime();
  const old = (id: string) => cutoff !== undefined && uuidV7Time(id) < cutoff;
  const processed = platform.processedEvents;
  const dedupe: ProcessedEventStore = {
    has: (group, id) => (old(id) ? Promise.resolve(false) : processed.has(group, id)),
    mark: (group, id) => (old(id) ? Promise.resolve() : processed.mark(group, id)),
    sweep: (olderThan) => processed.sweep(olderThan),
  };
  return platform.bus.subscribe({
    groupId: `${readModelsGroup}${groupSuffix}`,
    topics: [...deps.consumedTopics],
    fromBeginning: true,
    dedupe,
    deadLetters: platform.deadLetters,
    handle: async (event) => {
      if (old(event.id)) return;
      await applyEventUseCase(deps, deps.readModels(await deps.generations.active()), event);
    },
  });
}
