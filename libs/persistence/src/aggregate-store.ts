// One aggregate collection: get, equality look-ups, insert, and load-decide-save with the
// aggregate's events in the same single-document write (the outbox). Concurrency control is
// the kit's (concurrency.ts), so no service writes its own.
import type { Collection, Connection } from 'mongoose';
import { retry, type Backoff, type EventEnvelope } from '@rehab/events';
import { ConflictError, PreconditionFailedError } from '@rehab/domain-kit';
import { documentLockKey } from './document-lock.ts';
import { persistenceErrors } from './errors.ts';
import type { Concurrency } from './concurrency.ts';
import { createCollection, type IndexSpec } from './indexes.ts';
import type { WrittenOutbox } from './outbox-relay.ts';
import { currentRequestKey, withApplied, type AppliedKey } from './request-key.ts';

export { persistenceErrors };

/** The 412 of a change based on a version (If-Match) that is no longer the stored one. */
export function staleVersionError(expected: number): PreconditionFailedError {
  return new PreconditionFailedError(persistenceErrors.staleVersion, {
    params: { expected },
    field: 'If-Match',
  });
}

/** An aggregate as use cases hold it: its id and the version its ETag names. */
export interface Versioned {
  id: string;
  version: number;
}

/** The fields every aggregate document has besides its own. */
export interface StoredDocument {
  _id: string;
  version: number;
  outbox: EventEnvelope[];
  outboxPending: boolean;
  [field: string]: unknown;
}

/** The index every collection with an outbox has, for the relay's safety-net scan. */
export const OUTBOX_INDEX: IndexSpec = { key: { outboxPending: 1 } };

/** What a decision returns: the next state and its events, or no change at all. */
export type Decision<T, R> =
  | { next: T; events: readonly EventEnvelope[]; result: R }
  | { next?: undefined; events?: undefined; result: R };

/** The outcome of `change`. */
export interface Changed<T, R> {
  aggregate: T;
  result: R;
  /** False when the decision changed nothing (nothing was written). */
  changed: boolean;
}

/** One write of an aggregate, as a store's `onWrite` hook sees it. */
export interface AggregateWrite<T> {
  id: string;
  /** The stored document before the write; absent for an insert. */
  before?: StoredDocument | undefined;
  after: T;
}

/** How a service maps its aggregate onto a document. */
export interface AggregateStoreOptions<T extends Versioned> {
  collection: string;
  /** Declared indexes: equality look-ups (`findBy`) go through them. */
  indexes?: readonly IndexSpec[];
  /** The stored fields of an aggregate, without `_id`, `version` and the outbox. */
  toDocument(aggregate: T): Record<string, unknown>;
  fromDocument(document: StoredDocument): T;
  /** The error of a change of an aggregate that does not exist (usually a 404). */
  notFound(id: string): Error;
  /**
   * Runs around every write, under the aggregate's lock: derived records kept beside the
   * aggregate (treatment's due index) move with it. It must call `write` once.
   */
  onWrite?(write: AggregateWrite<T>, commit: () => Promise<void>): Promise<void>;
}

/** Options of a change. */
export interface ChangeOptions<T = never> {
  /**
   * Checks made on the loaded aggregate before anything else (jurisdiction), so a caller
   * who may not act learns nothing of the version.
   */
  check?: ((current: T) => void) | undefined;
  /** The version the caller saw (If-Match): any other stored version is a 412, not retried. */
  expectedVersion?: number | undefined;
}

/** The kit's view of one aggregate collection. */
export interface AggregateStore<T extends Versioned> {
  readonly collectionName: string;
  get(id: string): Promise<T | undefined>;
  exists(id: string): Promise<boolean>;
  /**
   * Aggregates whose top-level fields equal `filter`: the one kind of `find` filter the
   * stand-in pushes down and indexes (a dot path it reads the whole table for). Declare an
   * index for it.
   */
  findBy(filter: Readonly<Record<string, string | number | boolean>>): Promise<T[]>;
  /** Inserts a new aggregate with its first events; a duplicate `_id` is the driver's 11000. */
  insert(aggregate: T, events: readonly EventEnvelope[]): Promise<T>;
  /**
   * Loads the aggregate, lets `decide` choose, and saves the result with its events in one
   * write, alone for this aggregate. A write that lost to a concurrent one is decided again on
   * the fresh state (unless `expectedVersion` pins it: then 412). Wakes the outbox relay.
   */
  change<R>(
    id: string,
    decide: (current: T) => Decision<T, R> | Promise<Decision<T, R>>,
    options?: ChangeOptions<T>,
  ): Promise<Changed<T, R>>;
  /** Runs `work` alone for this aggregate's id (for writes of records derived from it). */
  exclusive<W>(id: string, work: () => Promise<W>): Promise<W>;
  /** Creates the collection and its declared indexes. */
  ensureIndexes(): Promise<void>;
}

