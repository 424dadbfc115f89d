// The stand-in's GIN index mirror against the real FerretDB and its PostgreSQL: a collection
// with declared indexes on a top-level field, a dot path and a compound key is mirrored once
// (a second run creates nothing; a mirror index no declared index leads with is dropped).
// PostgreSQL then serves FerretDB's own equality SQL from the GIN indexes (EXPLAIN of that
// SQL, FerretDB's explain, and the indexes' scan counters), and queries answer as before.
// It also pins down two limits the mirror depends on: only a custom plan can use the indexes
// (plan_cache_mode=force_custom_plan), and FerretDB's `find` does not push a dot path down
// at all (its `count`, `update`, `delete` and `distinct` do).
import mongoose from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testStackEnv, uniqueDatabaseUrl } from '@rehab/testing';
import {
  databaseOf,
  ginIndexFor,
  mirrorIndexesOnPostgres,
  type MirrorReport,
} from '../src/index.ts';

const stack = testStackEnv();
const url = uniqueDatabaseUrl('standin_gin', stack);
const database = databaseOf(url);
const COLLECTION = 'people';
const COUNT = 3_000;

interface Person {
  _id: string;
  owner: string;
  residence: { unitCode: string };
  seq: number;
}
const person = (i: number): Person => ({
  _id: `person-${i}`,
  owner: `owner-${i % 300}`, // 10 people per owner
  residence: { unitCode: `u${i % 100}` }, // 30 people per unit
  seq: i,
});
/** The ids of `person(i)` for every i below COUNT that `holds`, sorted as strings. */
const idsWhere = (holds: (i: number) => boolean) =>
  Array.from({ length: COUNT }, (_, i) => i)
    .filter(holds)
    .map((i) => `person-${i}`)
    .sort();

const schema = new mongoose.Schema<Person>(
  { _id: String, owner: String, residence: { unitCode: String }, seq: Number },
  { versionKey: false, autoIndex: false, autoCreate: false },
);
schema.index({ owner: 1 });
schema.index({ 'residence.unitCode': 1 });
// Compound: only its leading field (already indexed above) gets a GIN index.
schema.index({ owner: 1, seq: 1 });

/**
 * One equality look-up: the mongoose filter, and what FerretDB 1.24 makes of it
 * (internal/backends/postgresql/query.go): `->` with the field name for a top-level field,
 * `#>` with the path as text[] for a dot path, and the value as JSON text (sjson).
 */
interface LookUp {
  name: string;
  filter: Record<string, string>;
  field: string;
  operator: '->' | '#>';
  params: [string | string[], string];
  expected: string[];
  /** A command FerretDB pushes this filter down for (`find` does not for a dot path). */
  pushedDownBy: 'find' | 'count';
}
const byId: LookUp = {
  name: 'find by _id',
  filter: { _id: 'person-17' },
  field: '_id',
  operator: '->',
  params: ['_id', JSON.stringify('person-17')],
  expected: ['person-17'],
  pushedDownBy: 'find',
};
const byField: LookUp = {
  name: 'find by a top-level field',
  filter: { owner: 'owner-17' },
  field: 'owner',
  operator: '->',
  params: ['owner', JSON.stringify('owner-17')],
  expected: idsWhere((i) => i % 300 === 17),
  pushedDownBy: 'find',
};
const byPath: LookUp = {
  name: 'find by a dot path',
  filter: { 'residence.unitCode': 'u7' },
  field: 'residence.unitCode',
  operator: '#>',
  params: [['residence', 'unitCode'], JSON.stringify('u7')],
  expected: idsWhere((i) => i % 100 === 7),
  pushedDownBy: 'count',
};
const lookUps = [byId, byField, byPath];

// pgx.Identifier.Sanitize, as FerretDB quotes the schema and the table.
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
const INDEX_SCANS = ['Bitmap Index Scan', 'Index Scan', 'Index Only Scan'];
/** The indexes a plan scans. */
const indexesScanned = (plan: PlanNode) =>
  nodesOf(plan)
    .filter((node) => INDEX_SCANS.includes(node['Node Type']))
    .map((node) => node['Index Name']);

