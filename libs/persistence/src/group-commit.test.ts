import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A write that records its groups, answers each item with its double, and can fail once. */
function recordingWrite() {
  const groups: number[][] = [];
  let failNext = false;
  return {
    groups,
    failOnce: () => (failNext = true),
    async write(items: readonly number[]) {
      groups.push([...items]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failNext) {
        failNext = false;
        throw new Error('write refused');
      }
      return items.map((item) => item * 2);
    },
  };
}

describe('group commit', () => {
  it('writes a lone caller at once, gathers the callers of the meantime, and answers each its own outcomes', async () => {
    const target = recordingWrite();
    const commit = groupCommit(target.write);
    const first = commit([1]);
    const rest = [commit([2, 3]), commit([4]), commit([5, 6])];
    expect(await first).toEqual([2]);
    expect(await Promise.all(rest)).toEqual([[4, 6], [8], [10, 12]]);
    expect(target.groups).toEqual([[1], [2, 3, 4, 5, 6]]);
  });

  it('keeps a caller\u2019s items in one group, starting a new group rather than splitting them', async () => {
    const target = recordingWrite();
    const commit = groupCommit(target.write, 3);
    const all = [commit([1]), commit([2, 3]), commit([4, 5]), commit([6])];
    await Promise.all(all);
    expect(target.groups).toEqual([[1], [2, 3], [4, 5, 6]]);
  });

  it('fails every caller of a failed group and none of the next, and asks nothing of an empty call', async () => {
    const target = recordingWrite();
    const commit = groupCommit(target.write);
    target.failOnce();
    const failed = commit([1]);
    const later = [commit([2]), commit([3])];
    await expect(failed).rejects.toThrow('write refused');
    expect(await Promise.all(later)).toEqual([[4], [6]]);
    expect(await commit([])).toEqual([]);
    expect(target.groups).toEqual([[1], [2, 3]]);
  });
});
