import type { Connection } from 'mongoose';
import {
  documentLockKey,
  OUTBOX_INDEX,
  updateIfVersion,
  type DocumentLock,
  type EventEnvelope,
} from '@rehab/events';
import { isDuplicateKey, staleVersionError } from '@rehab/service-kit';
import type { TreatmentCase } from '../domain/index.ts';

/** A case with its version (the ETag). */
export type StoredCase = TreatmentCase & { version: number };

type CaseDoc = Omit<StoredCase, 'id'> & {
  _id: string;
  outbox: EventEnvelope[];
  outboxPending: boolean;
};

export interface CaseRepository {
  readonly collectionName: string;
  insert(kase: StoredCase, events: EventEnvelope[]): Promise<void>;
  get(id: string): Promise<StoredCase | undefined>;
  save(kase: StoredCase, expectedVersion: number, events: EventEnvelope[]): Promise<StoredCase>;
  byPerson(personId: string): Promise<StoredCase[]>;
  byUnit(unitCode: string): Promise<StoredCase[]>;
  /** Cases in one of `states`, for the deadline sweep (a scan: a periodic job). */
  inStates(states: readonly StoredCase['state'][]): Promise<StoredCase[]>;
  /**
   * The case id bound to `key` (a determination result, or a step that opens a follow-on
   * case): the first caller binds `caseId`, every later one gets the bound id, so a
   * redelivered event or a retried step opens one case.
   */
  claim(key: string, caseId: string): Promise<string>;
  ensureIndexes(): Promise<void>;
}

/** Cases and their key documents (by person, by unit), looked up by `_id`. */
export function mongoCaseRepository(connection: Connection, lock: DocumentLock): CaseRepository {
  const col = connection.collection<CaseDoc>('cases');
  const keys = connection.collection<{ _id: string; ids: string[] }>('caseKeys');
  const claims = connection.collection<{ _id: string; caseId: string }>('caseClaims');
  const toDomain = ({ _id, outbox: _o, outboxPending: _p, ...rest }: CaseDoc) =>
    ({ id: _id, ...rest }) as StoredCase;
  const addKey = (key: string, id: string) =>
    lock.withLock(documentLockKey(keys.collectionName, key), async () => {
      const current = await keys.findOne({ _id: key });
      await keys.updateOne(
        { _id: key },
        { $set: { ids: [...new Set([...(current?.ids ?? []), id])] } },
        { upsert: true },
      );
    });
  const load = async (key: string) => {
    const ids = (await keys.findOne({ _id: key }))?.ids ?? [];
    const docs = await Promise.all(ids.map((id) => col.findOne({ _id: id })));
    return docs.filter((doc): doc is NonNullable<typeof doc> => doc !== null).map(toDomain);
  };
  return {
    collectionName: col.collectionName,
    async insert(kase, events) {
      const { id, ...rest } = kase;
      await col.insertOne({
        _id: id,
        ...rest,
        outbox: events,
        outboxPending: events.length > 0,
      } as CaseDoc);
      await addKey(`person:${kase.personId}`, id);
      await addKey(`unit:${kase.unitCode}`, id);
    },
    async get(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toDomain(doc) : undefined;
    },
    async save(kase, expectedVersion, events) {
      const { id, ...rest } = kase;
      const version = expectedVersion + 1;
      const updated = await updateIfVersion(col as never, lock, id, expectedVersion, {
        $set: { ...rest, version, ...(events.length > 0 ? { outboxPending: true } : {}) },
        ...(events.length > 0 ? { $push: { outbox: { $each: events } } } : {}),
      });
      if (!updated) throw staleVersionError(expectedVersion);
      return { ...kase, version };
    },
    byPerson: (personId) => load(`person:${personId}`),
    byUnit: (unitCode) => load(`unit:${unitCode}`),
    async inStates(states) {
      return (await col.find({ state: { $in: [...states] } }).toArray()).map(toDomain);
    },
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
    },
  };
}
