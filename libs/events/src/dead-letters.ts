// Dead letters kept in Mongo so an operator endpoint can list and replay them.
import type { Connection } from 'mongoose';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  isDuplicateKey,
} from './errors.ts';

/** A message a consumer group gave up on, with where it came from and why. */
export interface DeadLetter {
  id: string;
  group: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  error: { name: string; message: string };
  attempts: number;
  failedAt: Date;
  replayedAt?: Date;
}

/** What the consumer records; the store assigns `id`. */
export type NewDeadLetter = Omit<DeadLetter, 'id' | 'replayedAt'>;

/** Filter and keyset pagination (`after` = last id of the previous page) for list. */
export interface DeadLetterQuery {
  group?: string;
  replayed?: boolean;
  limit: number;
  after?: string;
}

/** Persistence of dead letters. */
export interface DeadLetterStore {
  /** Idempotent per (group, topic, partition, offset): a redelivered failure is recorded once. */
  record(dl: NewDeadLetter): Promise<void>;
  /** Oldest first (ids are UUID v7, so id order is failure order). */
  list(opts: DeadLetterQuery): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | undefined>;
  /** Throws DeadLetterNotFoundError or DeadLetterAlreadyReplayedError. */
  markReplayed(id: string): Promise<void>;
  /** Unreplayed dead letters, optionally of one group. */
  countOpen(group?: string): Promise<number>;
}

interface DeadLetterDoc {
  _id: string;
  group: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  // An array, not an object: header names may contain '.' or '$', which Mongo field names must not.
  headers?: { name: string; value: string }[];
  error: { name: string; message: string };
  attempts: number;
  failedAt: Date;
  replayedAt: Date | null;
}

/** Default collection of dead letters. */
export const DEAD_LETTERS_COLLECTION = 'dead_letters';
/** The replays of a dead-letter collection: `<collection>_replays`, one document per letter replayed. */
export const replaysCollectionOf = (collection: string) => `${collection}_replays`;

function fromDoc(doc: DeadLetterDoc): DeadLetter {
  const dl: DeadLetter = {
    id: doc._id,
    group: doc.group,
    topic: doc.topic,
    partition: doc.partition,
    offset: doc.offset,
    key: doc.key,
    value: doc.value,
    // Letters recorded by an upsert before: FerretDB 1.24 dropped the empty arrays and nulls
    // given in $setOnInsert, so both may be absent.
    headers: Object.fromEntries((doc.headers ?? []).map((h) => [h.name, h.value])),
    error: doc.error,
    attempts: doc.attempts,
    failedAt: doc.failedAt,
  };
  if (doc.replayedAt) dl.replayedAt = doc.replayedAt;
  return dl;
}

type OpenCounter = () => Promise<Map<string, number>>;
const gaugeSources = new WeakMap<Registry, Set<OpenCounter>>();

// `dead_letters{group}` is computed at scrape time, so it is right even after replays by other pods.
function registerGauge(registry: Registry, source: OpenCounter): void {
  let sources = gaugeSources.get(registry);
  if (!sources) {
    const all = new Set<OpenCounter>();
    sources = all;
    gaugeSources.set(registry, all);
    new Gauge({
      name: 'dead_letters',
      help: 'Dead letters not yet replayed, by consumer group.',
      labelNames: ['group'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const count of all) {
          for (const [group, n] of await count()) this.inc({ group }, n);
        }
      },
    });
  }
  sources.add(source);
}

/** DeadLetterStore in a Mongo collection; with `metrics`, exposes the `dead_letters` gauge. */
export function mongoDeadLetterStore(
  connection: Connection,
  opts: { collection?: string; metrics?: Registry } = {},
): DeadLetterStore {
  const name = opts.collection ?? DEAD_LETTERS_COLLECTION;
  const col = connection.collection<DeadLetterDoc>(name);
  // One document per replayed letter, `_id` = the letter's: the claim of its one replay.
  const replays = connection.collection<{ _id: string; replayedAt: Date }>(
    replaysCollectionOf(name),
  );
  let indexed: Promise<unknown> | undefined;
  const ready = () =>
    (indexed ??= col
      .createIndex({ group: 1, topic: 1, partition: 1, offset: 1 }, { unique: true })
      .catch((err: unknown) => {
        indexed = undefined;
        throw err;
      }));

  const countByGroup: OpenCounter = async () => {
    const rows = await col
      .aggregate<{ _id: string; n: number }>([
        { $match: { replayedAt: null } },
        { $group: { _id: '$group', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  };
  if (opts.metrics) registerGauge(opts.metrics, countByGroup);

  return {
    async record(dl) {
      await ready();
      const { group, topic, partition, offset } = dl;
      // One insert, refused by the unique position index when this failure is recorded
      // already. An upsert would first look the position up, and FerretDB's look-up by four
      // fields read every dead letter of the group: 0.2 s each at 10,000 of them.
      try {
        await col.insertOne({
          _id: uuidv7(),
          group,
          topic,
          partition,
          offset,
          key: dl.key,
          value: dl.value,
          headers: Object.entries(dl.headers).map(([name, value]) => ({ name, value })),
          error: dl.error,
          attempts: dl.attempts,
          failedAt: dl.failedAt,
          replayedAt: null,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async list({ group, replayed, limit, after }) {
      const filter: Record<string, unknown> = {};
      if (group !== undefined) filter['group'] = group;
      if (replayed !== undefined) filter['replayedAt'] = replayed ? { $ne: null } : null;
      if (after !== undefined) filter['_id'] = { $gt: after };
      const docs = await col.find(filter).sort({ _id: 1 }).limit(limit).toArray();
      return docs.map(fromDoc);
    },
    async get(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? fromDoc(doc) : undefined;
    },
    async markReplayed(id) {
      // A compare-and-set on replayedAt is not atomic on FerretDB (it reads, then writes by
      // `_id`): concurrent replays could all succeed. An insert keyed by the letter's id is
      // atomic everywhere, so exactly one replay claims the letter.
      const letter = await col.findOne({ _id: id }, { projection: { replayedAt: 1 } });
      if (!letter) throw new DeadLetterNotFoundError(`dead letter ${id} not found`);
      const replayedAt = new Date();
      try {
        await replays.insertOne({ _id: id, replayedAt });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // The winner may have died before stamping the letter: stamp it, so it stops
        // counting as open.
        if (!letter.replayedAt) {
          const claim = await replays.findOne({ _id: id });
          await col.updateOne(
            { _id: id },
            { $set: { replayedAt: claim?.replayedAt ?? replayedAt } },
          );
        }
        throw new DeadLetterAlreadyReplayedError(`dead letter ${id} was already replayed`);
      }
      await col.updateOne({ _id: id }, { $set: { replayedAt } });
    },
    async countOpen(group) {
      if (group === undefined)
        return [...(await countByGroup()).values()].reduce((a, b) => a + b, 0);
      return (await countByGroup()).get(group) ?? 0;
    },
  };
}
