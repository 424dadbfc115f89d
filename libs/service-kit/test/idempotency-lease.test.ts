// The idempotency store on the real stand-in: an attempt in progress holds its key for a
// lease; once the lease has run out, exactly one retry takes the key over.
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, RuleViolationError } from '@rehab/domain-kit';
import { insertLock } from '@rehab/persistence';
import { mongoIdempotencyStore, type IdempotencyStore } from '../src/index.ts';
import { connectMongo, uniqueSuffix } from '../../events/test/helpers.ts';

const suffix = uniqueSuffix();
let conn: mongoose.Connection;
let store: IdempotencyStore;
let clock = new Date('2026-12-03T08:00:00Z');
const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};
let n = 0;
const scope = () => `officer-${++n}|POST|/registry/v1/persons`;

beforeAll(async () => {
  conn = await connectMongo(`idempotency_${suffix}`);
  const lock = insertLock(conn);
  store = mongoIdempotencyStore(conn, {
    leaseMs: 30_000,
    exclusive: (key, work) => lock.withLock(key, work),
    now: () => clock,
  });
  await store.ensureIndexes();
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

describe('the lease of an attempt in progress', () => {
  it('turns a retry away while it runs, saying when to come back', async () => {
    const s = scope();
    expect(await store.begin(s, 'k', { a: 1 })).toMatchObject({ kind: 'execute', takeover: false });
    later(10);
    const refused = await store.begin(s, 'k', { a: 1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({
      errorCode: { code: 'idempotency-in-progress' },
      options: { params: { retryAfter: 20 } },
    });
  });

  it('lets one retry take over once it has run out, with the same request token', async () => {
    const s = scope();
    const first = await store.begin(s, 'k', { a: 1 });
    later(31);
    const retry = await store.begin(s, 'k', { a: 1 });
    expect(retry).toMatchObject({ kind: 'execute', takeover: true });
    expect(retry.kind === 'execute' && first.kind === 'execute' && retry.token).toBe(
      first.kind === 'execute' && first.token,
    );
    // The takeover holds a fresh lease of its own.
    await expect(store.begin(s, 'k', { a: 1 })).rejects.toBeInstanceOf(ConflictError);
  });

  it('gives a lapsed key to exactly one of ten racing retries', async () => {
    const s = scope();
    await store.begin(s, 'k', { a: 1 });
    later(31);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => store.begin(s, 'k', { a: 1 })),
    );
    const executed = outcomes.filter(
      (outcome) => outcome.status === 'fulfilled' && outcome.value.kind === 'execute',
    );
    expect(executed).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
  });

  it('replays a completed request after the lease, and refuses another body', async () => {
    const s = scope();
    await store.begin(s, 'k', { a: 1 });
    await store.complete(s, 'k', { status: 201, headers: {}, body: { id: 'x' } });
    later(60);
    expect(await store.begin(s, 'k', { a: 1 })).toEqual({
      kind: 'replay',
      response: { status: 201, headers: {}, body: { id: 'x' } },
    });
    await expect(store.begin(s, 'k', { a: 2 })).rejects.toBeInstanceOf(RuleViolationError);
  });

  it('lets a retry run at once after a failed attempt gave its key back', async () => {
    const s = scope();
    await store.begin(s, 'k', { a: 1 });
    await store.abandon(s, 'k');
    expect(await store.begin(s, 'k', { a: 1 })).toMatchObject({ kind: 'execute', takeover: false });
  });
});
