import type { Connection } from 'mongoose';
import {
  documentLockKey,
  OUTBOX_INDEX,
  updateIfVersion,
  type DocumentLock,
  type EventEnvelope,
} from '@rehab/events';
import { isDuplicateKey, staleVersionError } from '@rehab/service-kit';
import type { Determination } from '../domain/index.ts';

/** A determination with what storage adds: its version and the unit used for jurisdiction. */
export interface StoredDetermination extends Determination {
  version: number;
  /** The facility's unit: health staff act on determinations of their area. */
  unitCode: string;
}

interface DeterminationDoc extends Omit<StoredDetermination, 'id'> {
  _id: string;
  outbox: EventEnvelope[];
  outboxPending: boolean;
}

export interface DeterminationRepository {
  readonly collectionName: string;
  insert(determination: StoredDetermination, events: EventEnvelope[]): Promise<void>;
  get(id: string): Promise<StoredDetermination | undefined>;
  save(
    determination: StoredDetermination,
    expectedVersion: number,
    events: EventEnvelope[],
  ): Promise<StoredDetermination>;
  listByPerson(personId: string): Promise<StoredDetermination[]>;
  /** One determination per registry referral, even if the referral event comes twice. */
  claimReferral(
    referralId: string,
    determinationId: string,
  ): Promise<{ claimed: boolean; determinationId: string }>;
  ensureIndexes(): Promise<void>;
}

export function mongoDeterminationRepository(
  connection: Connection,
  lock: DocumentLock,
): DeterminationRepository {
  const col = connection.collection<DeterminationDoc>('determinations');
  const byPerson = connection.collection<{ _id: string; ids: string[] }>('determinationsByPerson');
  const referrals = connection.collection<{ _id: string; determinationId: string }>(
    'referralDeterminations',
  );
  const toDomain = ({
    _id,
    outbox: _o,
    outboxPending: _p,
    ...rest
  }: DeterminationDoc): StoredDetermination => ({ id: _id, ...rest });
  return {
    collectionName: col.collectionName,
    async insert(determination, events) {
      const { id, ...rest } = determination;
      await col.insertOne({ _id: id, ...rest, outbox: events, outboxPending: events.length > 0 });
      // The person index is looked up by _id, the one filter FerretDB's SQLite pushes down.
      await lock.withLock(
        documentLockKey(byPerson.collectionName, determination.personId),
        async () => {
          const current = await byPerson.findOne({ _id: determination.personId });
          const ids = [...new Set([...(current?.ids ?? []), id])];
          await byPerson.updateOne(
            { _id: determination.personId },
            { $set: { ids } },
            { upsert: true },
          );
        },
      );
    },
    async get(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toDomain(doc) : undefined;
    },
    async save(determination, expectedVersion, events) {
      const { id, ...rest } = determination;
      const version = expectedVersion + 1;
      const updated = await updateIfVersion(col as never, lock, id, expectedVersion, {
        $set: { ...rest, version, ...(events.length > 0 ? { outboxPending: true } : {}) },
        ...(events.length > 0 ? { $push: { outbox: { $each: events } } } : {}),
      });
      if (!updated) throw staleVersionError(expectedVersion);
      return { ...determination, version };
    },
    async listByPerson(personId) {
      const ids = (await byPerson.findOne({ _id: personId }))?.ids ?? [];
      const docs = await Promise.all(ids.map((id) => col.findOne({ _id: id })));
      return docs.filter((doc): doc is NonNullable<typeof doc> => doc !== null).map(toDomain);
    },
    async claimReferral(referralId, determinationId) {
      try {
        await referrals.insertOne({ _id: referralId, determinationId });
        return { claimed: true, determinationId };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const holder = await referrals.findOne({ _id: referralId });
        return { claimed: false, determinationId: holder?.determinationId ?? determinationId };
      }
    },
    async ensureIndexes() {
      await col.createIndex(OUTBOX_INDEX);
    },
  };
}
