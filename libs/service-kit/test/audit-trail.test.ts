// The audit trail on the real stand-in: concurrent reads are each recorded once (their
// entries go in together), a resource's entries come back in time order page by page, and
// ensureIndexes brings an older collection to the declared indexes (also when replicas
// start at once), leaving the stand-in's mirror with an index on the resource's id alone.
import type mongoose from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ginIndexFor, mirrorIndexesOnPostgres } from '@rehab/persistence';
import { testStackEnv } from '@rehab/testing';
import { AUDIT_COLLECTION, mongoAuditTrail, type AuditTrail } from '../src/index.ts';
import { connectMongo, uniqueSuffix } from '../../events/test/helpers.ts';

const stack = testStackEnv();
const officer = {
  sub: 'officer-7',
  agency: 'police',
  orgUnit: '99001',
  roles: ['officer'],
} as const;
let conn: mongoose.Connection;
let trail: AuditTrail;
/** The keys of the audit collection's indexes, as the database lists them. */
const indexKeys = async (connection: mongoose.Connection) =>
  (await connection.collection(AUDIT_COLLECTION).indexes()).map((index) => index.key);

const readOf = (resourceId: string, purpose: string) => ({
  action: 'read' as const,
  resourceType: 'person',
  resourceId,
  actor: { ...officer, roles: [...officer.roles] },
  purpose,
  operation: 'person.read',
});

beforeAll(async () => {
  conn = await connectMongo(`audit_${uniqueSuffix()}`);
  // A collection as an earlier version left it: its one index on the type, then the id.
  await conn.collection(AUDIT_COLLECTION).createIndex({ resourceType: 1, resourceId: 1 });
  trail = mongoAuditTrail(conn);
  await trail.ensureIndexes();
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

describe('the audit trail', () => {
  it('records each of many concurrent reads once, with its purpose as written', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        trail.record(readOf(i % 2 ? 'person-a' : 'person-b', `Xác minh hồ sơ ${i}`)),
      ),
    );
    const a = await trail.forResource('person', 'person-a', 100);
    expect(a).toHaveLength(20);
    expect(new Set(a.map((entry) => entry.id)).size).toBe(20);
    expect(new Set(a.map((entry) => entry.purpose))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => `Xác minh hồ sơ ${2 * i + 1}`)),
    );
    expect(a[0]).toMatchObject({
      resourceType: 'person',
      actor: officer,
      operation: 'person.read',
    });
  });

  it("pages one resource's entries in time order and never mixes in another resource", async () => {
    const all = await trail.forResource('person', 'person-b', 100);
    const pages: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await trail.forResource('person', 'person-b', 7, after);
      if (page.length === 0) break;
      pages.push(...page.map((entry) => entry.id));
      after = page.at(-1)?.id;
    }
    expect(pages).toEqual(all.map((entry) => entry.id));
    expect([...pages].sort()).toEqual(pages);
    expect(all.every((entry) => entry.resourceId === 'person-b')).toBe(true);
    expect(await trail.forResource('case', 'person-b', 100)).toEqual([]);
  });

  it('replaces an index it no longer declares with the declared one', async () => {
    expect(await indexKeys(conn)).toEqual([{ _id: 1 }, { resourceId: 1, resourceType: 1, _id: 1 }]);
  });

  it('does so when several replicas start at once, each on its own connection', async () => {
    const other = await connectMongo(`audit_replicas_${uniqueSuffix()}`);
    try {
      await other.collection(AUDIT_COLLECTION).createIndex({ resourceType: 1, resourceId: 1 });
      const connections = await Promise.all([1, 2, 3].map(() => connectMongo(other.name)));
      try {
        await Promise.all(connections.map((each) => mongoAuditTrail(each).ensureIndexes()));
      } finally {
        await Promise.all(connections.map((each) => each.close()));
      }
      expect(await indexKeys(other)).toEqual([
        { _id: 1 },
        { resourceId: 1, resourceType: 1, _id: 1 },
      ]);
    } finally {
      await other.dropDatabase();
      await other.close();
    }
  });

  it.skipIf(!stack.postgresUrl)(
    "leaves the stand-in's mirror an index on the resource's id and none on its type",
    async () => {
      const database = conn.name;
      await mirrorIndexesOnPostgres(stack.postgresUrl ?? '', database);
      const client = new pg.Client({ connectionString: stack.postgresUrl });
      await client.connect();
      try {
        const found = await client.query<{ indexname: string; tablename: string }>(
          `SELECT indexname, tablename FROM pg_indexes
            WHERE schemaname = $1 AND indexname LIKE 'rehab\\_gin\\_%'`,
          [database],
        );
        const table = found.rows[0]?.tablename ?? '';
        expect(found.rows.map((row) => row.indexname).sort()).toEqual(
          ['_id', 'resourceId'].map((field) => ginIndexFor(database, table, field).name).sort(),
        );
      } finally {
        await client.end();
      }
    },
  );
});
