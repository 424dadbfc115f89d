// The kit's concurrency control on the real stand-in (FerretDB on PostgreSQL), where a
// conditional update alone is not atomic: concurrent changes, claims, If-Match, not found.
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, PreconditionFailedError, errorCode } from '@rehab/domain-kit';
import type { EventPublisher } from '@rehab/events';
import { openPersistence, type AggregateStoreOptions, type Persistence } from '../src/index.ts';
import { connectMongo, uniqueSuffix } from '../../events/test/helpers.ts';

const suffix = uniqueSuffix();
let conn: mongoose.Connection;
let persistence: Persistence;
// The relay never polls here; nothing is published.
const publisher: EventPublisher = { publish: async () => {}, publishRaw: async () => {} };

interface Counter {
  id: string;
  version: number;
  count: number;
  owner: string;
  notes: string[];
  tag?: string;
}
const missing = errorCode('counter-missing', 'No counter {id}', 'Không có bộ đếm {id}');

const counterMapping: AggregateStoreOptions<Counter> = {
  collection: 'counters',
  indexes: [{ key: { owner: 1 } }],
  toDocument: ({ count, owner, notes, tag }) => ({ count, owner, notes, tag }),
  fromDocument: (doc) => ({
    id: doc._id,
    version: doc.version,
    count: Number(doc.count),
    owner: String(doc.owner),
    notes: doc.notes as string[],
    ...(typeof doc.tag === 'string' ? { tag: doc.tag } : {}),
  }),
  notFound: (id) => new NotFoundError(missing, { params: { id } }),
};
const counters = () => persistence.aggregates<Counter>(counterMapping);

beforeAll(async () => {
  conn = await connectMongo(`persistence_${suffix}`);
  persistence = openPersistence({
    connection: conn,
    mongoUrl: `mongodb://x/persistence_${suffix}`,
    concurrency: 'insert-lock',
    publisher,
    relay: { poll: false },
  });
  counters();
  await persistence.ensureIndexes();
});
afterAll(async () => {
  await persistence.stop();
  await conn.dropDatabase();
  await conn.close();
});

