import mongoose, { type Connection } from 'mongoose';
import { errorCode, UnavailableError } from '@rehab/domain-kit';

const databaseUnavailable = errorCode(
  'database-unavailable',
  'The database is not reachable; retry later',
  'Không kết nối được cơ sở dữ liệu; hãy thử lại sau',
);

/**
 * Opens this service's own database. `autoIndex` is off: indexes are created explicitly at
 * start-up (ensureIndexes), so a failure shows at boot, not on first write.
 */
export async function connectMongo(url: string, options: { appName: string }): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    appName: options.appName,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

/** Readiness: a cheap round trip to the server. */
export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new UnavailableError(databaseUnavailable);
  await db.admin().command({ ping: 1 });
}

/** Driver errors that mean "try again later" (network, election, pool), as opposed to bugs. */
export function isTransientMongoError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /MongoNetwork|MongoServerSelection|MongoPoolClosed|ECONNREFUSED|ETIMEDOUT/.test(
    `${error.name} ${error.message}`,
  );
}

/** Wraps transient driver errors as 503 so clients know to retry. */
export function translateMongoError(error: unknown): unknown {
  return isTransientMongoError(error)
    ? new UnavailableError(databaseUnavailable, { cause: error })
    : error;
}
