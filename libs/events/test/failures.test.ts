// Retries, dead letters, poison messages, replay and the consumer supervisor on a real broker.
import type mongoose from 'mongoose';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConsumerHandle, EventEnvelope, EventPublisher } from '../src/index.ts';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  EventCatalogue,
  FatalConsumerError,
  createEvent,
  createEventBus,
  defineEvent,
  mongoDeadLetterStore,
  mongoProcessedEventStore,
  replayDeadLetter,
} from '../src/index.ts';
import { KAFKA_BROKERS, actor, connectMongo, readTopic, uniqueSuffix, waitFor } from './helpers.ts';

const suffix = uniqueSuffix();
// One topic per scenario so each consumer group reads only its own messages from the start.
const def = (scenario: string) =>
  defineEvent({
    type: `registry.person.${scenario}.v1`,
    topic: { name: `test.${scenario}.${suffix}.v1`, partitions: 1, description: scenario },
    summary: scenario,
    schema: z.object({ n: z.number().int() }),
  });
const defs = { retry: def('retry'), dlq: def('dlq'), poison: def('poison'), crash: def('crash') };
const catalogue = new EventCatalogue(Object.values(defs));
const bus = createEventBus({ brokers: KAFKA_BROKERS, clientId: `fail-${suffix}` }, catalogue);
const fast = { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 };
const registry = new Registry();
let conn: mongoose.Connection;
let publisher: EventPublisher;
let deadLetters: ReturnType<typeof mongoDeadLetterStore>;
const handles: ConsumerHandle[] = [];

const ev = (d: (typeof defs)[keyof typeof defs], n: number, subject = 's-1') =>
  createEvent(d, { source: 'registry', subject, actor, data: { n } });

beforeAll(async () => {
  conn = await connectMongo(`events_fail_${suffix}`);
  deadLetters = mongoDeadLetterStore(conn, { metrics: registry });
  await bus.ensureTopics(catalogue.topics());
  publisher = await bus.publisher();
});
afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop()));
  await bus.close();
  await conn.dropDatabase();
  await conn.close();
});

