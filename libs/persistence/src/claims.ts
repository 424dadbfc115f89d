// Claims: a key bound to one holder by an insert against the unique `_id` (the one write that
// is atomic on the stand-in). National ID → person, referral → determination, step → the
// case it opens: the first caller binds its holder; every later caller learns that holder.
import type { Connection } from 'mongoose';
import { documentLockKey } from './document-lock.ts';
import type { Concurrency } from './concurrency.ts';
import { currentRequestKey } from './request-key.ts';
import { isDuplicateKey } from './errors.ts';

interface ClaimDoc {
  _id: string;
  holder: string;
  claimedAt: Date;
  /** The keyed request that claimed (request-key.ts): its retry is not someone else. */
  k?: string;
}

/** The outcome of a claim: whether this call bound the key, and who holds it now. */
export interface Claim {
  claimed: boolean;
  holder: string;
}

/** Options of one claim. */
export interface ClaimOptions {
  /**
   * A holder that never came to exist (its process died between the claim and its write)
   * may be replaced: called for a claim older than `orphanAfterMs`.
   */
  isOrphan?(holder: string): Promise<boolean>;
  /** Default 60 s: longer than any write that follows a claim. */
  orphanAfterMs?: number;
}

/** Keys bound to holders in one collection. */
export interface ClaimStore {
  readonly collectionName: string;
  claim(key: string, holder: string, options?: ClaimOptions): Promise<Claim>;
  /** Who holds `key`, if anyone. */
  holderOf(key: string): Promise<string | undefined>;
  /** Unbinds `key` if `holder` holds it (a write that followed the claim failed). */
  release(key: string, holder: string): Promise<void>;
}

/** Opens the claims of one collection. */
export function claimStore(
  connection: Connection,
  concurrency: Concurrency,
  collection: string,
): ClaimStore {
  const col = connection.collection<ClaimDoc>(collection);
  // Taking over an orphan and releasing are read-then-write: they hold the key's lock.
  const exclusive = <T>(key: string, work: () => Promise<T>) =>
    concurrency.lock.withLock(documentLockKey(collection, key), work);
  // An orphan's claim goes to `holder` unless someone replaced it first.
  const replace = (key: string, orphan: string, holder: string) =>
    exclusive(key, async () => {
      if ((await col.findOne({ _id: key }))?.holder !== orphan) return false;
      await col.updateOne({ _id: key }, { $set: { holder, claimedAt: new Date() } });
      return true;
    });
  return {
    collectionName: collection,
    async claim(key, holder, options = {}) {
      const request = currentRequestKey();
      for (;;) {
        try {
          await col.insertOne({
            _id: key,
            holder,
            claimedAt: new Date(),
            ...(request ? { k: request.token } : {}),
          });
          return { claimed: true, holder };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const existing = await col.findOne({ _id: key });
        if (!existing) continue; // released meanwhile: claim again
        if (existing.holder === holder) return { claimed: true, holder };
        // The retry of the request that claimed, taking over after its first attempt died:
        // the key is its own. Its holder stands if it came to exist; if not, the retry's
        // holder replaces it at once (no one else can be waiting on this very request).
        if (request?.takeover && existing.k === request.token) {
          if (options.isOrphan && (await options.isOrphan(existing.holder))) {
            if (await replace(key, existing.holder, holder)) return { claimed: true, holder };
            continue;
          }
          return { claimed: true, holder: existing.holder };
        }
        const orphanAfterMs = options.orphanAfterMs ?? 60_000;
        const old = Date.now() - existing.claimedAt.getTime() > orphanAfterMs;
        if (old && options.isOrphan && (await options.isOrphan(existing.holder))) {
          if (await replace(key, existing.holder, holder)) return { claimed: true, holder };
          continue;
        }
        return { claimed: false, holder: existing.holder };
      }
    },
    async holderOf(key) {
      return (await col.findOne({ _id: key }))?.holder;
    },
    async release(key, holder) {
      await exclusive(key, async () => {
        if ((await col.findOne({ _id: key }))?.holder === holder) await col.deleteOne({ _id: key });
      });
    },
  };
}
