// How a unit's queue is cut into chunks (pure; the I/O is in due-index.ts). A unit's entries
// are one sorted run split into chunks of at most MAX entries; the unit's directory lists the
// chunks in order with their first and last keys and their counts by actor, so the overdue
// count needs no chunk but the one that holds today, and a page needs the first chunk or two.
// Chunks and directories are stored as one JSON string each: FerretDB decodes every field
// of a document in Go (measured ~0.1 ms per queue entry stored as an object, ~0.01 ms as
// part of one string), and these documents are only ever read whole, by `_id`.
import { compareEntries, entryKey, type DueEntry } from './due-digest.ts';

export const CHUNK_MAX = 256;
const CHUNK_TARGET = 128;
/** A chunk left smaller than this is merged with its neighbour. */
const CHUNK_MIN = 32;

/** A chunk as its unit's directory lists it. */
export interface ChunkRef {
  id: string;
  first: string;
  last: string;
  count: number;
  actors: Record<string, number>;
}

export interface Directory {
  /** The next chunk number: chunks are written under new ids, never rewritten in place. */
  next: number;
  chunks: ChunkRef[];
}

export const emptyDirectory = (): Directory => ({ next: 0, chunks: [] });

/** Entries as one string; repeated words (what, actor, kind, state, legal basis) once. */
export function encodeEntries(entries: readonly DueEntry[]): string {
  const words: string[] = [];
  const index = new Map<string, number>();
  const word = (value: string | undefined) => {
    if (value === undefined) return -1;
    let at = index.get(value);
    if (at === undefined) {
      at = words.push(value) - 1;
      index.set(value, at);
    }
    return at;
  };
  const rows = entries.map((e) => [
    e.dueBy,
    e.caseId,
    e.personId,
    e.unitCode,
    word(e.what),
    word(e.actor),
    word(e.kind),
    word(e.state),
    word(e.legalRef),
  ]);
  return JSON.stringify({ words, rows });
}

type Row = [string, string, string, string, number, number, number, number, number];

export function decodeEntries(payload: string): DueEntry[] {
  const { words, rows } = JSON.parse(payload) as { words: string[]; rows: Row[] };
  const word = (at: number) => words[at] ?? '';
  return rows.map(([dueBy, caseId, personId, unitCode, what, actor, kind, state, legalRef]) => ({
    caseId,
    personId,
    unitCode,
    kind: word(kind) as DueEntry['kind'],
    state: word(state),
    what: word(what),
    dueBy,
    actor: word(actor),
    ...(legalRef >= 0 ? { legalRef: word(legalRef) } : {}),
  }));
}

/** The directory's entry for a chunk of (sorted, non-empty) entries. */
export function chunkRef(id: string, entries: readonly DueEntry[]): ChunkRef {
  const actors: Record<string, number> = {};
  for (const entry of entries) actors[entry.actor] = (actors[entry.actor] ?? 0) + 1;
  return {
    id,
    first: entryKey(entries[0] as DueEntry),
    last: entryKey(entries.at(-1) as DueEntry),
    count: entries.length,
    actors,
  };
}

/** The chunk a key belongs to: the last one starting at or before it (else the first). */
export function chunkFor(chunks: readonly ChunkRef[], key: string): number {
  let at = 0;
  for (let i = 1; i < chunks.length && (chunks[i] as ChunkRef).first <= key; i++) at = i;
  return at;
}

/** Entries of `chunk` an actor filter keeps. */
export function wantedCount(chunk: ChunkRef, actors: readonly string[] | undefined): number {
  return actors ? actors.reduce((n, actor) => n + (chunk.actors[actor] ?? 0), 0) : chunk.count;
}

/** Consecutive chunks rewritten together, with the edits that fall in them. */
export interface ChunkGroup {
  from: number;
  to: number;
  remove: Set<string>;
  add: DueEntry[];
}

/**
 * Which chunks an edit rewrites: those the removed and added keys fall in, joined with a
 * neighbour when the result may drop below the minimum (counts are from the directory, so
 * the guess may be off; a chunk a little small or large is harmless).
 */
