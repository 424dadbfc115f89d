// How writers of one document stay out of each other's way, chosen by configuration
// (STORAGE_CONCURRENCY): on the stand-in an insert lock (the one primitive atomic on FerretDB
// and MongoDB alike), on MongoDB the atomic `{_id, version}` filter.
import type { Connection } from 'mongoose';
import { insertLock, noDocumentLock, type DocumentLock } from './document-lock.ts';

/** `insert-lock`: FerretDB (and MongoDB); `version-filter`: MongoDB only. */
export type ConcurrencyMode = 'insert-lock' | 'version-filter';

/** The part of a driver collection a versioned update needs. */
interface UpdatableCollection {
  updateOne(
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<{ matchedCount: number }>;
}

/** The concurrency control every store and the outbox relay share. */
export interface Concurrency {
  readonly mode: ConcurrencyMode;
  /** Held around every load-decide-save (a no-op lock under `version-filter`). */
  readonly lock: DocumentLock;
  /**
   * Applies `update` if the document is still at `version`, which the caller read while
   * holding `lock` for the document; false when a concurrent writer got there first.
   */
  updateIfVersion(
    collection: UpdatableCollection,
    id: string,
    version: number,
    update: Record<string, unknown>,
  ): Promise<boolean>;
}

/** The concurrency control of `mode` on `connection`. */
export function concurrencyFor(connection: Connection, mode: ConcurrencyMode): Concurrency {
  if (mode === 'version-filter') {
    return {
      mode,
      lock: noDocumentLock,
      async updateIfVersion(collection, id, version, update) {
        return (await collection.updateOne({ _id: id, version }, update)).matchedCount === 1;
      },
    };
  }
  return {
    mode,
    lock: insertLock(connection),
    // Under the lock the version read is still current, so the filter is `_id` alone: the
    // stand-in pushes `_id` down, and a `{_id, version}` filter would only cost a second test.
    async updateIfVersion(collection, id, _version, update) {
      return (await collection.updateOne({ _id: id }, update)).matchedCount === 1;
    },
  };
}
