import { describe, expect, it } from 'vitest';
import { collectionsOf, databaseOf, filterExpression, ginIndexFor } from './gin-indexes.ts';

// One row of `<schema>._ferretdb_database_metadata` as FerretDB 1.24 writes it (copied from
// the test stack): the data, and in `$s` its schema. jsonb has sorted the compound key
// (`resourceId` before `resourceType`, shorter keys first); `$k` keeps the declared order.
const auditTrailRow = {
  $s: {
    p: {
      _id: { t: 'string' },
      uuid: { t: 'string' },
      table: { t: 'string' },
      indexes: {
        t: 'array',
        i: [
          {
            t: 'object',
            $s: {
              p: {
                key: { t: 'object', $s: { p: { _id: { t: 'int' } }, $k: ['_id'] } },
                name: { t: 'string' },
                unique: { t: 'bool' },
                pgindex: { t: 'string' },
              },
              $k: ['pgindex', 'name', 'key', 'unique'],
            },
          },
          {
            t: 'object',
            $s: {
              p: {
                key: {
                  t: 'object',
                  $s: {
                    p: { resourceId: { t: 'int' }, resourceType: { t: 'int' } },
                    $k: ['resourceType', 'resourceId'],
                  },
                },
                name: { t: 'string' },
                unique: { t: 'bool' },
                pgindex: { t: 'string' },
              },
              $k: ['pgindex', 'name', 'key', 'unique'],
            },
          },
        ],
      },
      cappedDocs: { t: 'long' },
      cappedSize: { t: 'long' },
    },
    $k: ['_id', 'uuid', 'table', 'indexes', 'cappedSize', 'cappedDocs'],
  },
  _id: 'auditTrail',
  uuid: '56777923-01fd-4e8a-aaa6-493b22e6b52c',
  table: 'audittrail_40da9dc4',
  indexes: [
    {
      key: { _id: 1 },
      name: '_id_',
      unique: true,
      pgindex: 'audittrail_40da9dc4__id__67399184_idx',
    },
    {
      key: { resourceId: 1, resourceType: 1 },
      name: 'resourceType_1_resourceId_1',
      unique: false,
      pgindex: 'audittrail_40da9dc4_resourcetype___res_995d1707_idx',
    },
  ],
  cappedDocs: 0,
  cappedSize: 0,
};

describe('filterExpression', () => {
  it('reads a top-level field with -> and the name as a literal, as FerretDB filters', () => {
    expect(filterExpression('owner')).toBe("(_jsonb -> 'owner')");
    expect(filterExpression('_id')).toBe("(_jsonb -> '_id')");
  });

  it('reads a dot path with #> and a text[] path literal', () => {
    expect(filterExpression('residence.unitCode')).toBe(`(_jsonb #> '{"residence","unitCode"}')`);
    expect(filterExpression('a.b.c')).toBe(`(_jsonb #> '{"a","b","c"}')`);
  });

  it('doubles a single quote in a field name, so the name cannot end the SQL literal', () => {
    expect(filterExpression("it's")).toBe("(_jsonb -> 'it''s')");
    expect(filterExpression("o'k.x")).toBe(`(_jsonb #> '{"o''k","x"}')`);
  });

  it('escapes a double quote and a backslash inside a path element as the array syntax wants', () => {
    expect(filterExpression('a"b.c\\d')).toBe(`(_jsonb #> '{"a\\"b","c\\\\d"}')`);
  });

  it('keeps a path with an empty element whole under ->, as FerretDB does', () => {
    expect(filterExpression('a..b')).toBe("(_jsonb -> 'a..b')");
    expect(filterExpression('a.')).toBe("(_jsonb -> 'a.')");
    expect(filterExpression('.a')).toBe("(_jsonb -> '.a')");
  });
});

