// Partitions consumed concurrently on a real broker: several partitions in flight at once,
// one key (= one partition) still in publish order, and one partition's retries not holding
// up the others beyond its batch's yield time.
import { Partitioners } from 'kafkajs';
import type { PartitionMetadata } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConsumerHandle, EventEnvelope } from '../src/index.ts';
import { EventCatalogue, createEvent, createEventBus, defineEvent } from '../src/index.ts';
import {
  DEFAULT_KEYS_CONSUMED_CONCURRENTLY,
  DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY,
} from '../src/consumer.ts';
import { KAFKA_BROKERS, actor, testCatalogue, uniqueSuffix, waitFor } from './helpers.ts';

const suffix = uniqueSuffix();
const { topic, registered, moved } = testCatalogue(`cc${suffix}`, 3);
const stalled = defineEvent({
  type: 'registry.person.stalled.v1',
  topic: { name: `test.stall.${suffix}.v1`, partitions: 2, description: 'stall' },
  summary: 'stall',
  schema: z.object({ n: z.number().int() }),
});
const catalogue = new EventCatalogue([registered, moved, stalled]);
const bus = createEventBus({ brokers: KAFKA_BROKERS, clientId: `cc-${suffix}` }, catalogue);
const handles: ConsumerHandle[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `perPartition` keys for each partition of a topic, as the publisher's partitioner maps them. */
function keysSpreadOver(partitions: number, perPartition: number): string[] {
  const partitionOf = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from(
    { length: partitions },
    (_, partitionId): PartitionMetadata => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }),
  );
  const byPartition = Array.from({ length: partitions }, (): string[] => []);
  for (let i = 0; byPartition.some((k) => k.length < perPartition); i++) {
    const key = `p-${i}`;
    const keys =
      byPartition[
        partitionOf({ topic: topic.name, partitionMetadata, message: { key, value: null } })
      ];
    if (keys && keys.length < perPartition) keys.push(key);
  }
  return byPartition.flat();
}

beforeAll(async () => {
  await bus.ensureTopics(catalogue.topics());
});
afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop()));
  await bus.close();
});

