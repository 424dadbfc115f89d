// Idempotent consumers: ids of applied events per consumer group, expired by a periodic sweep
// because FerretDB has no TTL indexes.
import type { Connection } from 'mongoose';
import type { EventLogger } from './logger.ts';
import { silentLogger } from './logger.ts';

/** Remembers which events a consumer group has applied. */
export interface ProcessedEventStore {
  has(group: string, eventId: string): Promise<boolean>;
  mark(group: string, eventId: string): Promise<void>;
  /** Deletes records processed before `olderThan`; returns how many. */
  sweep(olderThan: Date): Promise<number>;
}

interface ProcessedEventDoc {
  _id: string;
  group: string;
  eventId: string;
  processedAt: Date;
}

/** Default collection of processed event ids. */
export const PROCESSED_EVENTS_COLLECTION = 'processed_events';

/** ProcessedEventStore in a Mongo collection; `_id` = `<group>:<eventId>`, so lookups hit `_id`. */
export function mongoProcessedEventStore(
  connection: Connection,
  opts: { collection?: string } = {},
): ProcessedEventStore {
  const col = connection.collection<ProcessedEventDoc>(
    opts.collection ?? PROCESSED_EVENTS_COLLECTION,
  );
  const idOf = (group: string, eventId: string) => `${group}:${eventId}`;
  return {
    async has(group, eventId) {
      const doc = await col.findOne({ _id: idOf(group, eventId) }, { projection: { _id: 1 } });
      return doc !== null;
    },
    async mark(group, eventId) {
      // Upsert keeps the first processedAt when a redelivery marks again.
      await col.updateOne(
        { _id: idOf(group, eventId) },
        { $setOnInsert: { group, eventId, processedAt: new Date() } },
        { upsert: true },
      );
    },
    async sweep(olderThan) {
      // A range filter is a full scan on FerretDB; acceptable for an hourly background job.
      const res = await col.deleteMany({ processedAt: { $lt: olderThan } });
      return res.deletedCount;
    },
  };
}

/** Options of the periodic sweep. */
export interface SweepOptions {
  /** Keep ids at least this long; must exceed the longest redelivery window (default 7 days). */
  retentionMs?: number;
  /** Default 1 hour. */
  intervalMs?: number;
  logger?: EventLogger;
}

/** Runs `store.sweep` periodically; returns a stopper. */
export function startProcessedEventSweep(
  store: ProcessedEventStore,
  opts: SweepOptions = {},
): { stop(): void } {
  const retentionMs = opts.retentionMs ?? 7 * 24 * 3600_000;
  const logger = opts.logger ?? silentLogger;
  const timer = setInterval(() => {
    store.sweep(new Date(Date.now() - retentionMs)).then(
      (deleted) => logger.debug({ deleted }, 'swept processed event ids'),
      (err: unknown) => logger.warn({ err }, 'processed event sweep failed'),
    );
  }, opts.intervalMs ?? 3600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
