// Reading the due index (due-index.ts): a page of the queues of some units with the overdue
// count, and the entries due before a day. Each unit is read from one version of its
// directory; the chunk a count or a page needs is read once.
import { isAfter, type LocalDate } from '@rehab/domain-kit';
import { chunkFor, wantedCount, type ChunkRef, type Directory } from './due-chunks.ts';
import { asListItem, compareEntries, entryKey, type DueEntry } from './due-digest.ts';

export type { DuePage, DueQuery } from '../app/due-queue.ts';
import type { DuePage, DueQuery } from '../app/due-queue.ts';

export type ChunkReader = (ref: ChunkRef) => Promise<DueEntry[]>;

/** Runs `work` on one version of a unit's directory and chunks. */
export type Snapshot = <T>(
  unitCode: string,
  work: (dir: Directory, read: ChunkReader) => Promise<T>,
) => Promise<T>;

/** One unit's overdue count and its first `limit + 1` items after the cursor. */
async function unitPage(dir: Directory, read: ChunkReader, query: DueQuery) {
  const { today, actors, limit } = query;
  const wanted = (entry: DueEntry) => !actors || actors.includes(entry.actor);
  let overdue = 0;
  for (const ref of dir.chunks) {
    // Keys sort below `today` exactly when their date does (see entryKey).
    if (ref.first >= today) break;
    if (ref.last < today) overdue += wantedCount(ref, actors);
    else {
      overdue += (await read(ref)).filter((e) => wanted(e) && isAfter(today, e.dueBy)).length;
    }
  }
  const after = query.after ? entryKey(query.after) : undefined;
  const items: DueEntry[] = [];
  const start = after ? chunkFor(dir.chunks, after) : 0;
  for (const ref of dir.chunks.slice(start)) {
    if (items.length > limit) break;
    if (wantedCount(ref, actors) === 0 || (after !== undefined && ref.last <= after)) continue;
    items.push(
      ...(await read(ref)).filter((e) => wanted(e) && (after === undefined || entryKey(e) > after)),
    );
  }
  return { overdue, items };
}

export async function readPage(snapshot: Snapshot, query: DueQuery): Promise<DuePage> {
  const parts = await Promise.all(
    query.unitCodes.map((unitCode) =>
      snapshot(unitCode, (dir, read) => unitPage(dir, read, query)),
    ),
  );
  const all = parts.flatMap((part) => part.items).sort(compareEntries);
  const items = all.slice(0, query.limit);
  const last = items.at(-1);
  return {
    overdue: parts.reduce((n, part) => n + part.overdue, 0),
    items: items.map((entry) => asListItem(entry, query.today)),
    ...(all.length > query.limit && last
      ? { next: { dueBy: last.dueBy, caseId: last.caseId, what: last.what } }
      : {}),
  };
}

export async function readDueBefore(
  snapshot: Snapshot,
  unitCodes: readonly string[],
  today: LocalDate,
): Promise<DueEntry[]> {
  const parts = await Promise.all(
    unitCodes.map((unitCode) =>
      snapshot(unitCode, async (dir, read) => {
        const early = dir.chunks.filter((ref) => ref.first < today);
        return (await Promise.all(early.map(read))).flat();
      }),
    ),
  );
  return parts.flat().filter((entry) => isAfter(today, entry.dueBy));
}
