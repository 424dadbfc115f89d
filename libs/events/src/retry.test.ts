import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, batchYieldMs, retryBudgetMs, retrySchedule } from './retry.ts';

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
