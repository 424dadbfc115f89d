// The single-document outbox on the kit, against the real stack (FerretDB on PostgreSQL and
// Kafka), including the crash windows, under both concurrency modes.
import type mongoose from 'mongoose';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, errorCode } from '@rehab/domain-kit';
import {
  createEvent,
  createEventBus,
  mongoProcessedEventStore,
  type EventEnvelope,
  type EventPublisher,
} from '@rehab/events';
import {
  openPersistence,
  startOutboxRelay,
  type AggregateStore,
  type Persistence,
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
} from '../../events/test/helpers.ts';
import { commandsDuring } from './commands.ts';

const suffix = uniqueSuffix();
const { registered, moved, catalogue } = testCatalogue(`ob${suffix}`);
const bus = createEventBus({ brokers: KAFKA_BROKERS, clientId: `ob-${suffix}` }, catalogue);
let conn: mongoose.Connection;
let publisher: EventPublisher;

interface Person {
  id: string;
  version: number;
  name: string;
}
const missing = errorCode('person-missing', 'No person {id}', 'Không có người {id}');

const ev = (subject: string, seq: number) =>
  createEvent(registered, {
    source: 'registry',
    subject,
    actor,
    data: { fullName: `P${seq}`, seq },
  });

/** The kit over the test database, with the relay driven by the test (`poll: false`). */
function kit(
  publish: EventPublisher = publisher,
  poll = false,
): {
  persistence: Persistence;
  people: AggregateStore<Person>;
} {
  const persistence = openPersistence({
    connection: conn,
    mongoUrl: `mongodb://x/events_outbox_${suffix}`,
    concurrency: 'insert-lock',
    publisher: publish,
    relay: { poll, intervalMs: 20 },
  });
  const people = persistence.aggregates<Person>({
    collection: 'people',
    toDocument: ({ name }) => ({ name }),
    fromDocument: (doc) => ({ id: doc._id, version: doc.version, name: String(doc.name) }),
    notFound: (id) => new NotFoundError(missing, { params: { id } }),
  });
  return { persistence, people };
}

/** A use case's write: rename the person and append the events, in one write. */
const rename = (people: ReturnType<typeof kit>['people'], id: string, events: EventEnvelope[]) =>
  people.change(id, (current) => ({
    next: { ...current, name: `${id}-v${current.version + 1}` },
    events,
    result: undefined,
  }));

const load = (id: string) => conn.collection('people').findOne({ _id: id as never });

