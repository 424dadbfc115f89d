import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  backoffDelay,
  batchYieldMs,
  retry,
  retryBudgetMs,
  retrySchedule,
} from './retry.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('retrySchedule', () => {
  it('doubles from the initial delay for the default policy', () => {
    expect(retrySchedule(DEFAULT_RETRY, 30_000)).toEqual([200, 400, 800, 1600]);
  });

  it('caps each delay at maxDelayMs', () => {
    expect(
      retrySchedule({ attempts: 6, initialDelayMs: 1_000, maxDelayMs: 3_000 }, 60_000),
    ).toEqual([1_000, 2_000, 3_000, 3_000, 3_000]);
  });

  it('always stays within half of the session timeout', () => {
    for (const session of [6_000, 10_000, 30_000, 45_000]) {
      for (const attempts of [1, 3, 5, 10, 50]) {
        const delays = retrySchedule({ attempts, initialDelayMs: 200, maxDelayMs: 5_000 }, session);
        expect(sum(delays)).toBeLessThanOrEqual(retryBudgetMs(session));
        expect(sum(delays)).toBeLessThan(session);
        expect(delays.length).toBeLessThanOrEqual(attempts - 1);
      }
    }
  });

  it('drops attempts rather than shortening delays when the budget is small', () => {
    expect(retrySchedule({ attempts: 10, initialDelayMs: 200, maxDelayMs: 5_000 }, 6_000)).toEqual([
      200, 400, 800, 1600,
    ]);
  });
});

describe('batchYieldMs', () => {
  it('leaves room for one message of retries within the session timeout', () => {
    expect(batchYieldMs(30_000)).toBe(3_000);
    for (const session of [6_000, 10_000, 30_000, 45_000]) {
      // How long the other partitions may wait for one partition's batch, before the final
      // handler call: the yield time plus the retries of the message that crosses it.
      const worst = batchYieldMs(session) + sum(retrySchedule(DEFAULT_RETRY, session));
      expect(worst).toBeLessThanOrEqual(0.6 * session);
    }
  });
});

describe('backoffDelay', () => {
  it('doubles from the first wait up to the cap', () => {
    const backoff = { firstMs: 5, maxMs: 50 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(backoff, n))).toEqual([
      5, 10, 20, 40, 50, 50,
    ]);
  });

  it('spreads the waits with jitter, within its bounds', () => {
    expect(backoffDelay({ firstMs: 8, maxMs: 8, jitter: 'full' }, 1, () => 0.25)).toBe(2);
    expect(backoffDelay({ firstMs: 8, maxMs: 8, jitter: 'half' }, 1, () => 0)).toBe(4);
    expect(backoffDelay({ firstMs: 8, maxMs: 8, jitter: 'half' }, 1, () => 0.999)).toBeLessThan(12);
  });
});

describe('retry', () => {
  const failing = (failures: number, error: unknown = new Error('transient')) => {
    let calls = 0;
    const work = async (attempt: number) => {
      calls += 1;
      if (attempt <= failures) throw error;
      return `done on ${attempt}`;
    };
    return { work, calls: () => calls };
  };
  const waits: number[] = [];
  const wait = async (ms: number) => {
    waits.push(ms);
  };

  it('returns the first success, after the waits of the schedule', async () => {
    waits.length = 0;
    const { work } = failing(2);
    expect(await retry(work, { waits: [10, 20, 30], wait })).toBe('done on 3');
    expect(waits).toEqual([10, 20]);
  });

  it('throws the last failure once the attempts or the schedule run out', async () => {
    const error = new Error('still down');
    const byAttempts = failing(9, error);
    await expect(
      retry(byAttempts.work, { attempts: 3, waits: { firstMs: 1, maxMs: 1 }, wait }),
    ).rejects.toBe(error);
    expect(byAttempts.calls()).toBe(3);
    const bySchedule = failing(9, error);
    await expect(retry(bySchedule.work, { waits: [1, 1], wait })).rejects.toBe(error);
    expect(bySchedule.calls()).toBe(3);
  });

  it('starts no wait that would end past the time allowed', async () => {
    let clock = 0;
    const timed = async (ms: number) => {
      clock += ms;
    };
    const { work, calls } = failing(9);
    await expect(
      retry(work, { waits: [40, 40, 40], withinMs: 100, wait: timed, now: () => clock }),
    ).rejects.toThrow('transient');
    expect(calls()).toBe(3);
    expect(clock).toBe(80);
  });

  it('gives up at once on a failure it is told not to retry, and reports each retry', async () => {
    const fatal = new TypeError('bad input');
    const { work, calls } = failing(9, fatal);
    await expect(
      retry(work, { waits: [1, 1], wait, retryOn: (e) => !(e instanceof TypeError) }),
    ).rejects.toBe(fatal);
    expect(calls()).toBe(1);
    const seen: string[] = [];
    await retry(failing(2).work, {
      waits: [5, 6],
      wait,
      onRetry: (_error, attempt, ms) => {
        seen.push(`${attempt}:${ms}`);
      },
    });
    expect(seen).toEqual(['1:5', '2:6']);
  });
});
