// Group commit: the items that arrive while one write is on its way go together in the next
// write, and each caller still waits for (and gets) the outcome of its own items. Under load
// that is one round trip for many callers instead of one each; alone, an item goes at once.

/** Writes many items in one round trip; returns one outcome per item, in order. */
export type GroupWrite<I, O> = (items: readonly I[]) => Promise<readonly O[]>;

/** Submits items to be written with whatever else is waiting. */
export type GroupCommit<I, O> = (items: readonly I[]) => Promise<O[]>;

/** Groups of at most this many items per write. */
const MAX_GROUP = 500;

interface Pending<I, O> {
  items: readonly I[];
  done: (outcomes: O[]) => void;
  failed: (error: unknown) => void;
}

export function groupCommit<I, O>(
  write: GroupWrite<I, O>,
  maxGroup = MAX_GROUP,
): GroupCommit<I, O> {
  const queue: Pending<I, O>[] = [];
  let writing = false;

  // Callers' items stay together: a group ends before a caller that would overflow it.
  const nextGroup = (): Pending<I, O>[] => {
    const group: Pending<I, O>[] = [];
    let size = 0;
    for (let head = queue[0]; head; head = queue[0]) {
      if (group.length > 0 && size + head.items.length > maxGroup) break;
      group.push(head);
      size += head.items.length;
      queue.shift();
    }
    return group;
  };

  const flush = async (): Promise<void> => {
    writing = true;
    while (queue.length > 0) {
      const group = nextGroup();
      try {
        const outcomes = await write(group.flatMap((entry) => entry.items));
        let at = 0;
        for (const entry of group) {
          entry.done(outcomes.slice(at, at + entry.items.length));
          at += entry.items.length;
        }
      } catch (error) {
        // The whole group fails together: none of its callers may act as if written.
        for (const entry of group) entry.failed(error);
      }
    }
    writing = false;
  };

  return (items) => {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((done, failed) => {
      queue.push({ items, done, failed });
      if (!writing) void flush();
    });
  };
}
