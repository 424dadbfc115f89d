// Writes made as part of a keyed request (an Idempotency-Key), on the real stand-in: a retry
// that takes over an abandoned attempt finds that attempt's writes in the data itself and
// neither loses nor doubles them.
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, errorCode } from '@rehab/domain-kit';
import type { EventPublisher } from '@rehab/events';
import {
  openPersistence,
  withRequestKey,
  type AggregateStore,
  type AggregateStoreOptions,
  type Persistence,
} from '../src/index.ts';
import { connectMongo, uniqueSuffix } from '../../events/test/helpers.ts';

const suffix = uniqueSuffix();
let conn: mongoose.Connection;
let persistence: Persistence;
const publisher: EventPublisher = { publish: async () => {}, publishRaw: async () => {} };

interface Tally {
  id: string;
  version: number;
  entries: string[];
}
const missing = errorCode('tally-missing', 'No tally {id}', 'Không có bảng đếm {id}');
const mapping: AggregateStoreOptions<Tally> = {
  collection: 'tallies',
  toDocument: ({ entries }) => ({ entries }),
  fromDocument: (doc) => ({ id: doc._id, version: doc.version, entries: doc.entries as string[] }),
  notFound: (id) => new NotFoundError(missing, { params: { id } }),
};
let tallies: AggregateStore<Tally>;
const store = () => tallies;
let sequence = 0;
const newId = () => `t-${suffix}-${++sequence}`;
const token = () => `token-${suffix}-${++sequence}`;

const append = (id: string, entry: string) =>
  store().change(id, (current) => ({
    next: { ...current, entries: [...current.entries, entry] },
    events: [],
    result: { appended: entry, at: current.entries.length },
  }));

beforeAll(async () => {
  conn = await connectMongo(`request_key_${suffix}`);
  persistence = openPersistence({
    connection: conn,
    mongoUrl: `mongodb://x/request_key_${suffix}`,
    concurrency: 'insert-lock',
    publisher,
    relay: { poll: false },
  });
  tallies = persistence.aggregates<Tally>(mapping);
  await persistence.ensureIndexes();
});
afterAll(async () => {
  await persistence.stop();
  await conn.dropDatabase();
  await conn.close();
});

describe('a change made as part of a keyed request', () => {
  it('is applied once: the retry gets the first result and writes nothing', async () => {
    const id = newId();
    await store().insert({ id, version: 1, entries: [] }, []);
    const key = { token: token(), takeover: false };
    const first = await withRequestKey(key, () => append(id, 'a'));
    const retry = await withRequestKey({ ...key, takeover: true }, () => append(id, 'a'));
    expect(first).toMatchObject({ changed: true, result: { appended: 'a', at: 0 } });
    expect(retry).toMatchObject({ changed: false, result: { appended: 'a', at: 0 } });
    expect(retry.aggregate).toEqual({ id, version: 2, entries: ['a'] });
    expect(await store().get(id)).toEqual({ id, version: 2, entries: ['a'] });
  });

  it('does not hide a different request, nor a request without a key', async () => {
    const id = newId();
    await store().insert({ id, version: 1, entries: [] }, []);
    await withRequestKey({ token: token(), takeover: false }, () => append(id, 'a'));
    await withRequestKey({ token: token(), takeover: false }, () => append(id, 'b'));
    await append(id, 'c');
    expect((await store().get(id))?.entries).toEqual(['a', 'b', 'c']);
  });

  it('takes effect once when twenty retries of one request race', async () => {
    const id = newId();
    await store().insert({ id, version: 1, entries: [] }, []);
    const key = { token: token(), takeover: true };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => withRequestKey(key, () => append(id, 'once'))),
    );
    expect(outcomes.filter((outcome) => outcome.changed)).toHaveLength(1);
    expect((await store().get(id))?.entries).toEqual(['once']);
  });

  it('keeps the applied keys out of the aggregate the service sees', async () => {
    const id = newId();
    await store().insert({ id, version: 1, entries: [] }, []);
    await withRequestKey({ token: token(), takeover: false }, () => append(id, 'a'));
    const loaded = (await store().get(id)) as unknown as Record<string, unknown>;
    expect(Object.keys(loaded).sort()).toEqual(['entries', 'id', 'version']);
  });
});

describe('an insert made as part of a keyed request', () => {
  it('returns the aggregate an abandoned attempt inserted, instead of a second one', async () => {
    const key = { token: token(), takeover: false };
    const firstId = newId();
    await withRequestKey(key, () => store().insert({ id: firstId, version: 1, entries: [] }, []));
    const retried = await withRequestKey({ ...key, takeover: true }, () =>
      store().insert({ id: newId(), version: 1, entries: [] }, []),
    );
    expect(retried.id).toBe(firstId);
    const withKey = await conn.collection('tallies').find({ 'applied.k': key.token }).toArray();
    expect(withKey.map((document) => document._id)).toEqual([firstId]);
  });

  it('inserts when the abandoned attempt never got that far', async () => {
    const id = newId();
    const inserted = await withRequestKey({ token: token(), takeover: true }, () =>
      store().insert({ id, version: 1, entries: [] }, []),
    );
    expect(inserted.id).toBe(id);
    expect(await store().exists(id)).toBe(true);
  });
});

describe('a claim made as part of a keyed request', () => {
  const claims = () => persistence.claims(`request_claims`);
  const exists = new Set<string>();
  const isOrphan = async (holder: string) => !exists.has(holder);

  it("is the retry's own: the holder that came to exist stands", async () => {
    const key = { token: token(), takeover: false };
    exists.add('holder-1');
    expect(await withRequestKey(key, () => claims().claim('k1', 'holder-1', { isOrphan }))).toEqual(
      { claimed: true, holder: 'holder-1' },
    );
    const retry = await withRequestKey({ ...key, takeover: true }, () =>
      claims().claim('k1', 'holder-2', { isOrphan }),
    );
    expect(retry).toEqual({ claimed: true, holder: 'holder-1' });
  });

  it("goes to the retry's holder at once when the first never came to exist", async () => {
    const key = { token: token(), takeover: false };
    await withRequestKey(key, () => claims().claim('k2', 'ghost', { isOrphan }));
    const retry = await withRequestKey({ ...key, takeover: true }, () =>
      claims().claim('k2', 'holder-3', { isOrphan }),
    );
    expect(retry).toEqual({ claimed: true, holder: 'holder-3' });
    expect(await claims().holderOf('k2')).toBe('holder-3');
  });

  it('is refused to anyone else, and to the same key outside a takeover', async () => {
    const key = { token: token(), takeover: false };
    exists.add('holder-4');
    await withRequestKey(key, () => claims().claim('k3', 'holder-4', { isOrphan }));
    expect(
      await withRequestKey({ token: token(), takeover: true }, () =>
        claims().claim('k3', 'holder-5', { isOrphan }),
      ),
    ).toEqual({ claimed: false, holder: 'holder-4' });
    expect(await withRequestKey(key, () => claims().claim('k3', 'holder-6', { isOrphan }))).toEqual(
      { claimed: false, holder: 'holder-4' },
    );
  });
});
