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

interface Waiter {
  predicate: (event: EventEnvelope) => boolean;
  count: number;
  matching: EventEnvelope[];
  settle: (outcome: { matching: EventEnvelope[] } | { error: unknown }) => void;
}

/**
 * Reads topics from the beginning with a consumer group of its own; tests filter by
 * subject (a fresh person id), so other tests' events on the shared topic do not matter.
 * A wait is answered by the event that completes it, not by polling: the benchmarks time
 * events through it, and a poll every 50 ms had put a 50 ms floor under their latencies.
 */
export async function collectEvents(
  bus: Pick<EventBus, 'subscribe'>,
  topics: string[],
): Promise<EventCollector> {
  const events: EventEnvelope[] = [];
  const waiters = new Set<Waiter>();
  const offer = (waiter: Waiter, event: EventEnvelope) => {
    try {
      if (waiter.predicate(event)) waiter.matching.push(event);
    } catch (error) {
      waiter.settle({ error });
      return;
    }
    if (waiter.matching.length >= waiter.count) waiter.settle({ matching: waiter.matching });
  };
  const handle = bus.subscribe({
    groupId: `test-collector-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    topics,
    fromBeginning: true,
    handle: async (event) => {
      events.push(event);
      for (const waiter of waiters) offer(waiter, event);
    },
  });
  await handle.started;
  return {
    events,
    waitFor(predicate, { count = 1, timeoutMs = 20_000 } = {}) {
      return new Promise<EventEnvelope[]>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          count,
          matching: [],
          settle: (outcome) => {
            if (!waiters.delete(waiter)) return;
            clearTimeout(timer);
            if ('error' in outcome) reject(outcome.error);
            else resolve(outcome.matching);
          },
        };
        const timer = setTimeout(
          () =>
            waiter.settle({
              error: new Error(
                `timed out waiting for ${count} event(s); saw ${waiter.matching.length} matching of ${events.length}`,
              ),
            }),
          timeoutMs,
        );
        waiters.add(waiter);
        for (const event of events) {
          if (!waiters.has(waiter)) break;
          offer(waiter, event);
        }
        if (waiter.matching.length >= count) waiter.settle({ matching: waiter.matching });
      });
    },
    stop: () => handle.stop(),
  };
}
