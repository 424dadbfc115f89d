// Dead letters kept in Mongo so an operator endpoint can list and replay them.
import type { Connection } from 'mongoose';
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';
import { DeadLetterAlreadyReplayedError, DeadLetterNotFoundError } from './errors.ts';

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

function fromDoc(doc: DeadLetterDoc): DeadLetter {
  const dl: DeadLetter = {
    id: doc._id,
    group: doc.group,
    topic: doc.topic,
    partition: doc.partition,
    offset: doc.offset,
    key: doc.key,
    value: doc.value,
    // FerretDB 1.24 drops empty arrays and nulls given in $setOnInsert, so both may be absent.
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
  const col = connection.collection<DeadLetterDoc>(opts.collection ?? DEAD_LETTERS_COLLECTION);
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
      await col.updateOne(
        { group, topic, partition, offset },
        {
          $setOnInsert: {
            _id: uuidv7(),
            key: dl.key,
            value: dl.value,
            headers: Object.entries(dl.headers).map(([name, value]) => ({ name, value })),
            error: dl.error,
            attempts: dl.attempts,
            failedAt: dl.failedAt,
            replayedAt: null,
          },
        },
        { upsert: true },
      );
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
      // Compare-and-set on replayedAt so concurrent replays cannot both succeed.
      const res = await col.updateOne(
        { _id: id, replayedAt: null },
        { $set: { replayedAt: new Date() } },
      );
      if (res.matchedCount === 1) return;
      const exists = await col.findOne({ _id: id }, { projection: { _id: 1 } });
      if (!exists) throw new DeadLetterNotFoundError(`dead letter ${id} not found`);
      throw new DeadLetterAlreadyReplayedError(`dead letter ${id} was already replayed`);
    },
    async countOpen(group) {
      if (group === undefined)
        return [...(await countByGroup()).values()].reduce((a, b) => a + b, 0);
      return (await countByGroup()).get(group) ?? 0;
    },
  };
}
