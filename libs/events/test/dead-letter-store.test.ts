// The dead-letter store on the stand-in: a failure recorded once however often it is
// redelivered, and a letter replayed once however many operators press the button at once.
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEAD_LETTERS_COLLECTION,
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  mongoDeadLetterStore,
  replaysCollectionOf,
  type NewDeadLetter,
} from '../src/index.ts';
import { connectMongo, uniqueSuffix } from './helpers.ts';

let conn: mongoose.Connection;
let store: ReturnType<typeof mongoDeadLetterStore>;

const letter = (offset: string, group = 'group-a'): NewDeadLetter => ({
  group,
  topic: 'test.letters.v1',
  partition: 2,
  offset,
  key: 'person-1',
  value: '{"n":1}',
  headers: { 'x-dlq-error-message': 'Không tìm thấy người' },
  error: { name: 'NotFoundError', message: 'Không tìm thấy người' },
  attempts: 3,
  failedAt: new Date('2026-12-03T08:00:00Z'),
});

beforeAll(async () => {
  conn = await connectMongo(`events_letters_${uniqueSuffix()}`);
  store = mongoDeadLetterStore(conn);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

describe('dead-letter store', () => {
  it('records a failure once when it is recorded again and again at the same time', async () => {
    await Promise.all(Array.from({ length: 10 }, () => store.record(letter('41'))));
    const stored = await store.list({ group: 'group-a', limit: 10 });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      offset: '41',
      headers: { 'x-dlq-error-message': 'Không tìm thấy người' },
      error: { message: 'Không tìm thấy người' },
    });
    expect(stored[0]!.replayedAt).toBeUndefined();
  });

  it('keeps failures at other offsets, and of other groups at the same offset, apart', async () => {
    await store.record(letter('42'));
    await store.record(letter('41', 'group-b'));
    expect((await store.list({ group: 'group-a', limit: 10 })).map((l) => l.offset)).toEqual([
      '41',
      '42',
    ]);
    expect(await store.countOpen('group-b')).toBe(1);
  });

  it('lets exactly one of concurrent replays mark a letter replayed', async () => {
    const [open] = await store.list({ group: 'group-a', replayed: false, limit: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => store.markReplayed(open!.id)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(DeadLetterAlreadyReplayedError);
    }
    expect((await store.get(open!.id))?.replayedAt).toBeInstanceOf(Date);
    expect(await store.countOpen('group-a')).toBe(1);
  });

  it('stamps a letter whose replay was claimed by a replay that died before stamping it', async () => {
    const [open] = await store.list({ group: 'group-a', replayed: false, limit: 1 });
    const claimedAt = new Date('2026-12-03T09:00:00Z');
    await conn
      .collection(replaysCollectionOf(DEAD_LETTERS_COLLECTION))
      .insertOne({ _id: open!.id, replayedAt: claimedAt } as never);
    await expect(store.markReplayed(open!.id)).rejects.toBeInstanceOf(
      DeadLetterAlreadyReplayedError,
    );
    expect((await store.get(open!.id))?.replayedAt).toEqual(claimedAt);
    expect(await store.countOpen('group-a')).toBe(0);
  });

  it('says a letter it does not hold is not found', async () => {
    await expect(store.markReplayed('nope')).rejects.toBeInstanceOf(DeadLetterNotFoundError);
  });
});
