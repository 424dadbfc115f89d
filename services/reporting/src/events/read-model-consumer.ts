import type { ConsumerHandle } from '@rehab/events';
import type { Platform } from '@rehab/service-kit';
import { applyEventUseCase } from '../app/apply-event.ts';
import type { ReportingDeps } from '../app/deps.ts';

/** Consumer group of the live read models. */
export const readModelsGroup = 'reporting.read-models';

/**
 * Keeps the active read models up to date with every consumed topic. Idempotent: processed
 * event ids are skipped, and the same event on the same person changes nothing anyway.
 */
export function startReadModelConsumer(
  platform: Platform,
  deps: ReportingDeps,
  groupSuffix = '',
  ignoreBefore?: Date,
): ConsumerHandle {
  const cutoff = ignoreBefore?.toISOString();
  return platform.bus.subscribe({
    groupId: `${readModelsGroup}${groupSuffix}`,
    topics: [...deps.consumedTopics],
    fromBeginning: true,
    dedupe: platform.processedEvents,
    deadLetters: platform.deadLetters,
    handle: async (event) => {
      if (cutoff && event.time < cutoff) return;
      await applyEventUseCase(deps, deps.readModels(await deps.generations.active()), event);
    },
  });
}