export function planEdit(
  chunks: readonly ChunkRef[],
  remove: readonly string[],
  add: readonly DueEntry[],
): ChunkGroup[] {
  const touched = new Map<number, { remove: Set<string>; add: DueEntry[] }>();
  const at = (i: number) => {
    let edit = touched.get(i);
    if (!edit) touched.set(i, (edit = { remove: new Set(), add: [] }));
    return edit;
  };
  for (const key of remove) at(chunkFor(chunks, key)).remove.add(key);
  for (const entry of add) at(chunkFor(chunks, entryKey(entry))).add.push(entry);
  const groups = [...touched.entries()].map(([i, edit]): ChunkGroup => {
    const expected = (chunks[i]?.count ?? 0) - edit.remove.size + edit.add.length;
    const small = expected < CHUNK_MIN && chunks.length > 1;
    const last = i === chunks.length - 1;
    return {
      from: small && last ? i - 1 : i,
      to: small && !last ? i + 1 : i,
      remove: edit.remove,
      add: edit.add,
    };
  });
  groups.sort((a, b) => a.from - b.from);
  // Groups that share a chunk are rewritten as one.
  return groups.reduce<ChunkGroup[]>((merged, group) => {
    const previous = merged.at(-1);
    if (previous && group.from <= previous.to) {
      previous.to = Math.max(previous.to, group.to);
      for (const key of group.remove) previous.remove.add(key);
      previous.add.push(...group.add);
    } else merged.push(group);
    return merged;
  }, []);
}

/** Applies a group's edits to its entries: the result sorted, one entry per key. */
export function editEntries(entries: readonly DueEntry[], group: ChunkGroup): DueEntry[] {
  const byKey = new Map<string, DueEntry>();
  for (const entry of entries)
    if (!group.remove.has(entryKey(entry))) byKey.set(entryKey(entry), entry);
  for (const entry of group.add) byKey.set(entryKey(entry), entry);
  return [...byKey.values()].sort(compareEntries);
}

/** Cuts sorted entries into chunks of about the target size, none above the maximum. */
export function cut(entries: readonly DueEntry[]): DueEntry[][] {
  if (entries.length === 0) return [];
  if (entries.length <= CHUNK_MAX) return [[...entries]];
  const pieces = Math.ceil(entries.length / CHUNK_TARGET);
  const size = Math.ceil(entries.length / pieces);
  return Array.from({ length: pieces }, (_, i) => entries.slice(i * size, (i + 1) * size)).filter(
    (piece) => piece.length > 0,
  );
}

/** The outcome of an edit: the unit's new directory, chunks to insert, chunks to delete. */
export interface EditOutcome {
  dir: Directory;
  written: Array<{ ref: ChunkRef; entries: DueEntry[] }>;
  dropped: ChunkRef[];
}

/** Removes the `remove` keys from a unit's queue and adds `add`, reading chunks with `load`. */
export async function editDirectory(
  dir: Directory,
  remove: readonly string[],
  add: readonly DueEntry[],
  load: (ref: ChunkRef) => Promise<DueEntry[] | undefined>,
): Promise<EditOutcome> {
  let next = dir.next;
  const chunks: ChunkRef[] = [];
  const written: EditOutcome['written'] = [];
  const dropped: ChunkRef[] = [];
  let kept = 0;
  for (const group of planEdit(dir.chunks, remove, add)) {
    chunks.push(...dir.chunks.slice(kept, group.from));
    const old = dir.chunks.slice(group.from, group.to + 1);
    const loaded = await Promise.all(old.map(load));
    for (const piece of cut(
      editEntries(
        loaded.flatMap((part) => part ?? []),
        group,
      ),
    )) {
      const ref = chunkRef(String(next++), piece);
      written.push({ ref, entries: piece });
      chunks.push(ref);
    }
    dropped.push(...old);
    kept = group.to + 1;
  }
  chunks.push(...dir.chunks.slice(kept));
  return { dir: { next, chunks }, written, dropped };
}
