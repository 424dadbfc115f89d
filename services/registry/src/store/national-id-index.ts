import { Schema, type Connection } from 'mongoose';
import { isDuplicateKey } from '@rehab/service-kit';
import { documentLockKey, type DocumentLock } from '@rehab/events';
import type { NationalIdIndex } from '../app/ports.ts';
import type { NationalIdProtector } from './national-id-protector.ts';

interface NationalIdKey {
  _id: string;
  personId: string;
  claimedAt: Date;
}

const keySchema = new Schema<NationalIdKey>(
  {
    _id: String,
    personId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'nationalIdKeys' },
);

/** A claim left by a crash between claiming and writing the person is taken over after this. */
const orphanAfterMs = 60_000;

/**
 * Uniqueness of national ID numbers through a key collection whose `_id` is the keyed
 * hash (ARCHITECTURE.md section 6: an optional unique value gets its own collection).
 */
export function mongoNationalIdIndex(
  connection: Connection,
  protector: NationalIdProtector,
  personExists: (personId: string) => Promise<boolean>,
  lock: DocumentLock,
): NationalIdIndex & { ensureIndexes(): Promise<void> } {
  const model = connection.model<NationalIdKey>('NationalIdKey', keySchema);
  return {
    async claim(nationalId, personId) {
      const _id = protector.lookupHash(nationalId);
      try {
        await model.create({ _id, personId, claimedAt: new Date() });
        return { claimed: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const holder = await model.findById(_id).lean<NationalIdKey>();
      if (!holder) return this.claim(nationalId, personId);
      if (holder.personId === personId) return { claimed: true };
      const orphan =
        Date.now() - holder.claimedAt.getTime() > orphanAfterMs &&
        !(await personExists(holder.personId));
      if (orphan) {
        // Two registrations may find the same orphan; the lock lets only one take it over.
        const taken = await lock.withLock(documentLockKey('nationalIdKeys', _id), () =>
          model.updateOne(
            { _id, personId: holder.personId },
            { $set: { personId, claimedAt: new Date() } },
          ),
        );
        if (taken.modifiedCount === 1) return { claimed: true };
      }
      return { claimed: false, holderId: holder.personId };
    },
    async release(nationalId, personId) {
      await model.deleteOne({ _id: protector.lookupHash(nationalId), personId });
    },
    async ensureIndexes() {
      await model.createIndexes();
    },
  };
}
