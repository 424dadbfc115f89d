// Small-count suppression (statistical disclosure control). Counts from 1 to the rulebook's
// threshold are shown as a label ("<5") to readers outside the police and the provincial
// leadership. Hiding one cell of a group whose total is shown would let anyone compute it
// back (total minus the others), so a group never has exactly one hidden cell: the next
// smallest non-zero cell is hidden too, or the total when no other cell can be.
import type { Figure } from './indicators.ts';

export type Shown = number | string | null;

export interface SuppressionRule {
  readonly maxHidden: number;
  readonly label: string;
}

/** A figure as a reader sees it. */
export interface ShownFigure {
  readonly id: string;
  readonly available: boolean;
  readonly value: Shown;
  readonly cells?: Readonly<Record<string, Shown>>;
  readonly suppressed: boolean;
}

const isSmall = (value: number, rule: SuppressionRule) => value >= 1 && value <= rule.maxHidden;

/**
 * Which members of a group (a total and the parts that add up to it) to hide: the small
 * ones, then complementary ones until no hidden part is alone.
 */
export function hiddenInGroup(
  total: number,
  parts: readonly number[],
  rule: SuppressionRule,
): { total: boolean; parts: boolean[] } {
  const hidden = parts.map((value) => isSmall(value, rule));
  let totalHidden = isSmall(total, rule);
  for (;;) {
    const count = hidden.filter(Boolean).length;
    if (count !== 1 || totalHidden) break;
    const candidates = parts
      .map((value, index) => ({ value, index }))
      .filter(({ value, index }) => value > 0 && !hidden[index])
      .sort((a, b) => a.value - b.value);
    const next = candidates[0];
    if (next) hidden[next.index] = true;
    else totalHidden = true;
  }
  // A hidden total with exactly one non-zero visible part would give it away too.
  if (totalHidden) parts.forEach((value, index) => (hidden[index] ||= value > 0));
  return { total: totalHidden, parts: hidden };
}

/**
 * Applies suppression to a report's figures: each figure with its cells is a group, and each
 * sum indicator with its parts is another (a hidden part hides the sum or a sibling).
 */
export function suppressFigures(
  figures: readonly Figure[],
  sums: ReadonlyMap<string, readonly string[]>,
  ratios: ReadonlyMap<string, { numerator: string; denominator: string }>,
  rule: SuppressionRule,
): ShownFigure[] {
  const hidden = new Set<string>();
  const hiddenCells = new Map<string, Set<string>>();
  const byId = new Map(figures.map((f) => [f.id, f]));
  for (const figure of figures) {
    if (figure.value === null || ratios.has(figure.id)) continue;
    const cellEntries = Object.entries(figure.cells ?? {});
    const group = hiddenInGroup(
      figure.value,
      cellEntries.map(([, v]) => v),
      rule,
    );
    if (group.total) hidden.add(figure.id);
    hiddenCells.set(
      figure.id,
      new Set(cellEntries.filter((_, i) => group.parts[i]).map(([cell]) => cell)),
    );
  }
  // Sums and their parts, until stable (hiding a part can hide a sum that is a part elsewhere).
  for (let changed = true; changed;) {
    changed = false;
    for (const [sumId, partIds] of sums) {
      const sum = byId.get(sumId);
      const parts = partIds.map((id) => byId.get(id));
      if (sum?.value == null || parts.some((p) => p?.value == null)) continue;
      const alreadyHidden = partIds.filter((id) => hidden.has(id)).length;
      const hiddenSum = hidden.has(sumId);
      if (alreadyHidden === 1 && !hiddenSum) {
        const sibling = partIds
          .filter((id) => !hidden.has(id) && (byId.get(id)?.value ?? 0) > 0)
          .sort((a, b) => (byId.get(a)?.value ?? 0) - (byId.get(b)?.value ?? 0))[0];
        hidden.add(sibling ?? sumId);
        changed = true;
      } else if (hiddenSum) {
        const visible = partIds.filter((id) => !hidden.has(id) && (byId.get(id)?.value ?? 0) > 0);
        if (visible.length === 1 && alreadyHidden === 0) {
          hidden.add(visible[0] as string);
          changed = true;
        }
      }
    }
  }
  return figures.map((figure) => {
    const ratio = ratios.get(figure.id);
    const ratioHidden =
      ratio !== undefined &&
      [ratio.numerator, ratio.denominator].some(
        (id) => hidden.has(id) || isSmall(byId.get(id)?.value ?? 0, rule),
      );
    const isHidden = hidden.has(figure.id) || ratioHidden;
    const cells = figure.cells
      ? Object.fromEntries(
          Object.entries(figure.cells).map(([cell, value]) => [
            cell,
            isHidden || hiddenCells.get(figure.id)?.has(cell) ? rule.label : value,
          ]),
        )
      : undefined;
    const shownValue: Shown = figure.value === null ? null : isHidden ? rule.label : figure.value;
    return {
      id: figure.id,
      available: figure.available,
      value: shownValue,
      ...(cells ? { cells } : {}),
      suppressed: isHidden || (cells ? Object.values(cells).includes(rule.label) : false),
    };
  });
}

/** Shows every figure as it is (police and provincial leaders see exact counts). */
export function unsuppressed(figures: readonly Figure[]): ShownFigure[] {
  return figures.map((f) => ({
    id: f.id,
    available: f.available,
    value: f.value,
    ...(f.cells ? { cells: { ...f.cells } } : {}),
    suppressed: false,
  }));
}