/** What FerretDB's `explain` answers on PostgreSQL: the plan of its own SQL. */
interface FerretExplain {
  queryPlanner: { Plan: PlanNode };
  filterPushdown: boolean;
}

describe.skipIf(!stack.postgresUrl)('GIN index mirror on FerretDB', () => {
  const postgresUrl = stack.postgresUrl ?? '';
  let conn: mongoose.Connection;
  let People: mongoose.Model<Person>;
  let client: pg.Client;
  let table: string;
  let serverPlanCacheMode: string;
  const plansBefore = new Map<LookUp, PlanNode>();
  const resultsBefore = new Map<LookUp, string[]>();
  let first: MirrorReport;
  let second: MirrorReport;

  /** The SQL FerretDB sends for `lookUp` (the double space is its empty comment slot). */
  const sqlOf = (lookUp: LookUp) =>
    `SELECT  _jsonb FROM ${ident(database)}.${ident(table)} WHERE _jsonb${lookUp.operator}$1 @> $2`;
  const indexOf = (lookUp: LookUp) => ginIndexFor(database, table, lookUp.field).name;

  /** PostgreSQL's plan of `lookUp`'s SQL with its parameters bound, as FerretDB binds them. */
  async function planOf(lookUp: LookUp): Promise<PlanNode> {
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) ${sqlOf(lookUp)}`,
      lookUp.params,
    );
    return result.rows[0]!['QUERY PLAN'][0].Plan;
  }
  const idsFound = async (filter: LookUp['filter']) =>
    (await People.find(filter).lean())
      .map((doc) => doc._id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  /** Has FerretDB run `lookUp` with its filter in the SQL. */
  async function pushDown(lookUp: LookUp): Promise<void> {
    if (lookUp.pushedDownBy === 'find') await People.find(lookUp.filter).lean();
    else await conn.db!.command({ count: COLLECTION, query: lookUp.filter });
  }
  /** Each index's scans so far, as PostgreSQL's statistics report them. */
  async function indexScans(): Promise<Map<string, number>> {
    const result = await client.query<{ indexrelname: string; idx_scan: string }>(
      'SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE schemaname = $1',
      [database],
    );
    return new Map(result.rows.map((row) => [row.indexrelname, Number(row.idx_scan)]));
  }

  beforeAll(async () => {
    conn = await mongoose
      .createConnection(url, { serverSelectionTimeoutMS: 5_000, autoIndex: false })
      .asPromise();
    People = conn.model<Person>('Person', schema, COLLECTION);
    await People.createCollection();
    await People.createIndexes();
    for (let start = 0; start < COUNT; start += 1_000) {
      await People.insertMany(
        Array.from({ length: Math.min(1_000, COUNT - start) }, (_, i) => person(start + i)),
      );
    }
    client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    // FerretDB's sessions inherit the server's setting (its URL sets none), as this one does.
    serverPlanCacheMode = (await client.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode'))
      .rows[0]!.plan_cache_mode;
    const meta = await client.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM ${ident(database)}._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
      [COLLECTION],
    );
    table = meta.rows[0]!.table;
    for (const lookUp of lookUps) {
      plansBefore.set(lookUp, await planOf(lookUp));
      resultsBefore.set(lookUp, await idsFound(lookUp.filter));
    }
    first = await mirrorIndexesOnPostgres(postgresUrl, database);
    second = await mirrorIndexesOnPostgres(postgresUrl, database);
  });
  afterAll(async () => {
    await client?.end();
    await conn?.dropDatabase();
    await conn?.close();
  });

  it("without the mirror, PostgreSQL scans the whole table for FerretDB's equality SQL", () => {
    for (const lookUp of lookUps) {
      const plan = plansBefore.get(lookUp)!;
      expect(plan['Node Type'], lookUp.name).toBe('Seq Scan');
      expect(indexesScanned(plan), lookUp.name).toEqual([]);
    }
  });

  it("mirrors _id and each declared field as a GIN jsonb_path_ops index on the collection's table", async () => {
    const expected = lookUps.map(indexOf).sort();
    expect(first.collections).toBe(1);
    expect([...first.created].sort()).toEqual(expected);
    const indexes = await client.query<{ indexname: string; tablename: string; indexdef: string }>(
      `SELECT indexname, tablename, indexdef FROM pg_indexes
        WHERE schemaname = $1 AND indexname LIKE 'rehab\\_gin\\_%' ORDER BY indexname`,
      [database],
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual(expected);
    for (const row of indexes.rows) {
      expect(row.tablename).toBe(table);
      // A short pending list: every look-up reads through it.
      expect(row.indexdef).toMatch(
        /USING gin \(.+ jsonb_path_ops\) WITH \(fastupdate='on', gin_pending_list_limit='64'\)$/,
      );
    }
  });

  it('creates nothing when run again', async () => {
    expect(second).toEqual({ collections: 1, created: [], tuned: [], dropped: [] });
    const count = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'rehab\\_gin\\_%'`,
      [database],
    );
    expect(Number(count.rows[0]!.n)).toBe(lookUps.length);
  });

  it("gives an index made before with other storage options the stand-in's", async () => {
    const made = indexOf(lookUps[0]!);
    await client.query(
      `ALTER INDEX ${ident(database)}.${ident(made)} RESET (gin_pending_list_limit)`,
    );
    const rerun = await mirrorIndexesOnPostgres(postgresUrl, database);
    expect(rerun).toEqual({ collections: 1, created: [], tuned: [made], dropped: [] });
    const options = await client.query<{ reloptions: string[] }>(
      `SELECT c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2`,
      [database, made],
    );
    expect(options.rows[0]!.reloptions).toEqual(['fastupdate=on', 'gin_pending_list_limit=64']);
  });

  it('drops an index an earlier mirror made for a field no declared index leads with, and no other index', async () => {
    const indexNames = async () =>
      (
        await client.query<{ indexname: string }>(
          'SELECT indexname FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname',
          [database],
        )
      ).rows.map((row) => row.indexname);
    const before = await indexNames();
    // What the mirror made of `{owner, seq}` when it indexed every field of an index.
    const stale = ginIndexFor(database, table, 'seq');
    await client.query(stale.sql);
    expect(await indexNames()).toContain(stale.name);
    const rerun = await mirrorIndexesOnPostgres(postgresUrl, database);
    expect(rerun).toEqual({ collections: 1, created: [], tuned: [], dropped: [stale.name] });
    expect(await indexNames()).toEqual(before);
  });

  it.each(lookUps)(
    "PostgreSQL serves FerretDB's SQL of $name from its GIN index",
    async (lookUp) => {
      expect(indexesScanned(await planOf(lookUp))).toEqual([indexOf(lookUp)]);
    },
  );

  it('explains exactly the SQL FerretDB issues (its last statement, seen in pg_stat_activity)', async () => {
    // pg_stat_activity keeps each backend's last statement; FerretDB's pool is shared with
    // the other test files, so a look-up is repeated until one of its backends still shows it.
    for (const lookUp of lookUps) {
      const seen = await eventually(
        async () => {
          await pushDown(lookUp);
          const result = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
              WHERE application_name = 'FerretDB' AND query = $1`,
            [sqlOf(lookUp)],
          );
          return Number(result.rows[0]!.n);
        },
        (n) => n > 0,
        10_000,
        50,
      );
      expect(seen, lookUp.name).toBeGreaterThan(0);
    }
  });

  it("FerretDB's own explain shows find by _id and by a top-level field served by their GIN indexes", async () => {
    for (const lookUp of [byId, byField]) {
      const explained = (await People.find(lookUp.filter).explain()) as unknown as FerretExplain;
      expect(explained.filterPushdown, lookUp.name).toBe(true);
      expect(indexesScanned(explained.queryPlanner.Plan), lookUp.name).toEqual([indexOf(lookUp)]);
    }
  });

  it('FerretDB does not push a dot path down in find (no --test-enable-nested-pushdown): it reads the whole table', async () => {
    // msg_find.go drops dot-path keys from the SQL filter unless that experimental flag is
    // on; count, update, delete and distinct keep them (msg_count.go), and use the index.
    const explained = (await People.find(byPath.filter).explain()) as unknown as FerretExplain;
    expect(explained.filterPushdown).toBe(false);
    expect(explained.queryPlanner.Plan['Node Type']).toBe('Seq Scan');
  });

  it('a generic plan of FerretDB’s SQL cannot use the GIN indexes; a custom plan, with the values bound, does', async () => {
    // Why the cluster runs with plan_cache_mode=force_custom_plan: FerretDB (pgx) prepares
    // its statements, and a generic plan sees `_jsonb -> $1`, which no index expression is.
    await client.query(`PREPARE ferret_lookup(text, jsonb) AS ${sqlOf(byField)}`);
    try {
      const planned = async (mode: string) => {
        await client.query(`SET plan_cache_mode = ${mode}`);
        // EXECUTE takes no bound parameters of its own: the values go in as literals.
        const [field, value] = byField.params as [string, string];
        const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `EXPLAIN (FORMAT JSON) EXECUTE ferret_lookup(${client.escapeLiteral(field)}, ${client.escapeLiteral(value)})`,
        );
        return indexesScanned(result.rows[0]!['QUERY PLAN'][0].Plan);
      };
      expect(await planned('force_generic_plan')).toEqual([]);
      expect(await planned('force_custom_plan')).toEqual([indexOf(byField)]);
    } finally {
      await client.query('DEALLOCATE ferret_lookup');
      await client.query('RESET plan_cache_mode');
    }
  });

  it("the stand-in's PostgreSQL plans every execution with its values (plan_cache_mode=force_custom_plan)", () => {
    // Under `auto`, a FerretDB connection switches a statement it has run five times to its
    // generic plan, a table scan, and keeps it: most look-ups then miss the GIN indexes.
    // scripts/stack.sh starts PostgreSQL with the setting; a cluster started earlier lacks it.
    expect(serverPlanCacheMode, 'restart the stack: scripts/stack.sh stop/start').toBe(
      'force_custom_plan',
    );
  });

  it('every look-up FerretDB runs scans its GIN index (the scan counters move once per look-up)', async ({
    skip,
  }) => {
    // Under `auto` this fails for the reason the test above reports.
    skip(serverPlanCacheMode !== 'force_custom_plan', 'needs plan_cache_mode=force_custom_plan');
    // Counters of the earlier tests' look-ups may still be on their way (see below): they add
    // a few at most, so many runs keep a look-up that missed its index from passing unseen.
    const RUNS = 20;
    const before = await indexScans();
    for (let run = 0; run < RUNS; run++) for (const lookUp of lookUps) await pushDown(lookUp);
    const grew = (now: Map<string, number>, lookUp: LookUp) =>
      (now.get(indexOf(lookUp)) ?? 0) - (before.get(indexOf(lookUp)) ?? 0);
    // A backend reports its counters when idle, at most once a second (else 10 s later).
    const after = await eventually(
      indexScans,
      (now) => lookUps.every((lookUp) => grew(now, lookUp) >= RUNS),
      30_000,
      250,
    );
    for (const lookUp of lookUps) {
      expect(grew(after, lookUp), lookUp.name).toBeGreaterThanOrEqual(RUNS);
    }
  });

  it.each(lookUps)('answers $name as before the mirror', async (lookUp) => {
    expect(resultsBefore.get(lookUp)).toEqual(lookUp.expected);
    expect(await idsFound(lookUp.filter)).toEqual(lookUp.expected);
  });

  it('finds a document by its new value after an update by _id, and no longer by its old one', async () => {
    await People.updateOne({ _id: 'person-42' }, { $set: { owner: 'owner-moved' } });
    expect(await idsFound({ owner: 'owner-moved' })).toEqual(['person-42']);
    expect(await idsFound({ owner: 'owner-42' })).toEqual(
      idsWhere((i) => i % 300 === 42 && i !== 42),
    );
    expect(await People.findById('person-42').lean()).toMatchObject({
      owner: 'owner-moved',
      residence: { unitCode: 'u42' },
      seq: 42,
    });
  });
});