/** Fields of every document that a write never unsets. */
const KEPT = new Set(['_id', 'version', 'outbox', 'outboxPending', 'applied']);

/** How long a document remembers the keyed requests applied to it (the keys' own TTL). */
const APPLIED_RETENTION_MS = 24 * 3_600_000;

const appliedOf = (document: StoredDocument) => document.applied as AppliedKey[] | undefined;

/** A result kept with its key is small (ids, outcomes); a larger one is decided again. */
const KEPT_RESULT_BYTES = 512;

function keptResult(result: unknown): Pick<AppliedKey, 'r' | 'rerun'> {
  if (result === undefined) return {};
  try {
    return JSON.stringify(result).length <= KEPT_RESULT_BYTES ? { r: result } : { rerun: true };
  } catch {
    return { rerun: true }; // not JSON (a cycle, a bigint): not kept either
  }
}

/** The fields with a value: an `undefined` one is absent from the document, not null. */
function definedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A lost race is decided again this many times before the caller gets a 409 to retry. */
const MAX_ATTEMPTS = 8;

/** Jittered, so writers that lost to each other do not collide again in step. */
const LOST_RACE_WAITS: Backoff = { firstMs: 2, maxMs: 40, jitter: 'full' };

/** A write that lost to a concurrent one (MongoDB without the lock): decide again. */
const lostRace = new Error('lost the write race');

