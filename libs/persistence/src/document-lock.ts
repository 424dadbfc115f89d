// FerretDB 1.24 does not make a conditional update atomic (on either backend): it reads the
// document, filters it in Go, then writes by `_id` alone. Measured: 20 concurrent
// `updateOne({_id, version: v})` calls on one document reported several successes, and the
// document kept one of the writes (lost updates). An insert against a unique `_id` is atomic
// everywhere, so on the stand-in the writers of one document take a lock made of an insert.
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ConflictError } from '@rehab/domain-kit';
import { retry, type Backoff } from '@rehab/events';
import { isDuplicateKey, persistenceErrors } from './errors.ts';
import { groupCommit } from './group-commit.ts';

/** Waits between tries of a held lock: short, doubling, spread so waiters do not collide. */
const LOCK_WAITS: Backoff = { firstMs: 5, maxMs: 50, jitter: 'half' };

/** Someone else holds the lock (tried again until the wait runs out). */
const held = new Error('lock held');

/** Locks taken together by {@link DocumentLock.tryLockAll}, and given back together. */
export interface HeldLocks {
  /** The keys taken; the others were busy (take those one by one with `withLock`). */
  readonly held: ReadonlySet<string>;
  release(): Promise<void>;
}

/** Serialises writes to one document across processes. */
export interface DocumentLock {
  /** True when holders are alone with the document (so a read-then-write is safe). */
  readonly serialises: boolean;
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Takes, without waiting, those of `keys` that nobody holds, in one write for all of them
   * (the outbox relay's batch: one insert of many instead of one per document).
   */
  tryLockAll(keys: readonly string[]): Promise<HeldLocks>;
  /** Resolves once every lock given back so far is gone from the database (before shutdown). */
  settle(): Promise<void>;
}

/** A lock that does nothing, for databases whose conditional updates are atomic (MongoDB). */
export const noDocumentLock: DocumentLock = {
  serialises: false,
  withLock: (_key, work) => work(),
  tryLockAll: (keys) => Promise.resolve({ held: new Set(keys), release: () => Promise.resolve() }),
  settle: () => Promise.resolve(),
};

/** The positions of an unordered insertMany's documents refused as duplicates; undefined for any other failure. */
function duplicatePositions(error: unknown): Set<number> | undefined {
  const raw = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const writeErrors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { index?: unknown }[];
  if (writeErrors.length === 0) return undefined;
  const positions = new Set<number>();
  for (const writeError of writeErrors) {
    if (!isDuplicateKey(writeError) || typeof writeError.index !== 'number') return undefined;
    positions.add(writeError.index);
  }
  return positions;
}

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
 * they do not hammer the database; across processes the unique `_id` decides. The locks
 * taken and given back while another such write is on its way go together in the next one
 * (group commit): under load, one insert and one delete for many writers.
 */
export function insertLock(connection: Connection, options: InsertLockOptions = {}): DocumentLock {
  const col = connection.collection<LockDoc>(DOCUMENT_LOCKS_COLLECTION);
  const leaseMs = options.leaseMs ?? 10_000;
  const waitMs = options.waitMs ?? 5_000;
  const local = new Map<string, Promise<unknown>>();
  // One owner for this lock's holders: within the process, `local` already lets only one
  // of them hold a key at a time.
  const owner = randomUUID();

  // Inserts lock documents; per key, false when someone else holds it.
  const insertLocks = groupCommit<string, boolean>(async (keys) => {
    const expiresAt = new Date(Date.now() + leaseMs);
    try {
      await col.insertMany(
        keys.map((_id) => ({ _id, owner, expiresAt })),
        { ordered: false },
      );
      return keys.map(() => true);
    } catch (error) {
      const busy = duplicatePositions(error);
      if (busy) return keys.map((_, position) => !busy.has(position));
      // Failed for another reason: give back whatever got in before re-throwing.
      await col.deleteMany({ _id: { $in: [...keys] }, owner }).catch(() => undefined);
      throw error;
    }
  });
  // The lock table holds only the locks held now: the scan behind `$in` is short.
  const deleteLocks = groupCommit<string, undefined>(async (keys) => {
    await col.deleteMany({ _id: { $in: [...keys] }, owner });
    return keys.map(() => undefined);
  });
  // Locks on their way back after `withLock` answered. One that fails to go stays until its
  // lease runs out, and the next writer breaks it.
  const giving = new Set<Promise<unknown>>();
  const giveBack = (key: string): Promise<unknown> => {
    const gone = deleteLocks([key]).catch(() => undefined);
    giving.add(gone);
    void gone.then(() => giving.delete(gone));
    return gone;
  };

  async function acquire(key: string): Promise<void> {
    const attempt = async () => {
      if ((await insertLocks([key]))[0]) return;
      const holder = await col.findOne({ _id: key });
      // A crashed holder's lease has run out: break it and try again at once.
      if (holder && holder.expiresAt.getTime() < Date.now()) {
        await col.deleteOne({ _id: key, owner: holder.owner });
        if ((await insertLocks([key]))[0]) return;
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
  }

  return {
    serialises: true,
    async tryLockAll(keys) {
      // Keys busy in this process are left to `withLock`, whose waiters queue in memory.
      const free = [...new Set(keys)].filter((key) => !local.has(key));
      // In-process writers that come meanwhile queue behind these locks, not on the database.
      const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
      for (const key of free) {
        let open = () => {};
        const promise = new Promise<void>((resolve) => (open = resolve));
        gates.set(key, { promise, open });
        local.set(key, promise);
      }
      const openGate = (key: string) => {
        const gate = gates.get(key);
        gate?.open();
        if (gate && local.get(key) === gate.promise) local.delete(key);
      };
      let held: string[] = [];
      try {
        const taken = await insertLocks(free);
        held = free.filter((_, position) => taken[position]);
      } finally {
        const taken = new Set(held);
        for (const key of free) if (!taken.has(key)) openGate(key);
      }
      return {
        held: new Set(held),
        async release() {
          try {
            await deleteLocks(held);
          } finally {
            for (const key of held) openGate(key);
          }
        },
      };
    },
    async settle() {
      await Promise.all([...giving]);
    },
    async withLock(key, work) {
      const previous = local.get(key) ?? Promise.resolve();
      let given: Promise<unknown> = Promise.resolve();
      const run = previous
        .catch(() => undefined)
        .then(async () => {
          await acquire(key);
          try {
            return await work();
          } finally {
            // The caller has its answer once the work is done, while the lock goes back (one
            // round trip off every write's latency); this process's next writer of the key
            // waits for it, through `tail`.
            given = giveBack(key);
          }
        });
      const tail = run.then(
        () => given,
        () => given,
      );
      local.set(key, tail);
      void tail.then(() => {
        if (local.get(key) === tail) local.delete(key);
      });
      return run;
    },
  };
}
