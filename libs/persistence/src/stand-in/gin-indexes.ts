// Local tuning of the MongoDB stand-in only (docs/storage.md). FerretDB 1.24 on PostgreSQL
// pushes an equality filter down as `_jsonb->'field' @> value` (or `_jsonb #> '{a,b}' @> value`
// for a dot path), but builds its own indexes as btree on `(_jsonb->'field')`, which `@>`
// cannot use: every look-up scanned the table (about 50 ms at 100,000 documents). A GIN
// `jsonb_path_ops` index on the same expression serves `@>` (1-2 ms). On MongoDB the
// declared indexes serve, and none of this runs.
import { createHash } from 'node:crypto';
import pg from 'pg';

/** FerretDB's table of collections in each database's schema (its own metadata). */
const METADATA_TABLE = '_ferretdb_database_metadata';
/** The prefix of every index the mirror makes; no other index of a table is its to drop. */
const MIRROR_PREFIX = 'rehab_gin_';

/** What one collection of FerretDB's metadata holds that the mirror needs. */
export interface StandInCollection {
  collection: string;
  table: string;
  /** `_id` and the leading field of each declared index (see {@link collectionsOf}). */
  fields: string[];
}

/** The GIN index a field gets: its name, its CREATE statement, and the statement that tunes one made before. */
export interface GinIndex {
  name: string;
  sql: string;
  /** Sets the storage of an index created before it was part of {@link GinIndex.sql}. */
  tune: string;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The expression FerretDB filters on for `field`: `->` for a top-level field, `#>` with a
 * path for a dot path (internal/backends/postgresql/query.go of FerretDB 1.24).
 */
export function filterExpression(field: string): string {
  const parts = field.split('.');
  // A path with an empty element ('a..b', 'a.') is no path to FerretDB: it keeps `->` with
  // the whole key (prepareWhereClause ignores ErrPathElementEmpty), so the index must too.
  if (parts.length === 1 || parts.includes('')) return `(_jsonb -> ${quoteLiteral(field)})`;
  const path = `{${parts.map((part) => `"${part.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  return `(_jsonb #> ${quoteLiteral(path)})`;
}

/** The leading whole characters of `text` that fit in `bytes` bytes of UTF-8. */
function fitBytes(text: string, bytes: number): string {
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > bytes) break;
    out += char;
  }
  return out;
}

/**
 * GIN's fast update parks new entries in a pending list that every look-up reads through
 * until it is merged, by default at 4 MB: after 10,000 inserts a find by `_id` took 0.58 ms
 * instead of 0.04 ms. Without fast update, though, every insert goes into the index at once,
 * and on a field of few values (`outboxPending`, the audit trail's `resourceType`) all of
 * them into the same pages: the treatment due list, which audits 50 cases a page, ran at half
 * the speed. A pending list of 64 kB (PostgreSQL's smallest) keeps both: inserts are merged
 * in small batches, and a look-up reads at most a few hundred entries more.
 */
const GIN_STORAGE_PARAMETERS = { fastupdate: 'on', gin_pending_list_limit: '64' };
const GIN_STORAGE = Object.entries(GIN_STORAGE_PARAMETERS)
  .map(([name, value]) => `${name} = ${value}`)
  .join(', ');
/** How PostgreSQL lists them among an index's options (`pg_class.reloptions`). */
const GIN_STORAGE_OPTIONS = Object.entries(GIN_STORAGE_PARAMETERS).map(
  ([name, value]) => `${name}=${value}`,
);

