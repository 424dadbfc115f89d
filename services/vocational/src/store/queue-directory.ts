// Which months of a queue hold anyone: one small document per unit and status, so that a page
// of the work queue reads only the months (or, in a crowded month, the days) it shows instead
// of probing every month since the rulebook's first day. The counts are hints: a month is
// added (counted up) before the file's write and counted down after it, so a crash in between
// leaves a month listed that may be empty (one wasted look-up), never a file unlisted.
// Documents are rewritten whole, under the kit's insert lock (`exclusive`).
import type { Persistence } from '@rehab/persistence';
import type { Connection } from 'mongoose';

const COLLECTION = 'queueDirectories';

interface DirectoryDoc {
  _id: string;
  months: Record<string, number>;
}

export interface QueueDirectory {
  /** Months with anyone in the queue `<unit>|<status>`, with their (approximate) counts. */
  months(queue: string): Promise<Record<string, number>>;
  /** Adds one to each `<unit>|<status>|<YYYY-MM>` key. */
  enter(keys: readonly string[]): Promise<void>;
  /** Adds `count` to each key (a bulk import, announced before its documents are written). */
  enterMany(counts: Readonly<Record<string, number>>): Promise<void>;
  /** Takes one from each key; a month at zero leaves the directory. */
  leave(keys: readonly string[]): Promise<void>;
}

/** `<unit>|<status>|<YYYY-MM>` → [`<unit>|<status>`, `YYYY-MM`]. */
const split = (key: string): [string, string] => {
  const at = key.lastIndexOf('|');
  return [key.slice(0, at), key.slice(at + 1)];
};

export function queueDirectory(persistence: Persistence, connection: Connection): QueueDirectory {
  persistence.declare(COLLECTION);
  const col = connection.collection<DirectoryDoc>(COLLECTION);
  const move = async (keys: readonly string[], by: number) => {
    for (const key of keys) {
      const [queue, month] = split(key);
      await persistence.exclusive(`${COLLECTION}:${queue}`, async () => {
        const stored = (await col.findOne({ _id: queue }))?.months ?? {};
        const count = (stored[month] ?? 0) + by;
        const months = Object.fromEntries(
          [...Object.entries(stored).filter(([other]) => other !== month), [month, count]].filter(
            ([, n]) => Number(n) > 0,
          ),
        ) as Record<string, number>;
        await col.replaceOne({ _id: queue }, { months }, { upsert: true });
      });
    }
  };
  return {
    async months(queue) {
      return (await col.findOne({ _id: queue }))?.months ?? {};
    },
    enter: (keys) => move(keys, 1),
    async enterMany(counts) {
      for (const [key, count] of Object.entries(counts)) await move([key], count);
    },
    leave: (keys) => move(keys, -1),
  };
}
