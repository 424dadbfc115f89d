// Single-document outbox against FerretDB/MongoDB and Kafka, including crash windows.
import mongoose from 'mongoose';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, EventPublisher } from '../src/index.ts';
import {
  OUTBOX_INDEX,
  createEvent,
  createEventBus,
  mongoProcessedEventStore,
  outboxUpdate,
  startOutboxRelay,
} from '../src/index.ts';
import {
  KAFKA_BROKERS,
  actor,
  connectMongo,
  envelopeOf,
  readTopic,
  testCatalogue,
  uniqueSuffix,
  waitFor,
} from './helpers.ts';

const suffix = uniqueSuffix();
const { registered, moved, catalogue } = testCatalogue(`ob${suffix}`);
const bus = createEventBus({ brokers: KAFKA_BROKERS, clientId: `ob-${suffix}` }, catalogue);
let conn: mongoose.Connection;
let people: mongoose.Collection<Person>;
let publisher: EventPublisher;

interface Person {
  _id: string;
  version: number;
  name: string;
  outbox: EventEnvelope[];
  outboxPending: boolean;
}

const ev = (subject: string, seq: number) =>
  createEvent(registered, {
    source: 'registry',
    subject,
    actor,
    data: { fullName: `P${seq}`, seq },
  });

// What a use case does: create or change the aggregate and append events in ONE versioned write.
async function writeAggregate(id: string, version: number, events: EventEnvelope[]): Promise<void> {
  if (version === 0) {
    await people.insertOne({
      _id: id,
      version: 1,
      name: id,
      outbox: events,
      outboxPending: true,
    } as never);
    return;
  }
  const out = outboxUpdate(events);
  const res = await people.updateOne(
    { _id: id, version },
    {
      ...out,
      $set: { ...out.$set, name: `${id}-v${version + 1}`, version: version + 1 },
    },
  );
  expect(res.matchedCount).toBe(1);
}

const load = (id: string) => people.findOne({ _id: id });

beforeAll(async () => {
  conn = await connectMongo(`events_outbox_${suffix}`);
  people = conn.collection<Person>('people');
  await people.createIndex(OUTBOX_INDEX);
  await bus.ensureTopics(catalogue.topics());
  publisher = await bus.publisher();
});
afterAll(async () => {
  await bus.close();
  await conn.dropDatabase();
  await conn.close();
});

describe('outbox relay', () => {
  it('publishes an aggregate’s events in order, clears the outbox and keeps the version', async () => {
    const events = [
      ev('o-1', 1),
      createEvent(moved, {
        source: 'registry',
        subject: 'o-1',
        actor,
        data: { province: 'HN', seq: 2 },
      }),
    ];
    await writeAggregate('o-1', 0, []);
    await writeAggregate('o-1', 1, events);
    const registry = new Registry();
    const relay = startOutboxRelay({
      collections: [people],
      publisher,
      poll: false,
      metrics: registry,
    });
    expect(await relay.drainOnce()).toBe(2);
    await relay.stop();
    const doc = await load('o-1');
    expect(doc).toMatchObject({ version: 2, outbox: [], outboxPending: false });
    const wire = await readTopic(registered.topic.name, 2);
    expect(wire.map((m) => envelopeOf(m).id)).toEqual(events.map((e) => e.id));
    expect(wire.map((m) => m.key)).toEqual(['o-1', 'o-1']);
    // The last (empty) poll of drainOnce reports an empty backlog.
    expect(await registry.metrics()).toMatch(/outbox_backlog\{collection="people"\} 0/);
  });

  it('after a crash before relaying, a new relay publishes the event exactly as stored', async () => {
    const stored = ev('o-2', 3);
    await writeAggregate('o-2', 0, [stored]); // ... and the process "dies" here
    // A mongoose model works as a source too.
    const model = conn.model(
      'Person',
      new mongoose.Schema({ _id: String }, { strict: false }),
      'people',
    );
    const relay = startOutboxRelay({ collections: [model], publisher, intervalMs: 50 });
    await waitFor(async () => (await load('o-2'))?.outboxPending === false);
    await relay.stop();
    const wire = await readTopic(registered.topic.name, 3);
    expect(envelopeOf(wire[2]!)).toEqual(stored);
  });

  it('a crash after publish but before removal publishes twice; dedupe applies once', async () => {
    const stored = ev('o-3', 4);
    await writeAggregate('o-3', 0, [stored]);
    await publisher.publish([stored]); // the dead relay's publish; its removal never happened
    const relay = startOutboxRelay({ collections: [people], publisher, poll: false });
    expect(await relay.drainOnce()).toBe(1);
    await relay.stop();
    const wire = await readTopic(registered.topic.name, 5);
    expect(wire.filter((m) => envelopeOf(m).id === stored.id)).toHaveLength(2);

    const applied: string[] = [];
    const consumer = bus.subscribe({
      groupId: `ob-dedupe-${suffix}`,
      topics: [registered.topic.name],
      fromBeginning: true,
      dedupe: mongoProcessedEventStore(conn),
      handle: async (event) => void applied.push(event.id),
    });
    await consumer.started;
    await waitFor(() => applied.length >= 4); // 5 messages, 4 distinct ids
    await new Promise((r) => setTimeout(r, 500)); // give a wrong 5th application time to show
    await consumer.stop();
    expect(applied.filter((id) => id === stored.id)).toHaveLength(1);
    expect(new Set(applied).size).toBe(applied.length);
  });

  it('keeps events appended while it was publishing (version changed under it)', async () => {
    const first = ev('o-4', 5);
    const second = ev('o-4', 6);
    await writeAggregate('o-4', 0, [first]);
    // A publisher wrapper that lets the aggregate change between the read and the clean-up.
    const racing: EventPublisher = {
      publishRaw: (t, m) => publisher.publishRaw(t, m),
      publish: async (envs) => {
        await publisher.publish(envs);
        if (envs.some((e) => e.id === first.id)) await writeAggregate('o-4', 1, [second]);
      },
    };
    const relay = startOutboxRelay({ collections: [people], publisher: racing, poll: false });
    expect(await relay.drainOnce()).toBe(2);
    await relay.stop();
    const doc = await load('o-4');
    expect(doc).toMatchObject({ version: 2, outbox: [], outboxPending: false });
    const wire = await readTopic(registered.topic.name, 7);
    const ids = wire.map((m) => envelopeOf(m).id);
    expect(ids.filter((id) => id === first.id)).toHaveLength(1);
    expect(ids.filter((id) => id === second.id)).toHaveLength(1);
  });

  it('survives publish failures and publishes on a later poll', async () => {
    await writeAggregate('o-5', 0, [ev('o-5', 7)]);
    let failures = 0;
    const flaky: EventPublisher = {
      publishRaw: (t, m) => publisher.publishRaw(t, m),
      publish: async (envs) => {
        if (failures++ < 2) throw new Error('broker unavailable');
        await publisher.publish(envs);
      },
    };
    const relay = startOutboxRelay({ collections: [people], publisher: flaky, intervalMs: 20 });
    await waitFor(async () => (await load('o-5'))?.outboxPending === false, 10_000);
    await relay.stop();
    expect(failures).toBe(3);
    expect((await load('o-5'))?.version).toBe(1);
  });
});
