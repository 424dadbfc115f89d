// Single-document outbox: a store writes its aggregate and the events in ONE write; this relay
// publishes them, many documents' events in one batch, and then removes exactly those events
// without touching `version`.
import type { Collection } from 'mongoose';
import type { Registry } from 'prom-client';
import {
  EventSchemaError,
  describeError,
  eachLimited,
  eventMetrics,
  silentLogger,
  type EventEnvelope,
  type EventLogger,
  type EventMetrics,
  type EventPublisher,
} from '@rehab/events';
import type { Concurrency } from './concurrency.ts';
import {
  clearAllPublished,
  pendingDoc,
  projection,
  type OutboxCollection,
  type OutboxRecord,
  type PendingDoc,
} from './outbox-cleanup.ts';

/** Options of startOutboxRelay. */
export interface OutboxRelayOptions {
  /** Names of the aggregate collections whose outboxes it relays (read at every poll). */
  collections: () => readonly string[];
  connection: { collection(name: string): Collection };
  publisher: EventPublisher;
  /** The concurrency control the aggregate's writers use. */
  concurrency: Concurrency;
  /** Poll interval while there is work; default 200 ms. */
  intervalMs?: number;
  /** Idle polls back off up to this; default 1 000 ms. `wake()` polls at once. */
  maxIdleIntervalMs?: number;
  /** Documents per poll per collection, and per published batch; default 100. */
  batchSize?: number;
  /**
   * How often the relay scans for pending documents it was not told about (other processes,
   * a crash after the write); default 2 000 ms. Notified documents go at once.
   */
  fullScanIntervalMs?: number;
  /** Documents read and cleared at once; default 8. */
  parallelism?: number;
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
  /**
   * Relays one document's events now, right after a store wrote them. `written`, when given,
   * is the document's version and whole outbox after that write (nothing older was pending):
   * the relay publishes it, and clears it, without reading the document.
   */
  notify(collection: string, id: string, written?: WrittenOutbox): void;
}

/** A document's whole outbox as its writer left it, at the version it wrote. */
export interface WrittenOutbox {
  version: number;
  outbox: readonly EventEnvelope[];
}

/** A notified document: its id, and its whole outbox when the writer knew it. */
type Notified = readonly [id: string, written: WrittenOutbox | undefined];

/**
 * Finds pending documents: the ids writers notified (a look-up by `_id`) and, when `full`, a
 * scan of `outboxPending`, which catches what other processes or a crash left behind.
 */
async function pendingDocuments(
  col: OutboxCollection,
  batchSize: number,
  parallelism: number,
  metrics: EventMetrics,
  dirty: readonly Notified[],
  full: boolean,
): Promise<OutboxRecord[]> {
  const found = new Map<string, OutboxRecord>();
  const unknown: string[] = [];
  for (const [id, written] of dirty.slice(0, batchSize)) {
    // The writer told us the whole outbox: no read.
    if (written) {
      const { version, outbox } = written;
      found.set(id, { _id: id, version, outbox: [...outbox], outboxPending: true });
    } else {
      unknown.push(id);
    }
  }
  await eachLimited(unknown, parallelism, async (id) => {
    const doc = await col.findOne({ _id: id }, { projection });
    if (doc?.outboxPending) found.set(doc._id, doc);
  });
  if (!full) return [...found.values()];
  const scanned = await col
    .find({ outboxPending: true }, { projection })
    .limit(batchSize)
    .toArray();
  const backlog =
    scanned.length < batchSize ? scanned.length : await col.countDocuments({ outboxPending: true });
  metrics.outboxBacklog.set({ collection: col.collectionName }, backlog);
  for (const doc of scanned) if (!found.has(doc._id)) found.set(doc._id, doc);
  return [...found.values()];
}

interface PollResult {
  published: number;
  found: number;
  failed: boolean;
}

/** Publishes the documents' events in one batch; a schema-invalid event is isolated. */
async function publishAll(
  docs: readonly PendingDoc[],
  publisher: EventPublisher,
  logger: EventLogger,
  collection: string,
): Promise<PendingDoc[]> {
  const events = docs.flatMap((doc) => doc.outbox as unknown as EventEnvelope[]);
  try {
    await publisher.publish(events);
    return [...docs];
  } catch (error) {
    if (!(error instanceof EventSchemaError)) throw error;
  }
  // One bad event fails the whole batch: publish document by document, so the bad one stays
  // put (logged) and does not hold back the others.
  const sent: PendingDoc[] = [];
  for (const doc of docs) {
    try {
      await publisher.publish(doc.outbox as unknown as EventEnvelope[]);
      sent.push(doc);
    } catch (error) {
      if (!(error instanceof EventSchemaError)) throw error;
      logger.error(
        { collection, id: doc._id, error: describeError(error) },
        'outbox event does not match its schema; left in the outbox',
      );
    }
  }
  return sent;
}

