// FerretDB 1.24 does not make a conditional update atomic (on either backend): it reads the
// document, filters it in Go, then writes by `_id` alone. Measured: 20 concurrent
// `updateOne({_id, version: v})` calls on one document reported several successes, and the
// document kept one of the writes (lost updates). An insert against a unique `_id` is atomic
// everywhere, so on the stand-in the writers of one document take a lock made of an insert.
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ConflictError } from '@rehab/domain-kit';
import { retry, type Backoff } from '@rehab/events';
import { persistenceErrors } from './errors.ts';

/** Waits between tries of a held lock: short, doubling, spread so waiters do not collide. */
const LOCK_WAITS: Backoff = { firstMs: 5, maxMs: 50, jitter: 'half' };

/** Someone else holds the lock (tried again until the wait runs out). */
const held = new Error('lock held');

/** Serialises writes to one document across processes. */
export interface DocumentLock {
  /** True when holders are alone with the document (so a read-then-write is safe). */
  readonly serialises: boolean;
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** A lock that does nothing, for databases whose conditional updates are atomic (MongoDB). */
export const noDocumentLock: DocumentLock = { serialises: false, withLock: (_key, work) => work() };

/** The lock key of one aggregate document; writers and the outbox relay must agree on it. */
export function documentLockKey(collection: string, id: string): string {
  return `${collection}:${id}`;
}

/** Collection of the lock documents. */
export const DOCUMENT_LOCKS_COLLECTION = 'document_locks';

interface LockDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/** Options of {@link insertLock}. */
export interface InsertLockOptions {
  /** A crashed holder's lock is broken after this; longer than any guarded write. Default 10 s. */
  leaseMs?: number;
  /** Give up waiting after this. Default 5 s. */
  waitMs?: number;
}

/**
 * Insert-based lock with a lease. Within one process, waiters queue in memory first so
 * they do not hammer the database; across processes the unique `_id` decides.
 */
export function insertLock(connection: Connection, options: InsertLockOptions = {}): DocumentLock {
  const col = connection.collection<LockDoc>(DOCUMENT_LOCKS_COLLECTION);
  const leaseMs = options.leaseMs ?? 10_000;
  const waitMs = options.waitMs ?? 5_000;
  const local = new Map<string, Promise<unknown>>();

  // Inserts the lock document; false when someone holds it.
  const insert = async (key: string, owner: string) => {
    try {
      await col.insertOne({ _id: key, owner, expiresAt: new Date(Date.now() + leaseMs) });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 11000) throw error;
      return false;
    }
  };

  async function acquire(key: string): Promise<string> {
    const owner = randomUUID();
    const attempt = async () => {
      if (await insert(key, owner)) return;
      const holder = await col.findOne({ _id: key });
      // A crashed holder's lease has run out: break it and try again at once.
      if (holder && holder.expiresAt.getTime() < Date.now()) {
        await col.deleteOne({ _id: key, owner: holder.owner });
        if (await insert(key, owner)) return;
      }
      throw held;
    };
    try {
      await retry(attempt, { withinMs: waitMs, waits: LOCK_WAITS, retryOn: (e) => e === held });
    } catch (error) {
      // Busy for longer than any write takes (a crashed holder's lease has not run out yet):
      // the caller hears "being changed, retry shortly", a 409, not a server error.
      if (error === held) {
        throw new ConflictError(persistenceErrors.writeConflict, { params: { id: key } });
      }
      throw error;
    }
    return owner;
  }

  return {
    serialises: true,
    async withLock(key, work) {
      const previous = local.get(key) ?? Promise.resolve();
      const run = previous
        .catch(() => undefined)
        .then(async () => {
          const owner = await acquire(key);
          try {
            return await work();
          } finally {
            await col.deleteOne({ _id: key, owner });
          }
        });
      const tail = run.catch(() => undefined);
      local.set(key, tail);
      void tail.then(() => {
        if (local.get(key) === tail) local.delete(key);
      });
      return run;
    },
  };
}