/** The GIN index of one field of one table; its name is stable, so creation is idempotent. */
export function ginIndexFor(schema: string, table: string, field: string): GinIndex {
  const hash = createHash('sha256').update(`${table}\0${field}`).digest('hex').slice(0, 12);
  // PostgreSQL cuts identifiers at 63 bytes: the table part is cut first (by bytes, not
  // characters, or a non-ASCII name would lose the hash and two fields would share one name)
  // and the hash keeps cut names apart. FerretDB's own table names are ASCII, cut alike.
  const name = `${MIRROR_PREFIX}${fitBytes(table, 36)}_${hash}`;
  return {
    name,
    sql:
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(schema)}.${quoteIdent(table)} ` +
      `USING gin (${filterExpression(field)} jsonb_path_ops) WITH (${GIN_STORAGE})`,
    tune: `ALTER INDEX ${quoteIdent(schema)}.${quoteIdent(name)} SET (${GIN_STORAGE})`,
  };
}

const member = (value: unknown, key: string | number): unknown =>
  value !== null && typeof value === 'object'
    ? (value as Record<string | number, unknown>)[key]
    : undefined;

/**
 * The fields of index number `position` in their declared order. jsonb sorts an object's
 * keys (shorter first), so `key` alone loses a compound index's order; FerretDB keeps it as
 * `$k` in the row's schema (`$s`).
 */
function keyFields(row: unknown, position: number, key: object): string[] {
  // `$s` is FerretDB's own type annotation of a stored document, not a field.
  const present = Object.keys(key).filter((field) => field !== '$s');
  const order = ['$s', 'p', 'indexes', 'i', position, '$s', 'p', 'key', '$s', '$k'].reduce(
    member,
    row,
  );
  const declared = Array.isArray(order)
    ? (order as unknown[]).filter((field): field is string => typeof field === 'string')
    : [];
  return declared.length === present.length && present.every((f) => declared.includes(f))
    ? declared
    : present;
}

/**
 * Reads the collections of one FerretDB database (a schema) and the fields the mirror gives
 * a GIN index: `_id` and the leading field of each declared index. A compound index serves
 * MongoDB only for filters on its leading field, and the stand-in answers those from the
 * leading field's index, checking the other equalities in the row. Fields after the first
 * are, by MongoDB's equality-sort-range rule, the ones sorted or ranged on, which FerretDB
 * never pushes down: their index would cost every write and serve no look-up. Measured on
 * the audit trail's old `{resourceType, resourceId}` (all rows share `resourceType`): audited
 * reads went from 896 to 944-974 req/s once its index was dropped.
 */
export function collectionsOf(metadataRows: readonly unknown[]): StandInCollection[] {
  const out: StandInCollection[] = [];
  for (const row of metadataRows) {
    if (!row || typeof row !== 'object') continue;
    const doc = row as { _id?: unknown; table?: unknown; indexes?: unknown };
    if (typeof doc._id !== 'string' || typeof doc.table !== 'string') continue;
    const fields = new Set<string>(['_id']);
    const indexes: unknown[] = Array.isArray(doc.indexes) ? doc.indexes : [];
    indexes.forEach((index, position) => {
      const key = member(index, 'key');
      if (!key || typeof key !== 'object') return;
      const [leading] = keyFields(row, position, key);
      if (leading) fields.add(leading);
    });
    out.push({ collection: doc._id, table: doc.table, fields: [...fields] });
  }
  return out;
}

/** Result of one mirror run. */
export interface MirrorReport {
  collections: number;
  /** Indexes that did not exist before this run. */
  created: string[];
  /** Indexes that existed with other storage options, now set to the stand-in's. */
  tuned: string[];
  /** Indexes an earlier mirror made that no declared index asks for any more, now dropped. */
  dropped: string[];
}

// Two processes creating the same index at once: PostgreSQL may report the loser with a
// unique violation on its catalogue (23505) or "already exists" (42P07); both are success.
const isAlreadyThere = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  ['23505', '42P07'].includes(String((error as { code?: unknown }).code));

/**
 * Mirrors the leading field of every declared index of every collection of `database`, and
 * its `_id`, as GIN `jsonb_path_ops` indexes on FerretDB's PostgreSQL tables, and drops the
 * ones an earlier mirror made that no declared index asks for any more (a field that left
 * an index, or was never its leading one). Idempotent; safe to run from several replicas of
 * one version at once, since each declares its indexes before it mirrors them.
 */
export async function mirrorIndexesOnPostgres(
  postgresUrl: string,
  database: string,
): Promise<MirrorReport> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const exists = await client.query(
      'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      [database, METADATA_TABLE],
    );
    if (exists.rowCount === 0) return { collections: 0, created: [], tuned: [], dropped: [] };
    const rows = await client.query<{ _jsonb: unknown }>(
      `SELECT _jsonb FROM ${quoteIdent(database)}.${quoteIdent(METADATA_TABLE)}`,
    );
    const collections = collectionsOf(rows.rows.map((row) => row._jsonb));
    // Each index of the schema, its table, and whether it has the stand-in's storage options.
    const indexRows = (
      await client.query<{ name: string; table: string; tuned: boolean }>(
        `SELECT c.relname AS name, t.relname AS table,
                coalesce(c.reloptions @> $2::text[], false) AS tuned
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid
          WHERE n.nspname = $1 AND c.relkind = 'i'`,
        [database, GIN_STORAGE_OPTIONS],
      )
    ).rows;
    const existing = new Map(indexRows.map((row) => [row.name, row.tuned]));
    const created: string[] = [];
    const tuned: string[] = [];
    const dropped: string[] = [];
    for (const { table, fields } of collections) {
      const wanted = fields.map((field) => ginIndexFor(database, table, field));
      const wantedNames = new Set(wanted.map((index) => index.name));
      for (const row of indexRows) {
        if (row.table !== table || !row.name.startsWith(MIRROR_PREFIX)) continue;
        if (wantedNames.has(row.name)) continue;
        await client.query(`DROP INDEX IF EXISTS ${quoteIdent(database)}.${quoteIdent(row.name)}`);
        dropped.push(row.name);
      }
      for (const index of wanted) {
        const isTuned = existing.get(index.name);
        if (isTuned === false) {
          await client.query(index.tune);
          tuned.push(index.name);
        }
        if (isTuned !== undefined) continue;
        try {
          await client.query(index.sql);
          created.push(index.name);
        } catch (error) {
          if (!isAlreadyThere(error)) throw error;
        }
      }
    }
    return { collections: collections.length, created, tuned, dropped };
  } finally {
    await client.end();
  }
}

/** The database name in a MongoDB URL (`mongodb://host:port/<name>?...`), which FerretDB makes a schema. */
export function databaseOf(mongoUrl: string): string {
  // Not `new URL`: it rejects a host list (`mongodb://h1:27017,h2:27017/db`). The user
  // information cannot hold a raw '/' (the driver wants it percent-encoded), so the first
  // '/' after the scheme starts the path.
  const name = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/i.exec(mongoUrl)?.[1];
  if (!name) throw new Error('MONGO_URL names no database');
  return decodeURIComponent(name);
}
