import type { EventBus, EventEnvelope } from '@rehab/events';

/** Events seen on topics since the collector joined, with a wait helper. */
export interface EventCollector {
  events: EventEnvelope[];
  waitFor(
    predicate: (event: EventEnvelope) => boolean,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<EventEnvelope[]>;
  stop(): Promise<void>;
}

/**
 * Reads topics from the beginning with a consumer group of its own; tests filter by
 * subject (a fresh person id), so other tests' events on the shared topic do not matter.
 */
export async function collectEvents(bus: EventBus, topics: string[]): Promise<EventCollector> {
  const events: EventEnvelope[] = [];
  const handle = bus.subscribe({
    groupId: `test-collector-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    topics,
    fromBeginning: true,
    handle: async (event) => {
      events.push(event);
    },
  });
  await handle.started;
  return {
    events,
    async waitFor(predicate, { count = 1, timeoutMs = 20_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = events.filter(predicate);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(
            `timed out waiting for ${count} event(s); saw ${matching.length} matching of ${events.length}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => handle.stop(),
  };
}
