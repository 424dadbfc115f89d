// Backoff schedule of in-handler retries and the time a partition may hold its batch. kafkajs
// sends no heartbeat of its own while a handler runs, so the whole schedule must fit well
// inside the consumer session timeout; and it fetches a broker's partitions again only when
// every batch of the previous fetch is done, so one partition's retries would hold up the
// other partitions of that broker for as long as its batch runs (see batchYieldMs).

/** Bounded exponential backoff of a handler. */
export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** 5 attempts, 200 ms doubling to at most 5 s (200+400+800+1600 = 3 s of waiting). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };

/** kafkajs' default session timeout, used when the subscription does not set one. */
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

/** Share of the session timeout that retries (waits plus handler time) may use. */
export const RETRY_BUDGET_SHARE = 0.5;

/** Time budget for all attempts of one message. */
export function retryBudgetMs(sessionTimeoutMs: number): number {
  return Math.floor(sessionTimeoutMs * RETRY_BUDGET_SHARE);
}

/** Share of the session timeout after which a partition ends its batch early. */
export const BATCH_YIELD_SHARE = 0.1;

/**
 * Time after which a partition stops taking further messages of its current batch (the rest
 * is fetched again). It bounds how long one partition's retries hold up the others that
 * kafkajs consumes concurrently with it: at most this plus one message, whose retries fit in
 * retryBudgetMs, so 0.1 + 0.5 of the session timeout plus one last handler call.
 */
export function batchYieldMs(sessionTimeoutMs: number): number {
  return Math.floor(sessionTimeoutMs * BATCH_YIELD_SHARE);
}

/**
 * Delays before attempts 2..n. Truncated (fewer attempts, never shorter waits) so the sum
 * stays within the retry budget.
 */
export function retrySchedule(policy: RetryPolicy, sessionTimeoutMs: number): number[] {
  const budget = retryBudgetMs(sessionTimeoutMs);
  const delays: number[] = [];
  let total = 0;
  for (let attempt = 1; attempt < policy.attempts; attempt++) {
    const delay = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    if (total + delay > budget) break;
    delays.push(delay);
    total += delay;
  }
  return delays;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Exponential backoff: `firstMs` doubling to at most `maxMs`. `jitter` spreads the waits of
 * racers that lost to each other so they do not collide again in step: `full` draws from
 * [0, d), `half` from [d/2, 3d/2).
 */
export interface Backoff {
  firstMs: number;
  maxMs: number;
  jitter?: 'none' | 'full' | 'half';
}

/** The wait after failed attempt `attempt` (1-based). */
export function backoffDelay(backoff: Backoff, attempt: number, random = Math.random): number {
  const base = Math.min(backoff.firstMs * 2 ** (attempt - 1), backoff.maxMs);
  if (backoff.jitter === 'full') return base * random();
  if (backoff.jitter === 'half') return base * (0.5 + random());
  return base;
}

/** How `retry` goes on after a failure. */
export interface RetryOptions {
  /** At most this many attempts in all; unbounded when absent (then set `withinMs`). */
  attempts?: number;
  /** No wait starts that would end later than this after the first attempt began. */
  withinMs?: number;
  /** The waits: a backoff, or an explicit schedule (its length bounds the retries). */
  waits: Backoff | readonly number[];
  /** Whether this failure is worth another attempt; by default every one is. */
  retryOn?: (error: unknown, attempt: number) => boolean;
  /** Called before each wait (a log line, a metric, a heartbeat). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void | Promise<void>;
  /** Tests replace the clock and the wait. */
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
}

/**
 * Runs `work` until it succeeds, retrying the failures `retryOn` accepts with the waits of
 * `waits`, within `attempts` and `withinMs`. The last failure is thrown as it was. The one
 * retry loop of the platform: handlers, lost write races, locks, the seed's requests.
 */
export async function retry<T>(
  work: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const wait = options.wait ?? sleep;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const waitMs = Array.isArray(options.waits)
        ? (options.waits as readonly number[])[attempt - 1]
        : backoffDelay(options.waits as Backoff, attempt);
      const more =
        waitMs !== undefined &&
        (options.attempts === undefined || attempt < options.attempts) &&
        (options.withinMs === undefined || now() - started + waitMs <= options.withinMs) &&
        (options.retryOn?.(error, attempt) ?? true);
      if (!more) throw error;
      await options.onRetry?.(error, attempt, waitMs);
      await wait(waitMs);
    }
  }
}
