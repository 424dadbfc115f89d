// The indicator catalogue (danh mục chỉ tiêu) as the rules see it, and how a figure is
// computed from the read models: a stock on the period's last day (or the day before its
// first, for "carried over"), a flow over its days, a sum of other indicators, or a ratio.
import { addDays } from '@rehab/domain-kit';
import { TOTAL, UNKNOWN, type AgeBand, type Dimension } from './breakdowns.ts';
import { flowOver, stockOn, type SeriesChange } from './contributions.ts';
import type { Fact } from './facts.ts';
import type { PeriodBounds } from './periods.ts';

export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}

/** One entry of indicators.yaml. */
export interface IndicatorDefinition {
  readonly id: string;
  readonly name: LocalizedText;
  readonly definition: LocalizedText & { readonly reference: string };
  readonly kind: 'stock' | 'flow' | 'ratio';
  /** The counted fact (stock and flow indicators that are not sums). */
  readonly fact?: Fact;
  /** A stock at the period's end (default) or carried over from before its start. */
  readonly at?: 'start' | 'end';
  /** A total of other indicators (e.g. compulsory = new + carried over). */
  readonly sumOf?: readonly string[];
  readonly numerator?: string;
  readonly denominator?: string;
  readonly breakdowns: readonly Dimension[];
  /** Topics whose events the figure needs; unavailable until all are consumed. */
  readonly sources: readonly string[];
  /** Where the figure sits in the official table. */
  readonly table: { readonly section: string; readonly row: string };
}

/** One manual activity (a number a commune enters: campaigns, trainings, models). */
export interface ActivityDefinition {
  readonly id: string;
  readonly name: LocalizedText;
  readonly definition: LocalizedText & { readonly reference: string };
  readonly unit: 'count' | 'share';
}

export interface IndicatorCatalogue {
  readonly ageBands: readonly AgeBand[];
  readonly dimensionValues: Readonly<Record<Dimension, readonly string[]>>;
  readonly indicators: readonly IndicatorDefinition[];
  readonly activities: readonly ActivityDefinition[];
}

/** A computed figure before suppression. `value` is null when it cannot be computed. */
export interface Figure {
  readonly id: string;
  readonly available: boolean;
  readonly value: number | null;
  /** By dimension value, when a breakdown was asked and the indicator allows it. */
  readonly cells?: Readonly<Record<string, number>>;
  readonly numerator?: number;
  readonly denominator?: number;
}

export interface FigureInputs {
  readonly bounds: PeriodBounds;
  readonly series: (fact: Fact) => SeriesChange;
  readonly consumedTopics: ReadonlySet<string>;
  readonly breakdown?: Dimension;
}

/** Every indicator's figure for one unit and period. */
export function computeFigures(catalogue: IndicatorCatalogue, inputs: FigureInputs): Figure[] {
  const byId = new Map(catalogue.indicators.map((d) => [d.id, d]));
  const done = new Map<string, Figure>();
  const figureOf = (id: string): Figure => {
    const known = done.get(id);
    if (known) return known;
    const definition = byId.get(id);
    if (!definition) throw new Error(`indicator ${id} names unknown indicator`);
    const figure = compute(definition);
    done.set(id, figure);
    return figure;
  };
  const compute = (d: IndicatorDefinition): Figure => {
    const available = d.sources.every((topic) => inputs.consumedTopics.has(topic));
    if (!available) return { id: d.id, available, value: null };
    if (d.kind === 'ratio') {
      const numerator = figureOf(d.numerator ?? '').value ?? 0;
      const denominator = figureOf(d.denominator ?? '').value ?? 0;
      const value = denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
      return { id: d.id, available, value, numerator, denominator };
    }
    const counts = countsOf(d);
    const cells =
      inputs.breakdown && d.breakdowns.includes(inputs.breakdown)
        ? cellsFor(counts, inputs.breakdown, catalogue.dimensionValues[inputs.breakdown])
        : undefined;
    return { id: d.id, available, value: counts[TOTAL] ?? 0, ...(cells ? { cells } : {}) };
  };
  // Sums need their parts' raw cells, whatever breakdown was asked.
  const raw = new Map<string, Record<string, number>>();
  const countsOf = (d: IndicatorDefinition): Record<string, number> => {
    const cached = raw.get(d.id);
    if (cached) return cached;
    const series = inputs.series(d.fact as Fact);
    const counts = d.sumOf
      ? sumCells(d.sumOf.map(figureCells))
      : d.kind === 'flow'
        ? flowOver(series, inputs.bounds.from, inputs.bounds.to)
        : stockOn(series, d.at === 'start' ? addDays(inputs.bounds.from, -1) : inputs.bounds.to);
    raw.set(d.id, counts);
    return counts;
  };
  const figureCells = (id: string): Record<string, number> => {
    const definition = byId.get(id);
    if (!definition) throw new Error(`indicator sum names unknown indicator ${id}`);
    return countsOf(definition);
  };
  return catalogue.indicators.map((d) => figureOf(d.id));
}

function sumCells(parts: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const part of parts)
    for (const [cell, value] of Object.entries(part)) total[cell] = (total[cell] ?? 0) + value;
  return total;
}

/** The cells of one dimension, every declared value and "unknown" present, adding up to the total. */
function cellsFor(
  counts: Record<string, number>,
  dimension: Dimension,
  values: readonly string[],
): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const value of [...values, UNKNOWN]) cells[value] = counts[`${dimension}:${value}`] ?? 0;
  return cells;
}