describe('aggregate store (insert lock)', () => {
  it('applies 20 concurrent changes of one aggregate one after the other: none is lost', async () => {
    const store = counters();
    await store.insert({ id: 'c-1', version: 1, count: 0, owner: 'a', notes: [] }, []);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.change('c-1', (c) => ({
          next: { ...c, count: c.count + 1, notes: [...c.notes, `n${i}`] },
          events: [],
          result: undefined,
        })),
      ),
    );
    const after = await store.get('c-1');
    expect(after?.count).toBe(20);
    expect(after?.version).toBe(21);
    expect(new Set(after?.notes).size).toBe(20);
  });

  it('refuses a change based on another version with a 412 and writes nothing', async () => {
    const store = counters();
    await store.insert({ id: 'c-2', version: 1, count: 5, owner: 'a', notes: [] }, []);
    await expect(
      store.change('c-2', (c) => ({ next: { ...c, count: 99 }, events: [], result: 1 }), {
        expectedVersion: 7,
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.get('c-2')).toMatchObject({ count: 5, version: 1 });
  });

  it('writes nothing when the decision changes nothing, and names a missing aggregate', async () => {
    const store = counters();
    await store.insert({ id: 'c-3', version: 1, count: 1, owner: 'b', notes: [] }, []);
    const outcome = await store.change('c-3', () => ({ result: 'same' }));
    expect(outcome).toMatchObject({ changed: false, result: 'same', aggregate: { version: 1 } });
    await expect(store.change('nobody', () => ({ result: 0 }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('removes a field the new state no longer has, so a cleared value does not come back', async () => {
    const store = counters();
    await store.insert({ id: 'c-5', version: 1, count: 0, owner: 'x', notes: [], tag: 'old' }, []);
    await store.change('c-5', ({ tag: _tag, ...rest }) => ({ next: rest, events: [], result: 0 }));
    const raw = await conn.collection('counters').findOne({ _id: 'c-5' as never });
    expect(raw).not.toHaveProperty('tag');
    expect(raw).toMatchObject({ version: 2, owner: 'x' });
  });

  it('finds aggregates by equality on an indexed field', async () => {
    const store = counters();
    await store.insert({ id: 'c-4', version: 1, count: 0, owner: 'Nguyễn Thị Ánh', notes: [] }, []);
    const found = await store.findBy({ owner: 'Nguyễn Thị Ánh' });
    expect(found.map((c) => c.id)).toEqual(['c-4']);
  });
});

/** The kit as on MongoDB (the conflicts are made one after the other, so the stand-in serves). */
const versionFiltered = () =>
  openPersistence({
    connection: conn,
    mongoUrl: `mongodb://x/persistence_${suffix}`,
    concurrency: 'version-filter',
    publisher,
    relay: { poll: false },
  });

describe('aggregate store (version filter, as on MongoDB)', () => {
  it('decides a change again on fresh state when another writer got there first', async () => {
    const filtered = versionFiltered();
    const store = filtered.aggregates<Counter>(counterMapping);
    await store.insert({ id: 'v-1', version: 1, count: 0, owner: 'a', notes: [] }, []);
    const seen: number[] = [];
    const outcome = await store.change('v-1', async (current) => {
      seen.push(current.version);
      // The first time, a concurrent request writes between this load and our write.
      if (seen.length === 1) {
        await store.change('v-1', (c) => ({
          next: { ...c, notes: [...c.notes, 'other'] },
          events: [],
          result: undefined,
        }));
      }
      return { next: { ...current, count: current.count + 1 }, events: [], result: 'mine' };
    });
    await filtered.stop();
    expect(seen).toEqual([1, 2]);
    expect(outcome.aggregate).toMatchObject({ version: 3, count: 1, notes: ['other'] });
    expect(await store.get('v-1')).toMatchObject({ version: 3, count: 1, notes: ['other'] });
  });

  it('answers 412 instead of retrying when the caller pinned the version (If-Match)', async () => {
    const filtered = versionFiltered();
    const store = filtered.aggregates<Counter>(counterMapping);
    await store.insert({ id: 'v-2', version: 1, count: 0, owner: 'a', notes: [] }, []);
    const attempt = store.change(
      'v-2',
      async (current) => {
        await store.change('v-2', (c) => ({ next: { ...c, count: 7 }, events: [], result: 0 }));
        return { next: { ...current, count: 1 }, events: [], result: 0 };
      },
      { expectedVersion: 1 },
    );
    await expect(attempt).rejects.toBeInstanceOf(PreconditionFailedError);
    await filtered.stop();
    expect(await store.get('v-2')).toMatchObject({ version: 2, count: 7 });
  });
});

describe('claims', () => {
  it('binds a key to exactly one of 20 concurrent claimants; the others learn the holder', async () => {
    const claims = persistence.claims('testClaims');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claims.claim('key-1', `holder-${i}`)),
    );
    const winners = outcomes.filter((o) => o.claimed);
    expect(winners).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.holder))).toEqual(new Set([winners[0]!.holder]));
  });

  it('lets the holder release a claim, and takes over an orphan only when told it is one', async () => {
    const claims = persistence.claims('testClaims');
    await claims.claim('key-2', 'first');
    await claims.release('key-2', 'someone-else');
    expect(await claims.holderOf('key-2')).toBe('first');
    await claims.release('key-2', 'first');
    expect(await claims.holderOf('key-2')).toBeUndefined();

    await claims.claim('key-3', 'crashed');
    const kept = await claims.claim('key-3', 'next', {
      isOrphan: async () => false,
      orphanAfterMs: 0,
    });
    expect(kept).toEqual({ claimed: false, holder: 'crashed' });
    await new Promise((r) => setTimeout(r, 5));
    const taken = await claims.claim('key-3', 'next', {
      isOrphan: async () => true,
      orphanAfterMs: 0,
    });
    expect(taken).toEqual({ claimed: true, holder: 'next' });
  });
});
