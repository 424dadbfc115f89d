// The kit as a service opens it: one concurrency control, one outbox relay for every
// aggregate collection, stores and claims bound to them, and the indexes of all of them
// (mirrored on the stand-in's PostgreSQL when FERRETDB_POSTGRESQL_URL is set).
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { EventLogger, EventPublisher } from '@rehab/events';
import {
  aggregateStore,
  type AggregateStore,
  type AggregateStoreOptions,
  type Versioned,
} from './aggregate-store.ts';
import { claimStore, type ClaimStore } from './claims.ts';
import { concurrencyFor, type Concurrency, type ConcurrencyMode } from './concurrency.ts';
import { DOCUMENT_LOCKS_COLLECTION, insertLock } from './document-lock.ts';
import { createCollection, type IndexSpec } from './indexes.ts';
import { startOutboxRelay, type OutboxRelay } from './outbox-relay.ts';
import { databaseOf, mirrorIndexesOnPostgres, type MirrorReport } from './stand-in/gin-indexes.ts';

/** Options of {@link openPersistence}. */
export interface PersistenceOptions {
  connection: Connection;
  /** The MongoDB URL of the service's own database (names the stand-in's schema). */
  mongoUrl: string;
  concurrency: ConcurrencyMode;
  publisher: EventPublisher;
  /** FerretDB's PostgreSQL: when set, declared indexes are mirrored as GIN indexes there. */
  standInPostgresUrl?: string | undefined;
  relay?: {
    intervalMs?: number;
    fullScanIntervalMs?: number;
    /** False: no background polling (tests call `relay.drainOnce()`). */
    poll?: boolean;
  };
  logger?: EventLogger;
  metrics?: Registry;
}

/** Everything a service persists through. */
export interface Persistence {
  readonly concurrency: Concurrency;
  readonly relay: OutboxRelay;
  /** An aggregate collection with its outbox relayed. */
  aggregates<T extends Versioned>(options: AggregateStoreOptions<T>): AggregateStore<T>;
  /** Keys bound to holders (see claims.ts). */
  claims(collection: string): ClaimStore;
  /**
   * A collection that is no aggregate (processed event ids, idempotency keys, audit, ...):
   * created with its indexes by `ensureIndexes`, so the stand-in mirrors them too.
   */
  declare(collection: string, indexes?: readonly IndexSpec[]): void;
  /**
   * Runs `work` alone for `key` across processes, whatever the concurrency mode: for records
   * rewritten whole (read, then set), which no version protects.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Creates every registered store's collection and indexes, then mirrors them on the
   * stand-in; returns what the mirror did (absent on MongoDB).
   */
  ensureIndexes(): Promise<MirrorReport | undefined>;
  stop(): Promise<void>;
}

/** Opens the kit on a service's database. */
export function openPersistence(options: PersistenceOptions): Persistence {
  const concurrency = concurrencyFor(options.connection, options.concurrency);
  const mutex =
    concurrency.mode === 'insert-lock' ? concurrency.lock : insertLock(options.connection);
  const stores: AggregateStore<Versioned>[] = [];
  const collections: string[] = [];
  const declared = new Map<string, readonly IndexSpec[]>();
  const declare = (collection: string, indexes: readonly IndexSpec[] = []) => {
    declared.set(collection, [...(declared.get(collection) ?? []), ...indexes]);
  };
  // Every write on the stand-in inserts and deletes here, by `_id`.
  declare(DOCUMENT_LOCKS_COLLECTION);
  const relay = startOutboxRelay({
    collections: () => collections,
    connection: options.connection,
    publisher: options.publisher,
    concurrency,
    ...(options.relay?.intervalMs ? { intervalMs: options.relay.intervalMs } : {}),
    ...(options.relay?.fullScanIntervalMs
      ? { fullScanIntervalMs: options.relay.fullScanIntervalMs }
      : {}),
    poll: options.relay?.poll ?? true,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return {
    concurrency,
    relay,
    aggregates(storeOptions) {
      const store = aggregateStore(
        options.connection,
        concurrency,
        (collection, id, written) => relay.notify(collection, id, written),
        storeOptions,
      );
      stores.push(store as unknown as AggregateStore<Versioned>);
      collections.push(storeOptions.collection);
      return store;
    },
    claims(collection) {
      declare(collection);
      return claimStore(options.connection, concurrency, collection);
    },
    declare,
    exclusive: (key, work) => mutex.withLock(key, work),
    async ensureIndexes() {
      for (const store of stores) await store.ensureIndexes();
      for (const [collection, indexes] of declared) {
        await createCollection(options.connection, collection, indexes);
      }
      if (!options.standInPostgresUrl) return undefined;
      return mirrorIndexesOnPostgres(options.standInPostgresUrl, databaseOf(options.mongoUrl));
    },
    async stop() {
      await relay.stop();
      // The locks of the last writes may still be on their way back.
      await Promise.all([concurrency.lock.settle(), mutex.settle()]);
    },
  };
}