async function pollCollection(
  col: OutboxCollection,
  opts: Required<Pick<OutboxRelayOptions, 'batchSize' | 'parallelism'>> & {
    publisher: EventPublisher;
    concurrency: Concurrency;
    metrics: EventMetrics;
    logger: EventLogger;
  },
  dirty: readonly Notified[],
  full: boolean,
): Promise<PollResult & { unread: Notified[] }> {
  const { batchSize, parallelism, logger } = opts;
  const unread = dirty.slice(batchSize);
  const raws = await pendingDocuments(col, batchSize, parallelism, opts.metrics, dirty, full);
  const docs: PendingDoc[] = [];
  const empty: PendingDoc[] = [];
  for (const raw of raws) {
    const doc = pendingDoc.safeParse(raw);
    if (!doc.success) {
      logger.error(
        { collection: col.collectionName, id: String(raw._id) },
        'malformed outbox document',
      );
    } else if (doc.data.outbox.length === 0) {
      empty.push(doc.data); // a flag left by a cleanup that raced with a write
    } else {
      docs.push(doc.data);
    }
  }
  try {
    const sent =
      docs.length > 0 ? await publishAll(docs, opts.publisher, logger, col.collectionName) : [];
    await clearAllPublished(col, opts.concurrency, [...sent, ...empty], parallelism);
    const published = sent.reduce((n, doc) => n + doc.outbox.length, 0);
    return { published, found: raws.length, failed: false, unread };
  } catch (error) {
    // Broker or database down: end this poll, so the loop backs off; nothing is lost (the
    // events stay in their documents and go again, and consumers drop the duplicates).
    logger.error(
      { collection: col.collectionName, error: describeError(error) },
      'outbox relay failed',
    );
    return { published: 0, found: raws.length, failed: true, unread };
  }
}

/** Starts polling the collections' outboxes. */
export function startOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  // Aggregate documents have more fields; the relay's view of them is narrowed on purpose.
  const collectionsNow = () =>
    opts
      .collections()
      .map((name) => opts.connection.collection(name) as unknown as OutboxCollection);
  const interval = opts.intervalMs ?? 200;
  const maxIdle = Math.max(interval, opts.maxIdleIntervalMs ?? 1_000);
  const settings = {
    batchSize: opts.batchSize ?? 100,
    parallelism: opts.parallelism ?? 8,
    publisher: opts.publisher,
    concurrency: opts.concurrency,
    metrics: eventMetrics(opts.metrics),
    logger: opts.logger ?? silentLogger,
  };
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let delay = interval;

  const fullScanEvery = opts.fullScanIntervalMs ?? 2_000;
  const dirty = new Map<string, Map<string, WrittenOutbox | undefined>>();
  let lastFullScan = 0;

  const notifyId = (collection: string, id: string, written?: WrittenOutbox): void => {
    const ids = dirty.get(collection) ?? new Map<string, WrittenOutbox | undefined>();
    // A second write before the relay ran: only a read knows the outbox now.
    ids.set(id, ids.has(id) ? undefined : written);
    dirty.set(collection, ids);
  };

  // Polls are serialised: drainOnce and the timer never run concurrently.
  const poll = (force = false): Promise<{ published: number; busy: boolean; failed: boolean }> => {
    const run = chain.then(async () => {
      let published = 0;
      let busy = false;
      const full = force || Date.now() - lastFullScan >= fullScanEvery;
      if (full) lastFullScan = Date.now();
      for (const col of collectionsNow()) {
        const ids: Notified[] = [...(dirty.get(col.collectionName) ?? [])];
        dirty.delete(col.collectionName);
        const r = await pollCollection(col, settings, ids, full);
        // Ids beyond this batch, and all ids of a failed poll, wait for the next one (read
        // then: a failed publish may have been half done).
        for (const [id, written] of r.failed ? ids : r.unread) {
          notifyId(col.collectionName, id, r.failed ? undefined : written);
        }
        published += r.published;
        busy ||= r.found > 0 || r.unread.length > 0;
        if (r.failed) return { published, busy, failed: true };
      }
      return { published, busy, failed: false };
    });
    chain = run.catch(() => undefined);
    return run;
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
        // Notified while this poll ran: go again at once.
        schedule(dirty.size > 0 && !r.failed ? 0 : delay);
      },
      (err: unknown) => {
        settings.logger.error({ error: describeError(err) }, 'outbox poll failed');
        delay = Math.min(Math.max(delay, interval) * 2, 5_000);
        schedule(delay);
      },
    );
  };
  let scheduledNow = false;
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
    notify(collection, id, written) {
      notifyId(collection, id, written);
      delay = interval;
      // Writes that land together share one poll (and one published batch).
      if (!scheduledNow) {
        scheduledNow = true;
        setImmediate(() => {
          scheduledNow = false;
          schedule(0);
        });
      }
    },
  };
}
