import type { Connection } from 'mongoose';
import {
  documentLockKey,
  mongoDocumentLock,
  OUTBOX_INDEX,
  updateIfVersion,
  type DocumentLock,
  type EventEnvelope,
} from '@rehab/events';
import type { LocalDate } from '@rehab/domain-kit';
import { isDuplicateKey, staleVersionError } from '@rehab/service-kit';
import { caseQueue, toDomain, type CaseDoc, type StoredCase } from './case-queue.ts';
import { dueEntries, DUE_DIGEST_FORMAT, type DueEntry } from './due-digest.ts';
import { mongoDueIndex, moveOf, type DuePage, type DueQuery } from './due-index.ts';

export type { StoredCase } from './case-queue.ts';

export interface CaseRepository {
  readonly collectionName: string;
  insert(kase: StoredCase, events: EventEnvelope[]): Promise<void>;
  /** Inserts many new cases at once (seeds, imports), keys and queue entries included. */
  insertMany(batch: ReadonlyArray<{ kase: StoredCase; events: EventEnvelope[] }>): Promise<void>;
  get(id: string): Promise<StoredCase | undefined>;
  save(kase: StoredCase, expectedVersion: number, events: EventEnvelope[]): Promise<StoredCase>;
  byPerson(personId: string): Promise<StoredCase[]>;
  byUnit(unitCode: string): Promise<StoredCase[]>;
  /** A page of the work queue of some units, read from the due index (no case is read). */
  dueWork(query: DueQuery): Promise<DuePage>;
  /** Queue entries due before `today` in every unit: the deadline sweep's candidates. */
  dueBefore(today: LocalDate): Promise<DueEntry[]>;
  /** Finishes the queue updates a crash interrupted; returns how many cases it resynced. */
  repairDueIndex(): Promise<number>;
  /**
   * The case id bound to `key` (a determination result, or a step that opens a follow-on
   * case): the first caller binds `caseId`, every later one gets the bound id, so a
   * redelivered event or a retried step opens one case.
   */
  claim(key: string, caseId: string): Promise<string>;
  /** Creates the indexes, and brings the due index up to date with the cases if it is older. */
  ensureIndexes(): Promise<void>;
}

/**
 * Cases and their key documents (by person, by unit), looked up by `_id`, and the due
 * index (due-index.ts) kept in step with every write.
 */
export function mongoCaseRepository(connection: Connection, lock: DocumentLock): CaseRepository {
  const col = connection.collection<CaseDoc>('cases');
  const keys = connection.collection<{ _id: string; ids: string[] }>('caseKeys');
  const claims = connection.collection<{ _id: string; caseId: string }>('caseClaims');
  // Key documents are rewritten whole (read, then set), so they always take the insert
  // lock, also on a MongoDB where the platform's versioned updates do without it.
  const keyLock = lock.serialises ? lock : mongoDocumentLock(connection);
  const due = mongoDueIndex(connection, keyLock);
  const caseLock = <T>(id: string, work: () => Promise<T>) =>
    lock.withLock(documentLockKey(col.collectionName, id), work);
  const queue = caseQueue(col, due, caseLock);
  const toDoc = (kase: StoredCase, events: EventEnvelope[], dueDigest: DueEntry[]) => {
    const { id, ...rest } = kase;
    return {
      _id: id,
      ...rest,
      outbox: events,
      outboxPending: events.length > 0,
      dueDigest,
    } as CaseDoc;
  };
  /** Adds ids to a key document: a new key is one insert, an existing one a locked merge. */
  const addKey = async (key: string, ids: readonly string[]) => {
    try {
      await keys.insertOne({ _id: key, ids: [...ids] });
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    await keyLock.withLock(documentLockKey(keys.collectionName, key), async () => {
      const current = await keys.findOne({ _id: key });
      await keys.updateOne(
        { _id: key },
        { $set: { ids: [...new Set([...(current?.ids ?? []), ...ids])] } },
        { upsert: true },
      );
    });
  };
  const keysOf = (kase: StoredCase) => [`person:${kase.personId}`, `unit:${kase.unitCode}`];
  const load = async (key: string) => {
    const ids = (await keys.findOne({ _id: key }))?.ids ?? [];
    const docs = await Promise.all(ids.map((id) => col.findOne({ _id: id })));
    return docs.filter((doc): doc is NonNullable<typeof doc> => doc !== null).map(toDomain);
  };
  return {
    collectionName: col.collectionName,
    async insert(kase, events) {
      // Under the case's lock, so a step on the new case cannot slip its queue update in
      // between this one's.
      await caseLock(kase.id, async () => {
        const digest = dueEntries(kase);
        await queue.write(kase.id, [], digest, async () => {
          await col.insertOne(toDoc(kase, events, digest));
          for (const key of keysOf(kase)) await addKey(key, [kase.id]);
        });
      });
    },
    async insertMany(batch) {
      const docs = batch.map(({ kase, events }) => toDoc(kase, events, dueEntries(kase)));
      const digests = docs.map((doc) => doc.dueDigest ?? []);
      const moves = docs.map((doc, i) => moveOf(doc._id, [], digests[i] ?? []));
      await due.announce(moves);
      await col.insertMany(docs);
      const byKey = new Map<string, string[]>();
      for (const { kase } of batch) {
        for (const key of keysOf(kase)) byKey.set(key, [...(byKey.get(key) ?? []), kase.id]);
      }
      const fresh = [...byKey].filter(([key]) => key.startsWith('person:'));
      try {
        // New persons' keys in one write; any that exists already is merged below.
        await keys.insertMany(
          fresh.map(([_id, ids]) => ({ _id, ids })),
          { ordered: false },
        );
        for (const [key] of fresh) byKey.delete(key);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      for (const [key, ids] of byKey) await addKey(key, ids);
      await due.apply(
        { caseId: '', units: [...new Set(moves.flatMap((move) => move.units))], remove: [] },
        digests.flat(),
      );
      await due.done(docs.map((doc) => doc._id));
    },
    async get(id) {
      const doc = await col.findOne({ _id: id });
      if (doc) queue.remember(doc);
      return doc ? toDomain(doc) : undefined;
    },
    async save(kase, expectedVersion, events) {
      const { id, ...rest } = kase;
      const version = expectedVersion + 1;
      const digest = dueEntries(kase);
      const before = await queue.indexedAt(id, expectedVersion);
      await queue.write(id, before, digest, async () => {
        const updated = await updateIfVersion(col as never, lock, id, expectedVersion, {
          $set: {
            ...rest,
            version,
            dueDigest: digest,
            ...(events.length > 0 ? { outboxPending: true } : {}),
          },
          ...(events.length > 0 ? { $push: { outbox: { $each: events } } } : {}),
        });
        if (!updated) throw staleVersionError(expectedVersion);
      });
      return { ...kase, version };
    },
    byPerson: (personId) => load(`person:${personId}`),
    byUnit: (unitCode) => load(`unit:${unitCode}`),
    dueWork: (query) => due.page(query),
    dueBefore: (today) => due.dueBefore(today),
    repairDueIndex: () => queue.repair(),
    async claim(key, caseId) {
      try {
        await claims.insertOne({ _id: key, caseId });
        return caseId;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return (await claims.findOne({ _id: key }))?.caseId ?? caseId;
      }
    },
    async ensureIndexes() {
      await col.createIndex(OUTBOX_INDEX);
      if ((await due.format()) >= DUE_DIGEST_FORMAT) return;
      await queue.rebuild();
      await due.setFormat(DUE_DIGEST_FORMAT);
    },
  };
}