beforeAll(async () => {
  conn = await connectMongo(`events_outbox_${suffix}`);
  await bus.ensureTopics(catalogue.topics());
  publisher = await bus.publisher();
  await kit().persistence.ensureIndexes();
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
    const registry = new Registry();
    const { people } = kit();
    await people.insert({ id: 'o-1', version: 1, name: 'o-1' }, []);
    await rename(people, 'o-1', events);
    const relay = startOutboxRelay({
      collections: () => ['people'],
      connection: conn,
      concurrency: kit().persistence.concurrency,
      publisher,
      poll: false,
      metrics: registry,
    });
    expect(await relay.drainOnce()).toBe(2);
    await relay.stop();
    expect(await load('o-1')).toMatchObject({ version: 2, outbox: [], outboxPending: false });
    const wire = await readTopic(registered.topic.name, 2);
    expect(wire.map((m) => envelopeOf(m).id)).toEqual(events.map((e) => e.id));
    expect(wire.map((m) => m.key)).toEqual(['o-1', 'o-1']);
    // The last (empty) poll of drainOnce reports an empty backlog.
    expect(await registry.metrics()).toMatch(/outbox_backlog\{collection="people"\} 0/);
  });

  it('after a crash before relaying, a new relay publishes the event exactly as stored', async () => {
    const stored = ev('o-2', 3);
    await kit().people.insert({ id: 'o-2', version: 1, name: 'o-2' }, [stored]); // ... and dies
    const { persistence } = kit(publisher, true);
    await waitFor(async () => (await load('o-2'))?.outboxPending === false);
    await persistence.stop();
    const wire = await readTopic(registered.topic.name, 3);
    expect(envelopeOf(wire[2]!)).toEqual(stored);
  });

  it('a crash after publish but before removal publishes twice; dedupe applies once', async () => {
    const stored = ev('o-3', 4);
    const { people, persistence } = kit();
    await people.insert({ id: 'o-3', version: 1, name: 'o-3' }, [stored]);
    await publisher.publish([stored]); // the dead relay's publish; its removal never happened
    expect(await persistence.relay.drainOnce()).toBe(1);
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

  it('keeps events appended while it was publishing (a write between publish and clean-up)', async () => {
    const first = ev('o-4', 5);
    const second = ev('o-4', 6);
    const writer = kit();
    await writer.people.insert({ id: 'o-4', version: 1, name: 'o-4' }, [first]);
    // A publisher that lets the aggregate change between the read and the clean-up.
    const racing: EventPublisher = {
      publishRaw: (t, m) => publisher.publishRaw(t, m),
      publish: async (envs) => {
        await publisher.publish(envs);
        if (envs.some((e) => e.id === first.id)) await rename(writer.people, 'o-4', [second]);
      },
    };
    const { persistence } = kit(racing);
    expect(await persistence.relay.drainOnce()).toBe(2);
    expect(await load('o-4')).toMatchObject({ version: 2, outbox: [], outboxPending: false });
    const ids = (await readTopic(registered.topic.name, 7)).map((m) => envelopeOf(m).id);
    expect(ids.filter((id) => id === first.id)).toHaveLength(1);
    expect(ids.filter((id) => id === second.id)).toHaveLength(1);
  });

  it('survives publish failures and publishes on a later poll', async () => {
    await kit().people.insert({ id: 'o-5', version: 1, name: 'o-5' }, [ev('o-5', 7)]);
    let failures = 0;
    const flaky: EventPublisher = {
      publishRaw: (t, m) => publisher.publishRaw(t, m),
      publish: async (envs) => {
        if (failures++ < 2) throw new Error('broker unavailable');
        await publisher.publish(envs);
      },
    };
    const { persistence } = kit(flaky, true);
    await waitFor(async () => (await load('o-5'))?.outboxPending === false, 10_000);
    await persistence.stop();
    expect(failures).toBe(3);
    expect((await load('o-5'))?.version).toBe(1);
  });

  it('publishes the events of many documents written together in one batch', async () => {
    const batches: number[] = [];
    const counting: EventPublisher = {
      publishRaw: (t, m) => publisher.publishRaw(t, m),
      publish: async (envs) => {
        batches.push(envs.length);
        await publisher.publish(envs);
      },
    };
    const { people, persistence } = kit(counting);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        people.insert({ id: `b-${i}`, version: 1, name: `b-${i}` }, [ev(`b-${i}`, 100 + i)]),
      ),
    );
    expect(await persistence.relay.drainOnce()).toBe(30);
    // The first poll takes every pending document of the batch size (100) at once.
    expect(batches[0]).toBe(30);
  });

  it('clears notified documents with one update each and no read, their locks taken and given back in one write', async () => {
    const published: string[] = [];
    const recording: EventPublisher = {
      publishRaw: (t, m) => publisher.publishRaw(t, m),
      publish: async (envs) => {
        await publisher.publish(envs);
        published.push(...envs.map((envelope) => envelope.subject));
      },
    };
    const { people, persistence } = kit(recording);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        people.insert({ id: `n-${i}`, version: 1, name: `n-${i}` }, [ev(`n-${i}`, 200 + i)]),
      ),
    );
    let relayed = 0;
    const commands = await commandsDuring(conn, async () => {
      relayed = await persistence.relay.drainOnce();
    });
    expect(relayed).toBe(12);
    expect(await conn.collection('people').countDocuments({ outboxPending: true })).toBe(0);
    const count = (command: string) => commands.filter((c) => c === command).length;
    expect(count('people.findOne')).toBe(0);
    expect(count('people.updateOne')).toBe(12);
    expect(count('document_locks.insertMany')).toBe(1);
    expect(count('document_locks.deleteMany')).toBe(1);
    expect(published.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `n-${i}`).sort());
  });
});
