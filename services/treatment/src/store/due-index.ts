// The due index: every case's queue entries (due-digest.ts), per unit, as one sorted run cut
// into chunks (due-chunks.ts): `dueChunks` (`_id` `<unit>|<n>`) and a directory per unit
// (`dueDirectory`, `_id` `unit:<code>`; `units` lists the units, for the sweep). A province's
// queue is read from its communes' directories and a chunk or two each (due-reads.ts), not
// from its cases: a few look-ups by `_id` instead of every case of the province, sorted
// (the stand-in never pushes a sort or a range down; docs/storage.md).
// A unit's chunks change under its directory's lock (FerretDB's updates are not atomic), and
// the edits of one unit that arrive while one is on its way go together in the next.
// Chunks are inserted under new ids and the old ones deleted once the directory points away
// from them; a reader that finds one gone starts over. A case's move is announced in
// `duePending` first, so a crash halfway is finished later from the case (case-queue.ts).
import type { Connection } from 'mongoose';
import { documentLockKey, groupCommit, type GroupCommit } from '@rehab/persistence';
import { isDuplicateKey } from '@rehab/service-kit';
import type { LocalDate } from '@rehab/domain-kit';
import {
  decodeEntries,
  editDirectory,
  emptyDirectory,
  encodeEntries,
  type ChunkRef,
  type Directory,
} from './due-chunks.ts';
import { entryKey, type DueEntry } from './due-digest.ts';
import {
  readDueBefore,
  readPage,
  type DuePage,
  type DueQuery,
  type Snapshot,
} from './due-reads.ts';

export type { DuePage, DueQuery } from './due-reads.ts';

/** A case's entries about to change: the units they are in and the keys they may leave. */
export interface DueMove {
  caseId: string;
  units: readonly string[];
  remove: readonly string[];
}

export interface DueIndex {
  /** Removes the keys `move` names and adds `add`, unit by unit. */
  apply(move: DueMove, add: readonly DueEntry[]): Promise<void>;
  announce(moves: readonly DueMove[]): Promise<void>;
  done(caseIds: readonly string[]): Promise<void>;
  /** Announced moves never marked done. */
  pending(): Promise<Array<DueMove & { since: Date }>>;
  page(query: DueQuery): Promise<DuePage>;
  /** Every entry due before `today`, in every unit (the sweep's candidates). */
  dueBefore(today: LocalDate): Promise<DueEntry[]>;
  format(): Promise<number>;
  setFormat(format: number): Promise<void>;
}

/** The move of a case whose entries go from `before` to `after`. */
export function moveOf(
  caseId: string,
  before: readonly DueEntry[],
  after: readonly DueEntry[],
): DueMove {
  return {
    caseId,
    units: [...new Set([...before, ...after].map((entry) => entry.unitCode))],
    remove: before.map(entryKey),
  };
}

const ALL_UNITS = 'units';
const FORMAT = 'format';
const unitKey = (unitCode: string) => `unit:${unitCode}`;

class StaleChunk extends Error {}

/** One case's change to one unit's entries. */
interface UnitEdit {
  remove: readonly string[];
  add: readonly DueEntry[];
}

