// Backoff schedule of in-handler retries. kafkajs sends no heartbeat while eachMessage runs,
// so the whole schedule must fit well inside the consumer session timeout.

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
