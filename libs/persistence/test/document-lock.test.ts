// The insert lock's batch form on the real stand-in: the outbox relay takes many documents'
// locks in one write, leaves out those held elsewhere, and writers queue behind it.
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_LOCKS_COLLECTION, insertLock, type DocumentLock } from '../src/index.ts';
import { connectMongo, uniqueSuffix } from '../../events/test/helpers.ts';
import { commandsDuring } from './commands.ts';

let conn: mongoose.Connection;

beforeAll(async () => {
  conn = await connectMongo(`document_lock_${uniqueSuffix()}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const lockDocs = () => conn.collection(DOCUMENT_LOCKS_COLLECTION).find({}).toArray();

/** Takes `key` with `lock` and holds it until `release`; resolves once it is held. */
async function holdLock(lock: DocumentLock, key: string) {
  let release = () => {};
  const holding = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const inside = new Promise<void>((resolve) => (started = resolve));
  const done = lock.withLock(key, async () => {
    started();
    await holding;
  });
  await inside;
  return { release, done };
}

describe('insert lock, many keys at once', () => {
  it('takes the free keys in one write, leaves out one another process holds, and gives them back', async () => {
    const ours = insertLock(conn);
    const otherProcess = insertLock(conn);
    const other = await holdLock(otherProcess, 'c:2');

    const locks = await ours.tryLockAll(['c:1', 'c:2', 'c:3', 'c:1']);
    expect([...locks.held].sort()).toEqual(['c:1', 'c:3']);
    expect((await lockDocs()).map((doc) => doc._id).sort()).toEqual(['c:1', 'c:2', 'c:3']);

    await locks.release();
    expect((await lockDocs()).map((doc) => doc._id)).toEqual(['c:2']);
    other.release();
    await other.done;
    await otherProcess.settle();
    expect(await lockDocs()).toEqual([]);
  });

  it('makes writers of this process wait in memory until the batch gives its locks back', async () => {
    const lock = insertLock(conn);
    const order: string[] = [];
    const locks = await lock.tryLockAll(['d:1']);
    const writer = lock.withLock('d:1', async () => {
      order.push('writer');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('batch done');
    await locks.release();
    await writer;
    expect(order).toEqual(['batch done', 'writer']);
    await lock.settle();
    expect(await lockDocs()).toEqual([]);
  });

  it('leaves out a key a writer of this process holds, to its queue in memory', async () => {
    const lock = insertLock(conn);
    const writer = await holdLock(lock, 'e:1');
    const locks = await lock.tryLockAll(['e:1', 'e:2']);
    expect([...locks.held]).toEqual(['e:2']);
    await locks.release();
    writer.release();
    await writer.done;
    await lock.settle();
    expect(await lockDocs()).toEqual([]);
  });

  it('gathers the locks of concurrent writers of different documents into fewer writes', async () => {
    const lock = insertLock(conn);
    const ran: number[] = [];
    const commands = await commandsDuring(conn, async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          lock.withLock(`f:${i}`, async () => {
            ran.push(i);
          }),
        ),
      );
      await lock.settle();
    });
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await lockDocs()).toEqual([]);
    const writes = commands.filter((c) => c.startsWith(`${DOCUMENT_LOCKS_COLLECTION}.`));
    // Alone, each writer would cost an insert and a delete: 40 writes.
    expect(writes.length).toBeLessThanOrEqual(8);
  });
});

describe('insert lock, one key', () => {
  it('answers once the work is done, and later writers of the key, here or in another process, still get it', async () => {
    const lock = insertLock(conn);
    const otherProcess = insertLock(conn);
    const order: string[] = [];
    await lock.withLock('g:1', async () => {
      order.push('first');
    });
    // Another process takes the key as soon as it is back in the table, never before.
    const second = otherProcess.withLock('g:1', async () => {
      order.push('other process');
    });
    const third = lock.withLock('g:1', async () => {
      order.push('same process');
    });
    await Promise.all([second, third]);
    expect(order[0]).toBe('first');
    expect([...order.slice(1)].sort()).toEqual(['other process', 'same process']);
    await Promise.all([lock.settle(), otherProcess.settle()]);
    expect(await lockDocs()).toEqual([]);
  });

  it('serialises writers of one key in this process while each lock goes back in the background', async () => {
    const lock = insertLock(conn);
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        lock.withLock('h:1', async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    await lock.settle();
    expect(await lockDocs()).toEqual([]);
  });
});
