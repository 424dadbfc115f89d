// Single-document outbox: a use case writes its aggregate and the events in ONE versioned
// update; this relay publishes them and removes exactly those events without touching `version`.
import type { Collection } from 'mongoose';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { EventPublisher } from './bus.ts';
import type { EventEnvelope } from './envelope.ts';
import { EventSchemaError, describeError } from './errors.ts';
import type { EventLogger } from './logger.ts';
import { silentLogger } from './logger.ts';
import { eventMetrics } from './metrics.ts';
import {
  documentLockKey,
  noDocumentLock,
  updateIfVersion,
  type DocumentLock,
} from './document-lock.ts';
import type { EventMetrics } from './metrics.ts';

/**
 * Fields an aggregate document needs. Aggregates must also declare the index
 * {@link OUTBOX_INDEX} (`{ outboxPending: 1 }`) and bump `version` on every write.
 */
export interface OutboxDocument {
  _id: string;
  version: number;
  outbox: EventEnvelope[];
  outboxPending: boolean;
}

/** The index every aggregate collection with an outbox must declare. */
export const OUTBOX_INDEX = { outboxPending: 1 } as const;

/** The update part to merge into a use case's versioned update (`$set` merges with theirs). */
export function outboxUpdate(events: EventEnvelope[]): {
  $push: { outbox: { $each: EventEnvelope[] } };
  $set: { outboxPending: true };
} {
  return { $push: { outbox: { $each: events } }, $set: { outboxPending: true } };
}

// Typed structurally: Collection<Person> is not assignable to Collection<Document> in the
// driver's types, and aggregates are free to type their own collections.
type NamedCollection = Pick<Collection, 'collectionName'>;

/** A mongoose collection (of any document type) or a mongoose model. */
export type OutboxSource = NamedCollection | { collection: NamedCollection };

// Models are constructor functions; collections are objects (which also carry `collection`
// and `modelName` properties, so property checks cannot tell them apart).
const isModel = (s: OutboxSource): s is { collection: NamedCollection } => typeof s === 'function';

/** Options of startOutboxRelay. */
export interface OutboxRelayOptions {
  collections: OutboxSource[];
  publisher: EventPublisher;
  /** Poll interval while there is work; default 200 ms. */
  intervalMs?: number;
  /** Idle polls back off up to this; default 1 000 ms. `wake()` polls at once. */
  maxIdleIntervalMs?: number;
  /** Documents per poll per collection; default 100. */
  batchSize?: number;
  /**
   * How often the relay scans for pending documents it was not told about (other processes,
   * a crash after the write); default 2 000 ms. Notified documents go at once.
   */
  fullScanIntervalMs?: number;
  /** The lock the aggregate's writers take (needed on FerretDB); default none. */
  lock?: DocumentLock;
  /** Poll in the background (default true); false leaves only drainOnce, for tests. */
  poll?: boolean;
  logger?: EventLogger;
  metrics?: Registry;
}

/** A running relay. */
export interface OutboxRelay {
  /** Waits for the current poll, then stops. */
  stop(): Promise<void>;
  /** Publishes everything pending now (repeats polls until none left); returns events published. */
  drainOnce(): Promise<number>;
  /** Polls now with a full scan. */
  wake(): void;
  /** Relays one document's events now (by `_id`), right after a use case wrote them. */
  notify(collection: string, id: string): void;
}

// The relay only reads and writes these fields; everything read is validated with zod.
type OutboxRecord = { _id: string; version: number; outbox: unknown[]; outboxPending: boolean };
type OutboxCollection = Collection<OutboxRecord>;

const pendingDoc = z.object({
  _id: z.string(),
  version: z.number(),
  outbox: z.array(z.looseObject({ id: z.string() })),
});
type PendingDoc = z.infer<typeof pendingDoc>;

// FerretDB 1.24 silently ignores `$pull` with a condition (modifiedCount 0, no error), so
// published events are removed by read-modify-write guarded by the aggregate's version.
async function removePublished(
  col: OutboxCollection,
  lock: DocumentLock,
  id: string,
  ids: Set<string>,
): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const raw = await col.findOne({ _id: id }, { projection: { version: 1, outbox: 1 } });
    if (!raw) return;
    const doc = pendingDoc.parse(raw);
    const remaining = doc.outbox.filter((e) => !ids.has(e.id));
    const done = await updateIfVersion(col, lock, id, doc.version, {
      $set: { outbox: remaining, outboxPending: remaining.length > 0 },
    });
    if (done) return;
  }
  throw new Error('outbox cleanup lost the race 20 times; will retry on the next poll');
}

async function relayDoc(
  col: OutboxCollection,
  doc: PendingDoc,
  publisher: EventPublisher,
  lock: DocumentLock,
): Promise<number> {
  // Writers of the aggregate hold the same lock, so the version check below is atomic
  // even on FerretDB (see document-lock.ts).
  const key = documentLockKey(col.collectionName, doc._id);
  if (doc.outbox.length === 0) {
    // Left over from a cleanup that raced with a write; clear the flag if nothing changed since.
    await lock.withLock(key, () =>
      updateIfVersion(col, lock, doc._id, doc.version, { $set: { outboxPending: false } }),
    );
    return 0;
  }
  // The publisher validates each element against the catalogue before sending.
  await publisher.publish(doc.outbox as unknown as EventEnvelope[]);
  await lock.withLock(key, async () => {
    const cleared = await updateIfVersion(col, lock, doc._id, doc.version, {
      $set: { outbox: [], outboxPending: false },
    });
    if (!cleared) {
      await removePublished(col, lock, doc._id, new Set(doc.outbox.map((e) => e.id)));
    }
  });
  return doc.outbox.length;
}