/** Runs work alone for a key across processes (the persistence kit's `exclusive`). */
type Exclusive = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function mongoDueIndex(connection: Connection, exclusive: Exclusive): DueIndex {
  const chunks = connection.collection<{ _id: string; entries: string }>('dueChunks');
  const directory = connection.collection<{ _id: string; state: string }>('dueDirectory');
  const announced = connection.collection<{
    _id: string;
    units: string[];
    remove: string[];
    since: Date;
  }>('duePending');

  const readState = async (key: string) => (await directory.findOne({ _id: key }))?.state;
  const writeState = (key: string, state: string) =>
    directory.updateOne({ _id: key }, { $set: { state } }, { upsert: true });
  const readDirectory = async (unitCode: string): Promise<Directory> => {
    const state = await readState(unitKey(unitCode));
    return state ? (JSON.parse(state) as Directory) : emptyDirectory();
  };
  const readUnits = async () => JSON.parse((await readState(ALL_UNITS)) ?? '[]') as string[];
  const chunkId = (unitCode: string, ref: ChunkRef) => `${unitCode}|${ref.id}`;
  const readChunk = async (unitCode: string, ref: ChunkRef) => {
    const doc = await chunks.findOne({ _id: chunkId(unitCode, ref) });
    return doc ? decodeEntries(doc.entries) : undefined;
  };

  const addUnit = (unitCode: string) =>
    exclusive(documentLockKey(directory.collectionName, ALL_UNITS), async () => {
      const units = await readUnits();
      if (!units.includes(unitCode)) {
        await writeState(ALL_UNITS, JSON.stringify([...units, unitCode]));
      }
    });

  const editUnitNow = (unitCode: string, remove: readonly string[], add: readonly DueEntry[]) =>
    exclusive(documentLockKey(directory.collectionName, unitKey(unitCode)), async () => {
      const dir = await readDirectory(unitCode);
      if (dir.chunks.length === 0 && add.length === 0) return;
      if (dir.chunks.length === 0) await addUnit(unitCode);
      const edit = await editDirectory(dir, remove, add, (ref) => readChunk(unitCode, ref));
      for (const { ref, entries } of edit.written) {
        const doc = { _id: chunkId(unitCode, ref), entries: encodeEntries(entries) };
        try {
          await chunks.insertOne(doc);
        } catch (error) {
          // Left by an edit that crashed before its directory was written: unreferenced.
          if (!isDuplicateKey(error)) throw error;
          await chunks.updateOne({ _id: doc._id }, { $set: { entries: doc.entries } });
        }
      }
      await writeState(unitKey(unitCode), JSON.stringify(edit.dir));
      for (const ref of edit.dropped) await chunks.deleteOne({ _id: chunkId(unitCode, ref) });
    });

  // Group commit per unit: one directory read and write, and a chunk or two, for every case
  // waiting on the unit. Measured on the deadline sweep at 20,000 cases: its 400 edits each
  // held the lock for 27 ms, one after the other, while its eight workers waited 69 s in all;
  // the cold sweep took 11.2 s. The keys of different cases never collide, and one case's
  // edits cannot share a group: each waits for its own before the case's write returns.
  const unitEdits = new Map<string, GroupCommit<UnitEdit, undefined>>();
  const editUnit = async (
    unitCode: string,
    remove: readonly string[],
    add: readonly DueEntry[],
  ) => {
    let commit = unitEdits.get(unitCode);
    if (!commit) {
      commit = groupCommit<UnitEdit, undefined>(async (edits) => {
        await editUnitNow(
          unitCode,
          edits.flatMap((edit) => edit.remove),
          edits.flatMap((edit) => edit.add),
        );
        return edits.map(() => undefined);
      });
      unitEdits.set(unitCode, commit);
    }
    await commit([{ remove, add }]);
  };

  const snapshot: Snapshot = async (unitCode, work) => {
    for (let attempt = 1; ; attempt++) {
      const dir = await readDirectory(unitCode);
      const cache = new Map<string, Promise<DueEntry[] | undefined>>();
      try {
        return await work(dir, async (ref) => {
          let entries = cache.get(ref.id);
          if (!entries) cache.set(ref.id, (entries = readChunk(unitCode, ref)));
          const found = await entries;
          // Deleted by an edit that finished meanwhile: that edit's directory has its entries.
          if (!found && attempt < 5) throw new StaleChunk();
          return found ?? [];
        });
      } catch (error) {
        if (!(error instanceof StaleChunk)) throw error;
      }
    }
  };

  return {
    async apply(move, add) {
      const units = new Set([...move.units, ...add.map((entry) => entry.unitCode)]);
      for (const unitCode of units) {
        const added = add.filter((entry) => entry.unitCode === unitCode);
        await editUnit(unitCode, move.remove, added);
      }
    },
    async announce(moves) {
      const since = new Date();
      const docs = moves.map(({ caseId, units, remove }) => ({
        _id: caseId,
        units: [...units],
        remove: [...remove],
        since,
      }));
      if (docs.length === 0) return;
      try {
        await announced.insertMany(docs, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // A move a crash left behind for the same case: both are owed, so they are joined.
        for (const { _id, units, remove } of docs) {
          const left = await announced.findOne({ _id });
          await announced.updateOne(
            { _id },
            {
              $set: {
                units: [...new Set([...(left?.units ?? []), ...units])],
                remove: [...new Set([...(left?.remove ?? []), ...remove])],
                since,
              },
            },
            { upsert: true },
          );
        }
      }
    },
    async done(caseIds) {
      if (caseIds.length === 1) await announced.deleteOne({ _id: caseIds[0] ?? '' });
      // A scan, of a collection that holds only the moves in flight.
      else if (caseIds.length > 1) await announced.deleteMany({ _id: { $in: [...caseIds] } });
    },
    async pending() {
      return (await announced.find({}).toArray()).map(({ _id, ...move }) => ({
        caseId: _id,
        ...move,
      }));
    },
    page: (query) => readPage(snapshot, query),
    dueBefore: async (today) => readDueBefore(snapshot, await readUnits(), today),
    async format() {
      return Number((await readState(FORMAT)) ?? '0');
    },
    async setFormat(format) {
      await writeState(FORMAT, String(format));
    },
  };
}
