import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the real test stack (scripts/stack.sh --profile test) listens. */
export interface StackEnv {
  kafkaBrokers: string[];
  /** Server URI without a database name. */
  mongoUrl: string;
  /** FerretDB's own PostgreSQL (FERRETDB_POSTGRESQL_URL); absent when the server is MongoDB. */
  postgresUrl?: string;
}

const stackEnvFile = fileURLToPath(new URL('../../../.data/test/stack.env', import.meta.url));

/**
 * Reads KAFKA_BROKERS, MONGO_URL and FERRETDB_POSTGRESQL_URL from the environment (set by
 * scripts/test.sh), else from the file the stack script writes, so a developer can run
 * vitest directly.
 */
export function testStackEnv(env: NodeJS.ProcessEnv = process.env): StackEnv {
  const fromFile: Record<string, string> = {};
  if (existsSync(stackEnvFile)) {
    for (const line of readFileSync(stackEnvFile, 'utf8').split('\n')) {
      const match = /^(\w+)=(.*)$/.exec(line.trim());
      if (match?.[1] && match[2] !== undefined) fromFile[match[1]] = match[2].replace(/^"|"$/g, '');
    }
  }
  const brokers = env.KAFKA_BROKERS ?? fromFile.KAFKA_BROKERS ?? '127.0.0.1:19092';
  const mongo = env.MONGO_URL ?? fromFile.MONGO_URL ?? 'mongodb://127.0.0.1:27018';
  // The file's PostgreSQL belongs to the file's FerretDB: a MONGO_URL from the environment
  // (another server, maybe MongoDB itself) does not get it.
  const postgres =
    env.FERRETDB_POSTGRESQL_URL ?? (env.MONGO_URL ? undefined : fromFile.FERRETDB_POSTGRESQL_URL);
  return {
    kafkaBrokers: brokers.split(',').map((b) => b.trim()),
    mongoUrl: mongo.replace(/\/+$/, ''),
    ...(postgres ? { postgresUrl: postgres } : {}),
  };
}

/** A database of its own for one test file, so files run in parallel without sharing state. */
export function uniqueDatabaseUrl(prefix: string, env = testStackEnv()): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${env.mongoUrl}/${prefix}_${suffix}`;
}