describe('partitions consumed concurrently', () => {
  it('handles several partitions at once, each key in publish order', async () => {
    const keys = keysSpreadOver(topic.partitions, 2);
    const perKey = 5;
    const handlerMs = 50;
    let inFlight = 0;
    let maxInFlight = 0;
    const inFlightByPartition = new Map<number, number>();
    let maxInFlightInOnePartition = 0;
    const inFlightByKey = new Map<string, number>();
    let maxInFlightOfOneKey = 0;
    const seen: { key: string; seq: number; partition: number }[] = [];
    let firstStart = 0;
    let lastEnd = 0;

    const h = bus.subscribe({
      groupId: `cc-${suffix}`,
      topics: [topic.name],
      fromBeginning: true,
      // partitionsConsumedConcurrently left at its default: this is what services get.
      handle: async (event, meta) => {
        firstStart ||= Date.now();
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const inPartition = (inFlightByPartition.get(meta.partition) ?? 0) + 1;
        inFlightByPartition.set(meta.partition, inPartition);
        maxInFlightInOnePartition = Math.max(maxInFlightInOnePartition, inPartition);
        const ofKey = (inFlightByKey.get(event.subject) ?? 0) + 1;
        inFlightByKey.set(event.subject, ofKey);
        maxInFlightOfOneKey = Math.max(maxInFlightOfOneKey, ofKey);
        try {
          await sleep(handlerMs);
          const { seq } = event.data as { seq: number };
          seen.push({ key: event.subject, seq, partition: meta.partition });
        } finally {
          inFlight--;
          inFlightByPartition.set(
            meta.partition,
            (inFlightByPartition.get(meta.partition) ?? 1) - 1,
          );
          inFlightByKey.set(event.subject, (inFlightByKey.get(event.subject) ?? 1) - 1);
          lastEnd = Date.now();
        }
      },
    });
    handles.push(h);
    await h.started;

    // Interleaved by key, one request: per key, array order is publish order.
    const events: EventEnvelope[] = [];
    for (let seq = 1; seq <= perKey; seq++) {
      for (const subject of keys) {
        events.push(
          seq % 2 === 1
            ? createEvent(registered, {
                source: 'registry',
                subject,
                actor,
                data: { fullName: subject, seq },
              })
            : createEvent(moved, {
                source: 'registry',
                subject,
                actor,
                data: { province: 'HN', seq },
              }),
        );
      }
    }
    await (await bus.publisher()).publish(events);
    await waitFor(() => seen.length === events.length);

    const partitions = new Set(seen.map((s) => s.partition));
    const serialMs = events.length * handlerMs;
    console.log(
      `${events.length} events × ${handlerMs} ms over ${partitions.size} partitions: ` +
        `max ${maxInFlight} handlers in flight (default concurrency ` +
        `${DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY}), handled in ${lastEnd - firstStart} ms ` +
        `(serial ${serialMs} ms)`,
    );
    expect(partitions.size).toBe(topic.partitions); // the keys really are spread
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(
      Math.min(partitions.size, DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY) *
        DEFAULT_KEYS_CONSUMED_CONCURRENTLY,
    );
    // Within a partition the two keys run side by side, never more than the key limit …
    expect(maxInFlightInOnePartition).toBe(Math.min(2, DEFAULT_KEYS_CONSUMED_CONCURRENTLY));
    // … and never two handlers of one key at once.
    expect(maxInFlightOfOneKey).toBe(1);
    // So every key is handled strictly in publish order, exactly once.
    for (const key of keys) {
      expect(seen.filter((s) => s.key === key).map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(seen.filter((s) => s.key === key).map((s) => s.partition)).size).toBe(1);
    }
  });

  it("does not hold other partitions up for one partition's whole batch of retries", async () => {
    // Session 10 s: the batch yields after 1 s, each failing message takes ~2 s (1 s + 1 s of
    // waits, then the dead letter). Without the yield, partition 1 would wait for all four.
    const log: string[] = [];
    const h = bus.subscribe({
      groupId: `stall-${suffix}`,
      topics: [stalled.topic.name],
      fromBeginning: true,
      sessionTimeoutMs: 10_000,
      partitionsConsumedConcurrently: 2,
      retry: { attempts: 3, initialDelayMs: 1_000, maxDelayMs: 1_000 },
      handle: async (event, meta) => {
        const { n } = event.data as { n: number };
        log.push(`${event.subject}:${n}:${meta.attempt}`);
        if (event.subject === 'bad') throw new Error('dependency flaky');
      },
    });
    handles.push(h);
    await h.started;

    const raw = (subject: string, n: number, partition: number) => ({
      key: subject,
      value: JSON.stringify(
        createEvent(stalled, { source: 'registry', subject, actor, data: { n } }),
      ),
      headers: {},
      partition,
    });
    const publisher = await bus.publisher();
    // One request, so one batch of four on partition 0.
    await publisher.publishRaw(
      stalled.topic.name,
      [1, 2, 3, 4].map((n) => raw('bad', n, 0)),
    );
    await waitFor(() => log.includes('bad:1:1'));
    // Published while partition 0's batch is in flight: it comes with the next fetch.
    const sentAt = Date.now();
    await publisher.publishRaw(stalled.topic.name, [raw('good', 1, 1)]);
    await waitFor(() => log.includes('good:1:1'));
    const waitedMs = Date.now() - sentAt;
    console.log(
      `good event on partition 1 handled ${waitedMs} ms after publish; log ${log.join(' ')}`,
    );

    // It did not wait for the rest of partition 0's batch: bad:3 had not even started.
    const good = log.indexOf('good:1:1');
    const bad3 = log.findIndex((l) => l.startsWith('bad:3:'));
    expect(bad3 === -1 || good < bad3).toBe(true);
    expect(log.slice(0, 3)).toEqual(['bad:1:1', 'bad:1:2', 'bad:1:3']);
    await h.stop();
  });
});
