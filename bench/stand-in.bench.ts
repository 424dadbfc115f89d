// npm run bench: what the stand-in's GIN index mirror (libs/persistence/src/stand-in) buys.
// One collection at 1,000, 10,000 and 100,000 documents (BENCH_STANDIN_SIZES), with a
// declared index on a top-level field; find by `_id`, update by `_id` (`$set`) and find by
// equality on the indexed field, each over BENCH_STANDIN_CALLS (200) sequential calls, first
// without the mirror (FerretDB's own btree indexes only) and then with it. The last column
// says how many of the look-ups PostgreSQL really served from a GIN index (its statistics),
// so a fast number cannot come from somewhere else. It measures; it asserts nothing.
import mongoose from 'mongoose';
import pg from 'pg';
import { databaseOf, ginIndexFor, mirrorIndexesOnPostgres } from '@rehab/persistence';
import { testStackEnv } from '@rehab/testing';
import { percentile } from './load.ts';

const sizes = (process.env.BENCH_STANDIN_SIZES ?? '1000 10000 100000')
  .split(/[\s,]+/)
  .filter(Boolean)
  .map(Number);
const calls = Number(process.env.BENCH_STANDIN_CALLS ?? 200);
const WARM_UP = 10;
const BATCH = 1_000;
// Ten documents share each value of the indexed field, whatever the size.
const PER_VALUE = 10;
const stack = testStackEnv();
if (!stack.postgresUrl) {
  console.log('stand-in bench: no FERRETDB_POSTGRESQL_URL (not FerretDB on PostgreSQL); skipped');
  process.exit(0);
}
const postgresUrl = stack.postgresUrl;

interface Doc {
  _id: string;
  unitCode: string;
  fullName: string;
  dateOfBirth: string;
  residence: { unitCode: string; address: string };
  visits: number;
}
const schema = new mongoose.Schema<Doc>(
  {
    _id: String,
    unitCode: String,
    fullName: String,
    dateOfBirth: String,
    residence: { unitCode: String, address: String },
    visits: Number,
  },
  { versionKey: false, autoIndex: false, autoCreate: false },
);
schema.index({ unitCode: 1 });
const doc = (i: number): Doc => ({
  _id: `p-${i}`,
  unitCode: `u-${Math.floor(i / PER_VALUE)}`,
  fullName: `Người Mẫu ${i}`,
  dateOfBirth: '1990-01-01',
  residence: { unitCode: '99002', address: `Số ${i}, đường Trần Hưng Đạo` },
  visits: 0,
});