describe('consumer failure handling', () => {
  it('retries a retriable error and applies the event once', async () => {
    const attempts: number[] = [];
    const h = bus.subscribe({
      groupId: `retry-${suffix}`,
      topics: [defs.retry.topic.name],
      fromBeginning: true,
      retry: fast,
      dedupe: mongoProcessedEventStore(conn),
      handle: async (_e, meta) => {
        attempts.push(meta.attempt);
        if (meta.attempt < 3) throw new Error('mongo timeout');
      },
    });
    handles.push(h);
    await publisher.publish([ev(defs.retry, 1)]);
    await waitFor(() => attempts.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toEqual([1, 2, 3]);
  });

  const dlqGroup = `dlq-${suffix}`;
  const failing = ev(defs.dlq, 1);
  const applied: EventEnvelope[] = [];
  let fixed = false;

  it('dead-letters after N attempts and keeps consuming the partition', async () => {
    const h = bus.subscribe({
      groupId: dlqGroup,
      topics: [defs.dlq.topic.name],
      fromBeginning: true,
      retry: fast,
      deadLetters,
      dedupe: mongoProcessedEventStore(conn),
      handle: async (e) => {
        if (e.id === failing.id && !fixed) throw new Error('bug in handler');
        applied.push(e);
      },
    });
    handles.push(h);
    const next = ev(defs.dlq, 2);
    await publisher.publish([failing, next]);
    await waitFor(() => applied.some((e) => e.id === next.id));

    const [dead] = await readTopic(`${defs.dlq.topic.name}.dlq`, 1);
    expect(JSON.parse(dead!.value ?? '').id).toBe(failing.id);
    expect(dead!.key).toBe('s-1');
    expect(dead!.headers).toMatchObject({
      'x-dlq-error-message': 'bug in handler',
      'x-dlq-attempts': '3',
      'x-dlq-group': dlqGroup,
      'x-dlq-original-topic': defs.dlq.topic.name,
      ce_id: failing.id,
    });
    const [stored] = await deadLetters.list({ group: dlqGroup, limit: 10 });
    expect(stored).toMatchObject({
      attempts: 3,
      error: { message: 'bug in handler' },
      partition: 0,
    });
    expect(await deadLetters.countOpen(dlqGroup)).toBe(1);
    expect(await registry.metrics()).toContain(`dead_letters{group="${dlqGroup}"} 1`);
  });

  it('replays a dead letter to the original topic and marks it replayed', async () => {
    const [dl] = await deadLetters.list({ group: dlqGroup, replayed: false, limit: 1 });
    fixed = true;
    const replayed = await replayDeadLetter(deadLetters, publisher, dl!.id);
    expect(replayed.replayedAt).toBeInstanceOf(Date);
    await waitFor(() => applied.some((e) => e.id === failing.id));
    expect(await deadLetters.countOpen(dlqGroup)).toBe(0);
    expect(await deadLetters.list({ group: dlqGroup, replayed: true, limit: 10 })).toHaveLength(1);
    expect(await registry.metrics()).not.toContain(`dead_letters{group="${dlqGroup}"} 1`);
    await expect(replayDeadLetter(deadLetters, publisher, dl!.id)).rejects.toBeInstanceOf(
      DeadLetterAlreadyReplayedError,
    );
    await expect(replayDeadLetter(deadLetters, publisher, 'nope')).rejects.toBeInstanceOf(
      DeadLetterNotFoundError,
    );
  });

  it('dead-letters poison messages at once and processes the next message', async () => {
    const topic = defs.poison.topic.name;
    const seen: number[] = [];
    const h = bus.subscribe({
      groupId: `poison-${suffix}`,
      topics: [topic],
      fromBeginning: true,
      deadLetters,
      handle: async (e) => void seen.push((e.data as { n: number }).n),
    });
    handles.push(h);
    const valid = ev(defs.poison, 7);
    await publisher.publishRaw(topic, [
      { key: 's-1', value: 'not json at all', headers: {} },
      { key: 's-1', value: JSON.stringify({ ...valid, data: { n: 'seven' } }), headers: {} },
      {
        key: 's-1',
        value: JSON.stringify({ ...valid, type: 'registry.person.nobody.v1' }),
        headers: {},
      },
    ]);
    await publisher.publish([valid]);
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([7]);
    const dead = await readTopic(`${topic}.dlq`, 3);
    expect(dead.map((d) => d.headers['x-dlq-error-name'])).toEqual([
      'EventSchemaError',
      'EventSchemaError',
      'EventSchemaError',
    ]);
    expect(dead.map((d) => d.headers['x-dlq-attempts'])).toEqual(['0', '0', '0']);
    expect(dead[1]!.headers['x-dlq-error-message']).toMatch(/data\.n/);
    expect(dead[2]!.headers['x-dlq-error-message']).toMatch(/unknown event type/);
  });

  it('supervisor restarts a crashed consumer, which then processes the message', async () => {
    let calls = 0;
    const done: number[] = [];
    const h = bus.subscribe({
      groupId: `crash-${suffix}`,
      topics: [defs.crash.topic.name],
      fromBeginning: true,
      restartBackoff: { initialMs: 100, maxMs: 1_000 },
      handle: async (e) => {
        if (calls++ === 0) throw new FatalConsumerError('database unreachable');
        done.push((e.data as { n: number }).n);
      },
    });
    handles.push(h);
    await h.started;
    const t0 = Date.now();
    await publisher.publish([ev(defs.crash, 1), ev(defs.crash, 2)]);
    await waitFor(() => done.length === 2);
    console.log(`crash → restart → processed in ${Date.now() - t0} ms`);
    expect(done).toEqual([1, 2]);
    expect(h.restartCount()).toBe(1);
    await waitFor(() => h.isHealthy());
  });
});
