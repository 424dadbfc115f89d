import { describe, expect, it } from 'vitest';
import type { Figure } from './indicators.ts';
import { hiddenInGroup, suppressFigures } from './suppression.ts';

const rule = { maxHidden: 4, label: '<5' };

/** Every hidden part must be one of at least two, or its total hidden too. */
function recoverable(total: number, parts: number[], hidden: { total: boolean; parts: boolean[] }) {
  const hiddenParts = hidden.parts.filter(Boolean).length;
  return !hidden.total && hiddenParts === 1;
}

describe('small-count suppression (counts 1-4 shown as "<5")', () => {
  it('hides counts from 1 to the threshold, never 0 or 5', () => {
    expect(hiddenInGroup(20, [0, 1, 4, 5, 10], rule).parts).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it('hides the next smallest cell when only one cell would be hidden, so it cannot be computed from the total', () => {
    const hidden = hiddenInGroup(30, [3, 12, 15], rule);
    expect(hidden).toEqual({ total: false, parts: [true, true, false] });
  });

  it('hides the total when the single hidden cell has no non-zero sibling', () => {
    // 3 of 8 with the rest unknown-zero: total 8 - 5 visible would give 3 back.
    expect(hiddenInGroup(8, [3, 0, 5], rule)).toEqual({ total: false, parts: [true, false, true] });
    expect(hiddenInGroup(3, [3, 0], rule)).toEqual({ total: true, parts: [true, false] });
  });

  it.each([
    [30, [3, 12, 15]],
    [9, [1, 8]],
    [12, [2, 2, 8]],
    [40, [4, 0, 0, 36]],
    [7, [7]],
  ])('never leaves a single hidden cell under a shown total: %i = %j', (total, parts) => {
    expect(recoverable(total, parts, hiddenInGroup(total, parts, rule))).toBe(false);
  });

  it('hides a sibling of a hidden part of a sum (compulsory = new + carried over)', () => {
    const figures: Figure[] = [
      { id: 'new', available: true, value: 3 },
      { id: 'carried', available: true, value: 42 },
      { id: 'total', available: true, value: 45 },
    ];
    const shown = suppressFigures(
      figures,
      new Map([['total', ['new', 'carried']]]),
      new Map(),
      rule,
    );
    expect(shown.map((f) => f.value)).toEqual(['<5', '<5', 45]);
  });

  it('hides a ratio whose numerator or denominator is small, and the cells of a hidden total', () => {
    const figures: Figure[] = [
      { id: 'done', available: true, value: 3, cells: { male: 3, female: 0, unknown: 0 } },
      { id: 'managed', available: true, value: 2 },
      { id: 'share', available: true, value: 0.6667, numerator: 2, denominator: 3 },
      { id: 'later', available: false, value: null },
    ];
    const shown = suppressFigures(
      figures,
      new Map(),
      new Map([['share', { numerator: 'managed', denominator: 'done' }]]),
      rule,
    );
    expect(shown[0]).toMatchObject({
      value: '<5',
      cells: { male: '<5', female: '<5' },
      suppressed: true,
    });
    expect(shown[2]).toMatchObject({ value: '<5', suppressed: true });
    expect(shown[3]).toMatchObject({ value: null, available: false });
  });
});