type OpName = 'find by _id' | 'update by _id ($set)' | 'find by indexed field';
const OPS: OpName[] = ['find by _id', 'update by _id ($set)', 'find by indexed field'];
interface Timing {
  p50: number;
  p99: number;
}
/** Runs `op` WARM_UP times unmeasured, then `calls` times, one after the other. */
async function time(op: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARM_UP; i++) await op(i);
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await op(i);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const client = new pg.Client({ connectionString: postgresUrl });
await client.connect();
// FerretDB's sessions inherit it; under `auto` its prepared statements may fall back to a
// generic plan, which no GIN index can serve (docs/storage.md).
const planCacheMode = (await client.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode'))
  .rows[0]?.plan_cache_mode;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Scans of each index of `schema` so far, once PostgreSQL's statistics have caught up. */
async function indexScans(schemaName: string, expected: (now: Map<string, number>) => boolean) {
  const read = async () =>
    new Map(
      (
        await client.query<{ indexrelname: string; idx_scan: string }>(
          'SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE schemaname = $1',
          [schemaName],
        )
      ).rows.map((row) => [row.indexrelname, Number(row.idx_scan)]),
    );
  // A backend reports its counters when idle, at most once a second (else 10 s later).
  const deadline = Date.now() + 15_000;
  let now = await read();
  while (!expected(now) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    now = await read();
  }
  return now;
}

interface Row {
  size: number;
  op: OpName;
  without: Timing;
  with: Timing;
  served: string;
}
const rows: Row[] = [];
const setup: string[] = [];

for (const size of sizes) {
  const mongoUrl = `${stack.mongoUrl}/bench_standin_${size}_${Date.now().toString(36)}`;
  const database = databaseOf(mongoUrl);
  const connection = await mongoose
    .createConnection(mongoUrl, { autoIndex: false, serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  const model = connection.model<Doc>('StandInDoc', schema, 'docs');
  await model.createCollection();
  await model.createIndexes();
  const seedStarted = performance.now();
  for (let i = 0; i < size; i += BATCH) {
    await model.insertMany(
      Array.from({ length: Math.min(BATCH, size - i) }, (_, j) => doc(i + j)),
      { lean: true },
    );
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const randomId = () => `p-${Math.floor(Math.random() * size)}`;
  const randomUnit = () => `u-${Math.floor((Math.random() * size) / PER_VALUE)}`;
  const ops: Record<OpName, (i: number) => Promise<unknown>> = {
    'find by _id': () => model.findById(randomId()).lean(),
    'update by _id ($set)': (i) => model.updateOne({ _id: randomId() }, { $set: { visits: i } }),
    'find by indexed field': () => model.find({ unitCode: randomUnit() }).lean(),
  };
  const without = new Map<OpName, Timing>();
  for (const op of OPS) without.set(op, await time(ops[op]));

  const mirrorStarted = performance.now();
  const report = await mirrorIndexesOnPostgres(postgresUrl, database);
  const mirrorSeconds = (performance.now() - mirrorStarted) / 1000;
  const table = (
    await client.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM ${ident(database)}._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'docs'`,
    )
  ).rows[0]?.table;
  const idIndex = table ? ginIndexFor(database, table, '_id').name : '';
  const fieldIndex = table ? ginIndexFor(database, table, 'unitCode').name : '';
  const perOp = WARM_UP + calls;
  // Counted after each op (waiting until all its look-ups are in, or 15 s), so the `_id`
  // index's scans split between find and update.
  let counted = await indexScans(database, () => true);
  for (const op of OPS) {
    const timing = await time(ops[op]);
    const index = op === 'find by indexed field' ? fieldIndex : idIndex;
    const scansSince = (now: Map<string, number>) =>
      (now.get(index) ?? 0) - (counted.get(index) ?? 0);
    const now = await indexScans(database, (scans) => scansSince(scans) >= perOp);
    rows.push({
      size,
      op,
      without: without.get(op) ?? { p50: Number.NaN, p99: Number.NaN },
      with: timing,
      served: `${Math.min(scansSince(now), perOp)}/${perOp}`,
    });
    counted = now;
  }
  setup.push(
    `| ${size.toLocaleString('en')} | ${seedSeconds.toFixed(1)} s | ${mirrorSeconds.toFixed(2)} s (${report.created.length} GIN indexes) |`,
  );
  await connection.dropDatabase();
  await connection.close();
}
await client.end();

const ms = (n: number) => n.toFixed(2);
console.log(
  `\nstand-in: FerretDB on PostgreSQL (plan_cache_mode=${planCacheMode}), ${calls} sequential calls per op after ${WARM_UP} unmeasured, random keys, ${PER_VALUE} documents per indexed value, Node ${process.version}\n`,
);
console.log(
  '| documents | operation | without mirror p50 ms | p99 ms | with mirror p50 ms | p99 ms | p50 speed-up | GIN-served |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.size.toLocaleString('en')} | ${row.op} | ${ms(row.without.p50)} | ${ms(row.without.p99)} | ${ms(row.with.p50)} | ${ms(row.with.p99)} | ${(row.without.p50 / row.with.p50).toFixed(1)}x | ${row.served} |`,
  );
}
console.log('\n| documents | seeding (insertMany of 1,000) | mirror run |');
console.log('|---:|---:|---:|');
for (const line of setup) console.log(line);
process.exit(0);
