// The outbox relay's clean-up: after publishing, it removes exactly the published events
// from each document, under the document's lock, without touching `version`.
import type { Collection } from 'mongoose';
import { z } from 'zod';
import { eachLimited, retry, type Backoff } from '@rehab/events';
import { documentLockKey } from './document-lock.ts';
import type { Concurrency } from './concurrency.ts';

// The relay only reads and writes these fields; everything read is validated with zod.
export type OutboxRecord = {
  _id: string;
  version: number;
  outbox: unknown[];
  outboxPending: boolean;
};
export type OutboxCollection = Collection<OutboxRecord>;

export const pendingDoc = z.object({
  _id: z.string(),
  version: z.number(),
  outbox: z.array(z.looseObject({ id: z.string() })),
});
export type PendingDoc = z.infer<typeof pendingDoc>;

export const projection = { _id: 1, version: 1, outbox: 1, outboxPending: 1 } as const;

/** The cleanup lost to a writer (MongoDB without the lock); the next poll retries past 20. */
const lostCleanup = new Error('outbox cleanup lost the race 20 times; will retry on the next poll');
const CLEANUP_WAITS: Backoff = { firstMs: 1, maxMs: 20, jitter: 'full' };

/**
 * Removes the published events from a document, under its lock (held by the caller when
 * `locked`). Still at the version they were read at, the document has no other events: one
 * write clears them, with no read. Otherwise a writer appended meanwhile; FerretDB ignores
 * `$pull` with a condition, so the outbox is read and rewritten, and the writer's events stay,
 * because the read happens under the same lock writers hold.
 */
async function clearPublished(
  col: OutboxCollection,
  concurrency: Concurrency,
  doc: PendingDoc,
  locked: boolean,
): Promise<void> {
  const published = new Set(doc.outbox.map((event) => event.id));
  const underLock = (work: () => Promise<boolean>) =>
    locked ? work() : concurrency.lock.withLock(documentLockKey(col.collectionName, doc._id), work);
  // Under the lock (or, without one, on MongoDB) the version test is exact.
  const clearUnchanged = async () =>
    (
      await col.updateOne(
        { _id: doc._id, version: doc.version },
        { $set: { outbox: [], outboxPending: false } },
      )
    ).matchedCount === 1;
  const rewrite = async () => {
    const raw = await col.findOne({ _id: doc._id }, { projection });
    if (!raw) return true;
    const current = pendingDoc.parse(raw);
    const remaining = current.outbox.filter((event) => !published.has(event.id));
    return concurrency.updateIfVersion(col, doc._id, current.version, {
      $set: { outbox: remaining, outboxPending: remaining.length > 0 },
    });
  };
  if (await underLock(async () => (await clearUnchanged()) || rewrite())) return;
  // Lost to a writer: only without the lock (MongoDB), where `underLock` waits for nothing.
  await retry(
    async () => {
      if (!(await underLock(rewrite))) throw lostCleanup;
    },
    { attempts: 20, waits: CLEANUP_WAITS, retryOn: (error) => error === lostCleanup },
  );
}

/**
 * Clears the published events of many documents: their locks are taken in one write and
 * given back in one; the few held by writers right now are cleared one by one, in turn.
 */
export async function clearAllPublished(
  col: OutboxCollection,
  concurrency: Concurrency,
  docs: readonly PendingDoc[],
  parallelism: number,
): Promise<void> {
  const keyOf = (doc: PendingDoc) => documentLockKey(col.collectionName, doc._id);
  const locks = await concurrency.lock.tryLockAll(docs.map(keyOf));
  try {
    await eachLimited(
      docs.filter((doc) => locks.held.has(keyOf(doc))),
      parallelism,
      (doc) => clearPublished(col, concurrency, doc, true),
    );
  } finally {
    await locks.release();
  }
  await eachLimited(
    docs.filter((doc) => !locks.held.has(keyOf(doc))),
    parallelism,
    (doc) => clearPublished(col, concurrency, doc, false),
  );
}
