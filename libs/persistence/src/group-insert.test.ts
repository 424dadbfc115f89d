import { describe, expect, it } from 'vitest';
import { groupInsert } from './group-insert.ts';

/** A collection that records each insertMany and can be told to fail the next one. */
function recordingCollection() {
  const calls: number[][] = [];
  let failNext = false;
  return {
    calls,
    failOnce: () => (failNext = true),
    async insertMany(docs: number[]) {
      calls.push(docs);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failNext) {
        failNext = false;
        throw new Error('write refused');
      }
    },
  };
}

describe('group insert (group commit of append-only records)', () => {
  it('stores a lone record at once, and records arriving during a write together next', async () => {
    const col = recordingCollection();
    const group = groupInsert(col);
    const first = group.insert(1);
    const rest = [group.insert(2), group.insert(3), group.insert(4)];
    await Promise.all([first, ...rest]);
    expect(col.calls).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every caller of a failed group, and none of the next group', async () => {
    const col = recordingCollection();
    const group = groupInsert(col);
    col.failOnce();
    const failed = [group.insert(1)];
    const later = [group.insert(2), group.insert(3)];
    await expect(failed[0]).rejects.toThrow('write refused');
    await expect(Promise.all(later)).resolves.toEqual([undefined, undefined]);
    expect(col.calls).toEqual([[1], [2, 3]]);
  });
});
