import type { Connection } from 'mongoose';
import { documentLockKey, type DocumentLock } from '@rehab/events';

interface NameKeyDoc {
  _id: string;
  personIds: string[];
}

/**
 * Who shares a folded name and birth date, kept under `_id = name|birthDate`: likely
 * duplicates are then found by `_id`, the one lookup FerretDB's SQLite backend indexes,
 * instead of a scan of every person on each registration.
 */
export interface PersonNameKeys {
  add(nameFolded: string, dateOfBirth: string, personId: string): Promise<void>;
  remove(nameFolded: string, dateOfBirth: string, personId: string): Promise<void>;
  personIds(nameFolded: string, dateOfBirth: string): Promise<string[]>;
}

export function mongoPersonNameKeys(connection: Connection, lock: DocumentLock): PersonNameKeys {
  const col = connection.collection<NameKeyDoc>('personNameKeys');
  const keyOf = (nameFolded: string, dateOfBirth: string) => `${nameFolded}|${dateOfBirth}`;
  const change = (key: string, update: (ids: string[]) => string[]) =>
    lock.withLock(documentLockKey('personNameKeys', key), async () => {
      const current = await col.findOne({ _id: key });
      const next = update(current?.personIds ?? []);
      if (next.length === 0) await col.deleteOne({ _id: key });
      else await col.updateOne({ _id: key }, { $set: { personIds: next } }, { upsert: true });
    });
  return {
    add: (nameFolded, dateOfBirth, personId) =>
      change(keyOf(nameFolded, dateOfBirth), (ids) => [...new Set([...ids, personId])]),
    remove: (nameFolded, dateOfBirth, personId) =>
      change(keyOf(nameFolded, dateOfBirth), (ids) => ids.filter((id) => id !== personId)),
    async personIds(nameFolded, dateOfBirth) {
      return (await col.findOne({ _id: keyOf(nameFolded, dateOfBirth) }))?.personIds ?? [];
    },
  };
}
