// Declared indexes: created on MongoDB at start-up; on the stand-in also mirrored as GIN
// indexes (stand-in/gin-indexes.ts), because FerretDB's own indexes do not serve its filters.
import type { Connection } from 'mongoose';

/** One declared index: fields in order (1 ascending, -1 descending). */
export interface IndexSpec {
  key: Readonly<Record<string, 1 | -1>>;
  unique?: boolean;
}

// The server's "collection already exists" (NamespaceExists), which FerretDB reports too.
const NAMESPACE_EXISTS = 48;

/** Creates the collection (so the stand-in's table exists for the mirror) and its indexes. */
export async function createCollection(
  connection: Connection,
  name: string,
  indexes: readonly IndexSpec[],
): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('the database connection is not open');
  try {
    await db.createCollection(name);
  } catch (error) {
    if ((error as { code?: unknown }).code !== NAMESPACE_EXISTS) throw error;
  }
  const collection = db.collection(name);
  for (const index of indexes) {
    await collection.createIndex({ ...index.key }, index.unique ? { unique: true } : {});
  }
}
