import { describe, expect, it } from 'vitest';
import { handleByKey } from './keyed-batch.ts';

const batch = (keys: Array<string | null>) =>
  keys.map((key, i) => ({ key, offset: String(100 + i) }));
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('handling a batch key by key', () => {
  it('keeps each key in offset order while several keys run at once', async () => {
    const messages = batch(['a', 'b', 'a', 'c', 'b', 'a', null, null]);
    const seen = new Map<string, string[]>();
    let inFlight = 0;
    let most = 0;
    const last = await handleByKey(
      messages,
      3,
      async (m) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await tick(5);
        const key = m.key ?? '-';
        seen.set(key, [...(seen.get(key) ?? []), m.offset]);
        inFlight -= 1;
      },
      () => false,
    );
    expect(most).toBe(3);
    expect(seen.get('a')).toEqual(['100', '102', '105']);
    expect(seen.get('b')).toEqual(['101', '104']);
    expect(seen.get('-')).toEqual(['106', '107']);
    expect(last?.offset).toBe('107');
  });

  it('resolves only the handled prefix when stopped, never past an unhandled message', async () => {
    const messages = batch(['slow', 'fast', 'fast', 'fast']);
    let stopped = false;
    const last = await handleByKey(
      messages,
      2,
      async (m) => {
        if (m.key === 'slow') {
          await tick(20);
          stopped = true; // e.g. the batch's time is up once the slow one ends
          return;
        }
        await tick(1);
      },
      () => stopped,
    );
    // 100 (slow) and the fast ones finished; all of the batch is a prefix here.
    expect(last?.offset).toBe('103');

    let calls = 0;
    const partial = await handleByKey(
      batch(['x', 'y', 'x']),
      1,
      async () => void (calls += 1),
      () => calls >= 1,
    );
    // One at a time: 100 handled, then the stop: 101 never ran, so nothing past 100 resolves.
    expect(partial?.offset).toBe('100');
  });

  it('stops every key when a handler fails, and rethrows its error', async () => {
    const handled: string[] = [];
    const run = handleByKey(
      batch(['a', 'b', 'a', 'b']),
      2,
      async (m) => {
        await tick(m.key === 'a' ? 1 : 10);
        if (m.offset === '100') throw new Error('database down');
        handled.push(m.offset);
      },
      () => false,
    );
    await expect(run).rejects.toThrow('database down');
    // 101 ('b') was under way when 100 failed; nothing started after the failure.
    expect(handled).toEqual(['101']);
  });

  it('returns nothing when the first message was not handled', async () => {
    expect(
      await handleByKey(
        batch(['a']),
        2,
        async () => {},
        () => true,
      ),
    ).toBeUndefined();
  });
});
