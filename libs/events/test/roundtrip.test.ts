// Publish → consume over a real broker: key, headers, trace context, latency and lag metric.
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TraceFlags, context, propagation, trace } from '@opentelemetry/api';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, MessageMeta } from '../src/index.ts';
import { createEvent, createEventBus } from '../src/index.ts';
import {
  KAFKA_BROKERS,
  actor,
  readTopic,
  testCatalogue,
  uniqueSuffix,
  waitFor,
} from './helpers.ts';

const suffix = uniqueSuffix();
const { topic, registered, moved, catalogue } = testCatalogue(`rt${suffix}`, 3);
const registry = new Registry();
const bus = createEventBus(
  { brokers: KAFKA_BROKERS, clientId: `rt-${suffix}` },
  catalogue,
  registry,
);
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  await bus.ensureTopics(catalogue.topics());
  await bus.ensureTopics(catalogue.topics()); // idempotent
});
afterAll(async () => {
  await bus.close();
  context.disable();
  propagation.disable();
});

describe('event bus round trip', () => {
  it('answers ping', async () => {
    await bus.ping(2_000);
  });

  it('delivers events keyed by subject with trace headers, in order per subject', async () => {
    const received: { event: EventEnvelope; meta: MessageMeta; traceId?: string; at: number }[] =
      [];
    const consumer = bus.subscribe({
      groupId: `rt-${suffix}`,
      topics: [topic.name],
      fromBeginning: true,
      lagIntervalMs: 300,
      handle: async (event, meta) => {
        const active = trace.getSpanContext(context.active());
        received.push({ event, meta, traceId: active?.traceId, at: Date.now() });
      },
    });
    const t0 = Date.now();
    await consumer.started;
    const joinMs = Date.now() - t0;
    expect(consumer.isHealthy()).toBe(true);

    const parent = trace.wrapSpanContext({
      traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    const events = context.with(trace.setSpan(context.active(), parent), () => [
      createEvent(registered, {
        source: 'registry',
        subject: 'p-1',
        actor,
        data: { fullName: 'A', seq: 1 },
      }),
      createEvent(moved, {
        source: 'registry',
        subject: 'p-1',
        actor,
        data: { province: 'HN', seq: 2 },
      }),
      createEvent(moved, {
        source: 'registry',
        subject: 'p-2',
        actor,
        data: { province: 'HP', seq: 3 },
      }),
    ]);
    expect(events[0]!.traceparent).toContain(traceId);
    const publisher = await bus.publisher();
    const sentAt = Date.now();
    await publisher.publish(events);
    await waitFor(() => received.length === 3);
    const latencies = received.map((r) => r.at - sentAt);
    console.log(`group join ${joinMs} ms; publish→handle latency ${latencies.join('/')} ms`);

    const p1 = received.filter((r) => r.event.subject === 'p-1').map((r) => r.event.data);
    expect(p1).toEqual([
      { fullName: 'A', seq: 1 },
      { province: 'HN', seq: 2 },
    ]);
    for (const r of received) expect(r.traceId).toBe(traceId);

    const wire = await readTopic(topic.name, 3);
    for (const m of wire) {
      const env = JSON.parse(m.value ?? '') as EventEnvelope;
      expect(m.key).toBe(env.subject);
      expect(m.headers['ce_id']).toBe(env.id);
      expect(m.headers['ce_type']).toBe(env.type);
      expect(m.headers['traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    }
    // Same subject → same partition.
    const parts = new Set(wire.filter((m) => m.key === 'p-1').map((m) => m.partition));
    expect(parts.size).toBe(1);

    await waitFor(async () => (await registry.metrics()).includes('consumer_lag{'), 5_000);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/events_published_total\{topic="[^"]+"\} 3/);
    expect(metrics).toMatch(/events_consumed_total\{topic="[^"]+",outcome="applied"\} 3/);
    await consumer.stop();
    expect(consumer.isHealthy()).toBe(false);
  });

  it('rejects invalid envelopes before sending', async () => {
    const publisher = await bus.publisher();
    const bad = {
      ...createEvent(registered, {
        source: 'registry',
        subject: 'p-9',
        actor,
        data: { fullName: 'B', seq: 1 },
      }),
      data: { fullName: 5 },
    };
    await expect(publisher.publish([bad])).rejects.toThrow(/data\.fullName/);
  });
});
