// Group commit for append-only records (audit entries): the records that arrive while one
// insert is on its way go together in the next `insertMany`, and each caller still waits for
// its own record to be stored. Under load that is one round trip for many requests instead of
// one each; alone, a record goes at once.

/** The part of a driver collection a group insert needs. */
interface InsertableCollection<D> {
  insertMany(docs: D[], options: { ordered: boolean }): Promise<unknown>;
}

/** Inserts records in groups; `insert` resolves once the record is stored. */
export interface GroupInsert<D> {
  insert(doc: D): Promise<void>;
}

/** Groups of at most this many records per `insertMany`. */
const MAX_GROUP = 500;

export function groupInsert<D>(collection: InsertableCollection<D>): GroupInsert<D> {
  let queue: Array<{ doc: D; done: () => void; failed: (error: unknown) => void }> = [];
  let writing = false;

  const flush = async (): Promise<void> => {
    writing = true;
    while (queue.length > 0) {
      const group = queue.slice(0, MAX_GROUP);
      queue = queue.slice(MAX_GROUP);
      try {
        await collection.insertMany(
          group.map((entry) => entry.doc),
          { ordered: true },
        );
        for (const entry of group) entry.done();
      } catch (error) {
        // The whole group fails together: none of its callers may answer as if stored.
        for (const entry of group) entry.failed(error);
      }
    }
    writing = false;
  };

  return {
    insert(doc) {
      return new Promise<void>((done, failed) => {
        queue.push({ doc, done, failed });
        if (!writing) void flush();
      });
    },
  };
}
