// Group commit for append-only records (audit entries): the records that arrive while one
// insert is on its way go together in the next `insertMany`, and each caller still waits for
// its own record to be stored.
import { groupCommit } from './group-commit.ts';

/** The part of a driver collection a group insert needs. */
interface InsertableCollection<D> {
  insertMany(docs: D[], options: { ordered: boolean }): Promise<unknown>;
}

/** Inserts records in groups; `insert` resolves once the record is stored. */
export interface GroupInsert<D> {
  insert(doc: D): Promise<void>;
}

export function groupInsert<D>(collection: InsertableCollection<D>): GroupInsert<D> {
  const commit = groupCommit<D, undefined>(async (docs) => {
    await collection.insertMany([...docs], { ordered: true });
    return docs.map(() => undefined);
  });
  return {
    async insert(doc) {
      await commit([doc]);
    },
  };
}