describe('ginIndexFor', () => {
  it('creates a GIN jsonb_path_ops index on the filter expression, if not there yet', () => {
    expect(ginIndexFor('registry_x', 'persons_0aceb489', 'owner')).toEqual({
      name: 'rehab_gin_persons_0aceb489_9d0e1dd695d9',
      sql:
        'CREATE INDEX IF NOT EXISTS "rehab_gin_persons_0aceb489_9d0e1dd695d9" ' +
        `ON "registry_x"."persons_0aceb489" USING gin ((_jsonb -> 'owner') jsonb_path_ops) ` +
        'WITH (fastupdate = on, gin_pending_list_limit = 64)',
      tune:
        'ALTER INDEX "registry_x"."rehab_gin_persons_0aceb489_9d0e1dd695d9" ' +
        'SET (fastupdate = on, gin_pending_list_limit = 64)',
    });
  });

  it('names an index the same on every run and in every schema (the name is how a rerun skips it)', () => {
    const first = ginIndexFor('db_a', 'cases_1234abcd', 'residence.unitCode');
    expect(ginIndexFor('db_a', 'cases_1234abcd', 'residence.unitCode')).toEqual(first);
    expect(ginIndexFor('db_b', 'cases_1234abcd', 'residence.unitCode').name).toBe(first.name);
    expect(first.sql).toContain(`(_jsonb #> '{"residence","unitCode"}') jsonb_path_ops`);
  });

  it('names every field and every table apart', () => {
    const names = new Set(
      ['cases_1234abcd', 'cases_1234abce'].flatMap((table) =>
        ['_id', 'owner', 'owner.id', 'ownerId'].map((field) => ginIndexFor('s', table, field).name),
      ),
    );
    expect(names.size).toBe(8);
  });

  it('keeps names within 63 bytes and apart when the table name is cut', () => {
    const table = `${'x'.repeat(54)}_0123abcd`; // FerretDB's longest: 63 characters
    const a = ginIndexFor('s', table, 'a');
    const b = ginIndexFor('s', table, 'b');
    for (const { name } of [a, b]) {
      expect(name).toMatch(/^rehab_gin_x{36}_[0-9a-f]{12}$/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    }
    expect(a.name).not.toBe(b.name);
  });

  it('cuts a non-ASCII table name by bytes, so PostgreSQL never cuts the hash off', () => {
    const table = 'đ'.repeat(40);
    const a = ginIndexFor('s', table, 'a');
    const b = ginIndexFor('s', table, 'b');
    expect(Buffer.byteLength(a.name)).toBeLessThanOrEqual(63);
    expect(a.name).toMatch(/^rehab_gin_đ{18}_[0-9a-f]{12}$/);
    expect(a.name).not.toBe(b.name);
    expect(ginIndexFor('s', '😀'.repeat(10), 'a').name).toMatch(/^rehab_gin_😀{9}_[0-9a-f]{12}$/u);
  });

  it('quotes odd schema, table and field names instead of letting them into the SQL', () => {
    const { name, sql } = ginIndexFor('we"ird', 'ta"ble', "fi'eld");
    expect(name).toMatch(/^rehab_gin_ta"ble_[0-9a-f]{12}$/);
    expect(sql).toBe(
      `CREATE INDEX IF NOT EXISTS "${name.replace('"', '""')}" ON "we""ird"."ta""ble" ` +
        `USING gin ((_jsonb -> 'fi''eld') jsonb_path_ops) WITH (fastupdate = on, gin_pending_list_limit = 64)`,
    );
    expect(ginIndexFor('s', 'Mixed Case', 'a').sql).toContain(' ON "s"."Mixed Case" ');
  });
});

describe('collectionsOf', () => {
  it("reads FerretDB's metadata row: collection, table, and each index's leading field as declared", () => {
    // jsonb sorts the key object ({resourceId, resourceType}); the declared order is in `$k`.
    expect(collectionsOf([auditTrailRow])).toEqual([
      { collection: 'auditTrail', table: 'audittrail_40da9dc4', fields: ['_id', 'resourceType'] },
    ]);
  });

  it('keeps the key order as read when the row has no usable schema', () => {
    const row = { _id: 'c', table: 't', indexes: [{ key: { b: 1, a: -1 } }] };
    expect(collectionsOf([row])[0]?.fields).toEqual(['_id', 'b']);
    const stale = { ...auditTrailRow, indexes: [{ key: { other: 1 } }] };
    expect(collectionsOf([stale])[0]?.fields).toEqual(['_id', 'other']);
  });

  it('always includes _id, also for a collection without indexes', () => {
    expect(collectionsOf([{ _id: 'a', table: 'a_1' }])).toEqual([
      { collection: 'a', table: 'a_1', fields: ['_id'] },
    ]);
    expect(collectionsOf([{ _id: 'b', table: 'b_1', indexes: [] }])[0]?.fields).toEqual(['_id']);
  });

  it('skips $s keys: they annotate types and are no field', () => {
    const row = { _id: 'c', table: 't', indexes: [{ key: { $s: { p: {} }, owner: 1 } }] };
    expect(collectionsOf([row])[0]?.fields).toEqual(['_id', 'owner']);
  });

  it('leaves out the later fields of a compound index, and lists a field once however many indexes lead with it', () => {
    const row = {
      _id: 'c',
      table: 't',
      indexes: [
        { key: { _id: 1 } },
        { key: { owner: 1 } },
        { key: { owner: 1, createdAt: -1 } },
        { key: { 'residence.unitCode': 1 } },
      ],
    };
    expect(collectionsOf([row])[0]?.fields).toEqual(['_id', 'owner', 'residence.unitCode']);
  });

  it('skips what is not a collection row, and index entries without a key', () => {
    const rows = [
      null,
      'text',
      42,
      { _id: 7, table: 't' },
      { _id: 'no-table' },
      { _id: 'c', table: 't', indexes: [null, 'x', {}, { key: null }, { key: { a: 1 } }] },
      { _id: 'd', table: 'u', indexes: 'not an array' },
    ];
    expect(collectionsOf(rows)).toEqual([
      { collection: 'c', table: 't', fields: ['_id', 'a'] },
      { collection: 'd', table: 'u', fields: ['_id'] },
    ]);
  });
});

describe('databaseOf', () => {
  it('reads the database of a MongoDB URL', () => {
    expect(databaseOf('mongodb://127.0.0.1:27018/registry')).toBe('registry');
    expect(databaseOf('mongodb://127.0.0.1:27018/registry?retryWrites=false')).toBe('registry');
    expect(databaseOf('mongodb://user:p%40ss@db.local:27017/treatment?authSource=admin')).toBe(
      'treatment',
    );
  });

  it('reads it behind a host list and from an SRV URL', () => {
    expect(databaseOf('mongodb://h1:27017,h2:27017,h3:27017/registry?replicaSet=rs0')).toBe(
      'registry',
    );
    expect(databaseOf('mongodb+srv://cluster.example.net/assessment')).toBe('assessment');
  });

  it('decodes a percent-encoded name', () => {
    expect(databaseOf('mongodb://h/my%20db')).toBe('my db');
  });

  it('refuses a URL that names no database', () => {
    for (const url of ['mongodb://h:27017', 'mongodb://h:27017/', 'mongodb://h/?x=1', 'h/db']) {
      expect(() => databaseOf(url)).toThrow('MONGO_URL names no database');
    }
  });
});
