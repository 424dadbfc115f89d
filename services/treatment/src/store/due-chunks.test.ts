import { describe, expect, it } from 'vitest';
import {
  CHUNK_MAX,
  decodeEntries,
  editDirectory,
  emptyDirectory,
  encodeEntries,
  type ChunkRef,
  type Directory,
} from './due-chunks.ts';
import { compareEntries, entryKey, type DueEntry } from './due-digest.ts';

const actors = ['person', 'guardian', 'commune-police-chief', 'facility-director'];
const entry = (i: number, day: number): DueEntry => ({
  caseId: `case-${String(i).padStart(5, '0')}`,
  personId: `person-${i}`,
  unitCode: '99003',
  kind: 'awaiting-registration',
  state: 'awaiting-registration',
  what: i % 3 === 0 ? 'register-voluntary-rehab-or-methadone' : 'decide-home-rehab',
  dueBy: `2026-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`,
  actor: actors[i % actors.length] ?? 'person',
  ...(i % 5 === 0 ? {} : { legalRef: 'Decree 116/2021/ND-CP Art. 3, 28' }),
});

/** A unit's chunks in memory, edited as the index edits them in the database. */
function memoryUnit() {
  let dir: Directory = emptyDirectory();
  const stored = new Map<string, string>();
  return {
    dir: () => dir,
    async edit(remove: string[], add: DueEntry[]) {
      const outcome = await editDirectory(dir, remove, add, async (ref) => {
        const payload = stored.get(ref.id);
        return payload === undefined ? undefined : decodeEntries(payload);
      });
      for (const { ref, entries } of outcome.written) stored.set(ref.id, encodeEntries(entries));
      dir = outcome.dir;
      for (const ref of outcome.dropped) stored.delete(ref.id);
    },
    entries: () => dir.chunks.flatMap((ref) => decodeEntries(stored.get(ref.id) ?? '')),
    chunk: (ref: ChunkRef) => decodeEntries(stored.get(ref.id) ?? ''),
  };
}

describe("a unit's queue cut into chunks", () => {
  it('encodes entries into one string and back, the legal basis only where there is one', () => {
    const entries = [entry(1, 1), entry(5, 2), entry(6, 3)];
    expect(decodeEntries(encodeEntries(entries))).toEqual(entries);
  });

  it('stays one sorted run in chunks of bounded size with exact counts, through adds and removals', async () => {
    const unit = memoryUnit();
    const expected = new Map<string, DueEntry>();
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 40; round++) {
      const add = Array.from({ length: Math.floor(random() * 150) }, () =>
        entry(Math.floor(random() * 5000), Math.floor(random() * 400)),
      );
      const present = [...expected.keys()];
      const remove = present.filter(() => random() < (round > 25 ? 0.6 : 0.15));
      await unit.edit(remove, add);
      for (const key of remove) expected.delete(key);
      for (const e of add) expected.set(entryKey(e), e);

      expect(unit.entries()).toEqual([...expected.values()].sort(compareEntries));
      const chunks = unit.dir().chunks;
      for (const [i, ref] of chunks.entries()) {
        const entries = unit.chunk(ref);
        expect(entries.length).toBeGreaterThan(0);
        expect(entries.length).toBeLessThanOrEqual(CHUNK_MAX);
        expect(ref.count).toBe(entries.length);
        expect([ref.first, ref.last]).toEqual([entryKey(entries[0]!), entryKey(entries.at(-1)!)]);
        expect(Object.values(ref.actors).reduce((a, b) => a + b, 0)).toBe(ref.count);
        if (i > 0) expect(chunks[i - 1]!.last < ref.first).toBe(true);
      }
    }
    expect(expected.size).toBeGreaterThan(0);
  });

  it('merges chunks that shrink, so the directory stays short', async () => {
    const unit = memoryUnit();
    const all = Array.from({ length: 2000 }, (_, i) => entry(i, i));
    await unit.edit([], all);
    const many = unit.dir().chunks.length;
    expect(many).toBeGreaterThanOrEqual(2000 / CHUNK_MAX);
    const keep = new Set(all.filter((_, i) => i % 50 === 0).map(entryKey));
    // Removed a chunk's worth at a time, as cases close day by day.
    const batches = unit.dir().chunks.map((ref) =>
      unit
        .chunk(ref)
        .map(entryKey)
        .filter((key) => !keep.has(key)),
    );
    for (const gone of batches) await unit.edit(gone, []);
    expect(unit.entries()).toHaveLength(keep.size);
    expect(unit.dir().chunks.length).toBeLessThan(many / 2);
  });
});