/** Opens one aggregate collection on the kit's concurrency control and relay. */
export function aggregateStore<T extends Versioned>(
  connection: Connection,
  concurrency: Concurrency,
  notifyRelay: (collection: string, id: string, written?: WrittenOutbox) => void,
  options: AggregateStoreOptions<T>,
): AggregateStore<T> {
  const col: Collection<StoredDocument> = connection.collection<StoredDocument>(options.collection);
  // The applied keys are the kit's, not the aggregate's: services never see them.
  const fromDocument = ({ applied: _applied, ...document }: StoredDocument) =>
    options.fromDocument(document as StoredDocument);
  const key = (id: string) => documentLockKey(options.collection, id);
  const documentOf = (aggregate: T, events: readonly EventEnvelope[]): StoredDocument => ({
    ...definedFields(options.toDocument(aggregate)),
    _id: aggregate.id,
    version: aggregate.version,
    outbox: [...events],
    outboxPending: events.length > 0,
  });
  // The aggregate an abandoned attempt of the running request inserted, if it got that far.
  // A scan of one field, on the rare path of a takeover only (no index is worth its writes).
  const insertedByRequest = async (token: string) =>
    col.findOne({ 'applied.k': token } as Record<string, unknown>);
  const around = (write: AggregateWrite<T>, commit: () => Promise<void>) =>
    options.onWrite ? options.onWrite(write, commit) : commit();
  const load = (id: string) => col.findOne({ _id: id });
  const declared = [OUTBOX_INDEX, ...(options.indexes ?? [])];

  // `true` when written, `false` when a concurrent writer won (only possible without a lock).
  const writeVersion = async (
    before: StoredDocument,
    next: T,
    events: readonly EventEnvelope[],
    applied: AppliedKey[] | undefined,
  ): Promise<boolean> => {
    const { _id, outbox: _outbox, outboxPending: _pending, ...own } = documentOf(next, []);
    const fields = applied ? { ...own, applied } : own;
    // A field the new state no longer has (an optional one cleared) leaves the document too.
    const gone = Object.keys(before).filter((key) => !(key in fields) && !KEPT.has(key));
    let written = false;
    await around({ id: _id, before, after: next }, async () => {
      written = await concurrency.updateIfVersion(col, _id, before.version, {
        $set: { ...fields, ...(events.length > 0 ? { outboxPending: true } : {}) },
        ...(gone.length > 0 ? { $unset: Object.fromEntries(gone.map((key) => [key, ''])) } : {}),
        ...(events.length > 0 ? { $push: { outbox: { $each: [...events] } } } : {}),
      });
    });
    return written;
  };

  return {
    collectionName: options.collection,
    async get(id) {
      const document = await load(id);
      return document ? fromDocument(document) : undefined;
    },
    async exists(id) {
      return (await col.findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
    },
    async findBy(filter) {
      const nested = Object.keys(filter).find((field) => field.includes('.'));
      if (nested) throw new Error(`findBy filters top-level fields only; "${nested}" is a path`);
      const documents = await col.find({ ...filter }).toArray();
      return documents.map((document) => fromDocument(document));
    },
    async insert(aggregate, events) {
      const request = currentRequestKey();
      if (request?.takeover) {
        const earlier = await insertedByRequest(request.token);
        if (earlier) return fromDocument(earlier);
      }
      const document = documentOf(aggregate, events);
      if (request) document.applied = [{ k: request.token, at: new Date() }];
      const commit = async () => {
        await col.insertOne(document);
      };
      // A plain insert is atomic on its own; a hook's derived writes need the lock.
      if (options.onWrite) {
        await concurrency.lock.withLock(key(aggregate.id), () =>
          around({ id: aggregate.id, after: aggregate }, commit),
        );
      } else {
        await commit();
      }
      if (events.length > 0) {
        notifyRelay(options.collection, aggregate.id, {
          version: aggregate.version,
          outbox: events,
        });
      }
      return aggregate;
    },
    async change(id, decide, changeOptions = {}) {
      const { expectedVersion, check } = changeOptions;
      const attemptOnce = () =>
        concurrency.lock.withLock(key(id), async () => {
          const before = await load(id);
          if (!before) throw options.notFound(id);
          const current = fromDocument(before);
          check?.(current);
          // This very request changed the aggregate already (an attempt that died before
          // answering): its result again, nothing written twice. Before the version check,
          // since that attempt's write is what moved the version.
          const request = currentRequestKey();
          const earlier = request && appliedOf(before)?.find((entry) => entry.k === request.token);
          if (earlier) {
            type Result = Awaited<ReturnType<typeof decide>>['result'];
            const result = earlier.rerun ? (await decide(current)).result : (earlier.r as Result);
            return { aggregate: current, result, changed: false, events: [] };
          }
          if (expectedVersion !== undefined && expectedVersion !== before.version) {
            throw staleVersionError(expectedVersion);
          }
          const decision = await decide(current);
          if (!decision.next) {
            return { aggregate: current, result: decision.result, changed: false, events: [] };
          }
          const next = { ...decision.next, id, version: before.version + 1 };
          const events = decision.events ?? [];
          const applied = request
            ? withApplied(
                appliedOf(before),
                { k: request.token, at: new Date(), ...keptResult(decision.result) },
                APPLIED_RETENTION_MS,
              )
            : undefined;
          if (!(await writeVersion(before, next, events, applied))) throw lostRace;
          // With nothing pending before, the outbox is exactly these events.
          const written =
            (before.outbox?.length ?? 0) === 0
              ? { version: next.version, outbox: events }
              : undefined;
          return { aggregate: next, result: decision.result, changed: true, events, written };
        });
      let outcome: Awaited<ReturnType<typeof attemptOnce>>;
      try {
        outcome = await retry(attemptOnce, {
          attempts: MAX_ATTEMPTS,
          waits: LOST_RACE_WAITS,
          // With If-Match the caller decided on that version: a lost race is a 412, not redone.
          retryOn: (error) => error === lostRace && expectedVersion === undefined,
        });
      } catch (error) {
        if (error !== lostRace) throw error;
        if (expectedVersion !== undefined) throw staleVersionError(expectedVersion);
        throw new ConflictError(persistenceErrors.writeConflict, { params: { id } });
      }
      if (outcome.events.length > 0) notifyRelay(options.collection, id, outcome.written);
      return { aggregate: outcome.aggregate, result: outcome.result, changed: outcome.changed };
    },
    exclusive: (id, work) => concurrency.lock.withLock(key(id), work),
    async ensureIndexes() {
      await createCollection(connection, options.collection, declared);
    },
  };
}