const projection = { _id: 1, version: 1, outbox: 1, outboxPending: 1 } as const;

/**
 * Finds pending documents: the ids writers notified (a lookup by `_id`, the only filter
 * FerretDB's SQLite backend pushes down) and, when `full`, a scan of `outboxPending`, which
 * catches what other processes or a crash left behind.
 */
async function pendingDocuments(
  col: OutboxCollection,
  batchSize: number,
  metrics: EventMetrics,
  dirty: readonly string[],
  full: boolean,
): Promise<OutboxRecord[]> {
  const docs: OutboxRecord[] = [];
  for (const id of dirty) {
    const doc = await col.findOne({ _id: id }, { projection });
    if (doc?.outboxPending) docs.push(doc);
  }
  if (!full) return docs;
  const scanned = await col
    .find({ outboxPending: true }, { projection })
    .limit(batchSize)
    .toArray();
  const backlog =
    scanned.length < batchSize ? scanned.length : await col.countDocuments({ outboxPending: true });
  metrics.outboxBacklog.set({ collection: col.collectionName }, backlog);
  const seen = new Set(docs.map((doc) => doc._id));
  return [...docs, ...scanned.filter((doc) => !seen.has(doc._id))];
}

async function pollCollection(
  col: OutboxCollection,
  batchSize: number,
  publisher: EventPublisher,
  metrics: EventMetrics,
  logger: EventLogger,
  lock: DocumentLock,
  dirty: readonly string[],
  full: boolean,
): Promise<{ published: number; found: number; failed: boolean }> {
  const docs = await pendingDocuments(col, batchSize, metrics, dirty, full);
  let published = 0;
  for (const raw of docs) {
    const doc = pendingDoc.safeParse(raw);
    if (!doc.success) {
      logger.error(
        { collection: col.collectionName, id: String(raw._id) },
        'malformed outbox document',
      );
      continue;
    }
    try {
      published += await relayDoc(col, doc.data, publisher, lock);
    } catch (err) {
      const error = describeError(err);
      logger.error(
        { collection: col.collectionName, id: String(doc.data._id), error },
        'outbox relay failed',
      );
      // A bad event stays put but must not hold back other aggregates; anything else
      // (broker or database down) ends this poll so the loop backs off.
      if (!(err instanceof EventSchemaError))
        return { published, found: docs.length, failed: true };
    }
  }
  return { published, found: docs.length, failed: false };
}

/** Starts polling the collections' outboxes. */
export function startOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const cols = opts.collections.map(
    // Aggregate documents have more fields; the relay's view of them is narrowed on purpose.
    (s) => (isModel(s) ? s.collection : s) as unknown as OutboxCollection,
  );
  const interval = opts.intervalMs ?? 200;
  const maxIdle = Math.max(interval, opts.maxIdleIntervalMs ?? 1_000);
  const batchSize = opts.batchSize ?? 100;
  const logger = opts.logger ?? silentLogger;
  const metrics = eventMetrics(opts.metrics);
  const lock = opts.lock ?? noDocumentLock;
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let delay = interval;

  const fullScanEvery = opts.fullScanIntervalMs ?? 2_000;
  const dirty = new Map<string, Set<string>>();
  let lastFullScan = 0;

  // Polls are serialised: drainOnce and the timer never run concurrently.
  const poll = (force = false): Promise<{ published: number; busy: boolean; failed: boolean }> => {
    const run = chain.then(async () => {
      let published = 0;
      let busy = false;
      const full = force || Date.now() - lastFullScan >= fullScanEvery;
      if (full) lastFullScan = Date.now();
      for (const col of cols) {
        const ids = [...(dirty.get(col.collectionName) ?? [])];
        dirty.delete(col.collectionName);
        const r = await pollCollection(
          col,
          batchSize,
          opts.publisher,
          metrics,
          logger,
          lock,
          ids,
          full,
        );
        // Ids of a failed poll are kept for the next one.
        if (r.failed) for (const id of ids) notifyId(col.collectionName, id);
        published += r.published;
        busy ||= r.found > 0;
        if (r.failed) return { published, busy, failed: true };
      }
      return { published, busy, failed: false };
    });
    chain = run.catch(() => undefined);
    return run;
  };

  const notifyId = (collection: string, id: string): void => {
    const ids = dirty.get(collection) ?? new Set<string>();
    ids.add(id);
    dirty.set(collection, ids);
  };

  const schedule = (ms: number): void => {
    clearTimeout(timer);
    if (!stopped && opts.poll !== false) timer = setTimeout(tick, ms);
  };
  const tick = (): void => {
    poll().then(
      (r) => {
        delay = r.failed
          ? Math.min(delay * 2, 5_000)
          : r.busy
            ? interval
            : Math.min(delay * 2, maxIdle);
        schedule(delay);
      },
      (err: unknown) => {
        logger.error({ error: describeError(err) }, 'outbox poll failed');
        delay = Math.min(Math.max(delay, interval) * 2, 5_000);
        schedule(delay);
      },
    );
  };
  schedule(0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
    async drainOnce() {
      let total = 0;
      for (;;) {
        const r = await poll(true);
        total += r.published;
        if (r.failed) throw new Error('outbox relay could not publish; see logs');
        // No progress means only stuck (schema-invalid) events remain; they are logged.
        if (!r.busy || r.published === 0) return total;
      }
    },
    wake() {
      lastFullScan = 0;
      delay = interval;
      schedule(0);
    },
    notify(collection, id) {
      notifyId(collection, id);
      delay = interval;
      schedule(0);
    },
  };
}
