// Keeps the due index (due-index.ts) in step with the cases: every write of a case moves its
// queue entries, announced first so a crash between the case write and the move is finished
// later from the case itself; a rebuild after a change of `dueItems` (DUE_DIGEST_FORMAT).
import type { Collection } from 'mongoose';
import type { EventEnvelope } from '@rehab/events';
import type { StoredCase } from '../app/ports.ts';
import { dueEntries, entryKey, sameEntries, type DueEntry } from './due-digest.ts';
import { moveOf, type DueIndex, type DueMove } from './due-index.ts';

/** A case as stored: its outbox, and the queue entries written with it. */
export type CaseDoc = Omit<StoredCase, 'id'> & {
  _id: string;
  outbox: EventEnvelope[];
  outboxPending: boolean;
  /** The case's queue entries as last put in the due index (absent on cases stored before it). */
  dueDigest?: DueEntry[];
  /** Look-up keys (case-repository.ts): `<unitCode>|<kind>`, and a post-rehab case's helper. */
  unitKind?: string;
  helperId?: string;
};

export const toDomain = ({
  _id,
  outbox: _o,
  outboxPending: _p,
  dueDigest: _d,
  unitKind: _u,
  helperId: _h,
  ...rest
}: CaseDoc) => ({ id: _id, ...rest }) as StoredCase;

/** A bulk load holds no case lock: a pending move younger than this may be in flight. */
const IN_FLIGHT_MS = 60_000;

/**
 * What the index may hold for a stored case: the entries written with it and those its state
 * gives under today's `dueItems` (after a rebuild, or for a case older than the index);
 * removing both leaves nothing behind.
 */
export function indexed(doc: CaseDoc | null | undefined): DueEntry[] {
  if (!doc) return [];
  const byKey = new Map<string, DueEntry>();
  for (const entry of [...(doc.dueDigest ?? []), ...dueEntries(toDomain(doc))]) {
    byKey.set(entryKey(entry), entry);
  }
  return [...byKey.values()];
}

export function caseQueue(
  cases: Collection<CaseDoc>,
  due: DueIndex,
  caseLock: <T>(id: string, work: () => Promise<T>) => Promise<T>,
) {
  /** Puts a case's entries right from the case itself (repair and rebuild). */
  const resync = (id: string, pending?: DueMove & { since: Date }) =>
    caseLock(id, async () => {
      const doc = await cases.findOne({ _id: id });
      if (!doc && pending && Date.now() - pending.since.getTime() < IN_FLIGHT_MS) return false;
      const digest = doc ? dueEntries(toDomain(doc)) : [];
      const move = moveOf(id, indexed(doc), digest);
      await due.apply(
        {
          caseId: id,
          units: [...new Set([...move.units, ...(pending?.units ?? [])])],
          remove: [...new Set([...move.remove, ...(pending?.remove ?? [])])],
        },
        digest,
      );
      if (pending) await due.done([id]);
      return true;
    });

  return {
    /** Writes a case with `write` and moves its entries from `before` to `after`. */
    async write(id: string, before: DueEntry[], after: DueEntry[], write: () => Promise<void>) {
      if (sameEntries(before, after)) return write();
      const move = moveOf(id, before, after);
      await due.announce([move]);
      await write();
      await due.apply(move, after);
      await due.done([id]);
    },
    /** Finishes the moves a crash interrupted; how many cases were resynced. */
    async repair(): Promise<number> {
      let repaired = 0;
      for (const move of await due.pending()) {
        if (await resync(move.caseId, move)) repaired += 1;
      }
      return repaired;
    },
    /**
     * Resyncs the cases whose entries may differ from what the index holds: all the cases
     * are read once (a scan), so it runs once per DUE_DIGEST_FORMAT. Each resync holds its
     * case's lock and is idempotent, so replicas may race here.
     */
    async rebuild(): Promise<void> {
      const stale: string[] = [];
      for await (const doc of cases.find({})) {
        const digest = dueEntries(toDomain(doc));
        if (!doc.dueDigest || !sameEntries(doc.dueDigest, digest)) stale.push(doc._id);
      }
      const workers = Array.from({ length: 4 }, async () => {
        for (let id = stale.pop(); id !== undefined; id = stale.pop()) await resync(id);
      });
      await Promise.all(workers);
    },
  };
}
