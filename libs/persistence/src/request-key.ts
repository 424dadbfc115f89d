// The request a write belongs to, for writes that must take effect once however often the
// request is retried (an Idempotency-Key). The HTTP pipeline runs the handler inside
// `withRequestKey`; the aggregate store and the claims record the key beside what they
// write, so a retry that takes over an abandoned attempt reads from the data itself whether
// that attempt's write landed (docs/storage.md, "Idempotency").
import { AsyncLocalStorage } from 'node:async_hooks';

/** The key of the request being handled. */
export interface RequestKey {
  /** A digest of caller, route and Idempotency-Key: safe as a stored value. */
  token: string;
  /**
   * True when an earlier attempt of the same request was abandoned (its lease ran out): an
   * insert first looks for the aggregate that attempt may have written.
   */
  takeover: boolean;
}

const current = new AsyncLocalStorage<RequestKey>();

/** Runs `work` as part of the request `key`. */
export function withRequestKey<T>(key: RequestKey, work: () => Promise<T>): Promise<T> {
  return current.run(key, work);
}

/** The request the running code belongs to, if it carries a key. */
export function currentRequestKey(): RequestKey | undefined {
  return current.getStore();
}

/** What a document keeps of each keyed request applied to it. */
export interface AppliedKey {
  k: string;
  /** When applied: entries older than the idempotency retention are dropped. */
  at: Date;
  /** The decision's result, returned again to the retry that finds the key applied. */
  r?: unknown;
  /**
   * The result was too large to keep: the retry decides again on the current state for its
   * result, and writes nothing.
   */
  rerun?: true;
}

/** A document keeps at most this many applied keys (the newest). */
export const APPLIED_KEYS_KEPT = 32;

/** The applied keys after adding `entry`: the newest ones, within the retention. */
export function withApplied(
  previous: readonly AppliedKey[] | undefined,
  entry: AppliedKey,
  retentionMs: number,
): AppliedKey[] {
  const cutoff = entry.at.getTime() - retentionMs;
  const kept = (previous ?? []).filter((applied) => applied.at.getTime() >= cutoff);
  return [...kept, entry].slice(-APPLIED_KEYS_KEPT);
}
