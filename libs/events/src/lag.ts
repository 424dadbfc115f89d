// consumer_lag{topic,partition,group}: end offsets minus committed offsets, polled because
// kafkajs exposes no per-partition lag of its own.
import type { Admin } from 'kafkajs';
import type { EventLogger } from './logger.ts';
import type { EventMetrics } from './metrics.ts';

/** Computes lag once for a group's topics and writes the gauge. */
export async function measureLag(
  admin: Admin,
  metrics: EventMetrics,
  groupId: string,
  topics: string[],
): Promise<void> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const group = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const offset = group.find((p) => p.partition === end.partition)?.offset ?? '-1';
      // No commit yet: the group will read from the start of the log it can still see.
      const from = offset === '-1' ? Number(end.low) : Number(offset);
      metrics.consumerLag.set(
        { topic, partition: String(end.partition), group: groupId },
        Math.max(0, Number(end.high) - from),
      );
    }
  }
}

/** Starts periodic lag measurement; errors are logged and the next tick tries again. */
export function watchLag(
  admin: () => Promise<Admin>,
  metrics: EventMetrics,
  logger: EventLogger,
  groupId: string,
  topics: string[],
  intervalMs: number,
): { stop(): void } {
  const timer = setInterval(() => {
    admin()
      .then((a) => measureLag(a, metrics, groupId, topics))
      .catch((err: unknown) =>
        logger.warn({ err, group: groupId }, 'consumer lag measurement failed'),
      );
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
