// What a person adds to the counters: +1 to each cell on the day a spell starts and -1 on
// the day after it ends (so a stock on a day is the sum of its changes up to that day), and
// +1 on the day of each flow. Counters change by the difference between two states.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import { cellsOf, type AgeBand } from './breakdowns.ts';
import type { Fact } from './facts.ts';
import type { PersonFacts, Spell } from './person-facts.ts';

/** Changes to one series (a fact in a unit): day → cell → change. */
export type SeriesChange = Record<LocalDate, Record<string, number>>;

/** Changes to every series, keyed `<fact>|<unitCode>`. */
export type CounterChanges = Map<string, SeriesChange>;

export const seriesKey = (fact: Fact, unitCode: string): string => `${fact}|${unitCode}`;

function add(changes: CounterChanges, key: string, day: LocalDate, cells: string[], delta: number) {
  const series = changes.get(key) ?? {};
  const cellsOfDay = (series[day] ??= {});
  for (const cell of cells) cellsOfDay[cell] = (cellsOfDay[cell] ?? 0) + delta;
  changes.set(key, series);
}

/**
 * The spells as they count. User management stops on the day the person is determined
 * addicted (Law 73/2021 Art. 23(5)(a)), which the registry applies without an event of its
 * own: a conclusion inside a management term ends it the day before, whichever of the two
 * events arrived first (they come on different topics).
 */
export function effectiveSpells(facts: PersonFacts): Spell[] {
  const addictedOn = Object.values(facts.occurrences)
    .filter((o) => o.fact === 'determined-addicted')
    .map((o) => o.on)
    .sort();
  const spells: Spell[] = [];
  for (const spell of Object.values(facts.spells)) {
    if (spell.fact !== 'management-list') {
      spells.push(spell);
      continue;
    }
    const stop = addictedOn.find((on) => on >= spell.from && (!spell.to || on <= spell.to));
    if (!stop) spells.push(spell);
    else if (stop > spell.from) spells.push({ ...spell, to: addDays(stop, -1) });
  }
  return spells;
}

/** Every change the person's facts make, each added to the unit and the units above it. */
export function contributionsOf(
  facts: PersonFacts,
  bands: readonly AgeBand[],
  rollUp: (unitCode: string) => readonly string[],
  sign = 1,
  into: CounterChanges = new Map(),
): CounterChanges {
  // A fact counted at the person's residence waits until the residence is known.
  const unitOf = (unitCode: string | undefined) => unitCode ?? facts.attributes.residenceUnitCode;
  for (const spell of effectiveSpells(facts)) {
    const cells = cellsOf(facts.attributes, spell.from, spell.modality, bands);
    const unitCode = unitOf(spell.unitCode);
    for (const unit of unitCode ? rollUp(unitCode) : []) {
      add(into, seriesKey(spell.fact, unit), spell.from, cells, sign);
      if (spell.to) add(into, seriesKey(spell.fact, unit), addDays(spell.to, 1), cells, -sign);
    }
  }
  for (const occurrence of Object.values(facts.occurrences)) {
    const cells = cellsOf(facts.attributes, occurrence.on, occurrence.modality, bands);
    const unitCode = unitOf(occurrence.unitCode);
    for (const unit of unitCode ? rollUp(unitCode) : [])
      add(into, seriesKey(occurrence.fact, unit), occurrence.on, cells, sign);
  }
  return into;
}

/** What moving from `before` to `after` changes, without the zeros. */
export function changesBetween(
  before: PersonFacts,
  after: PersonFacts,
  bands: readonly AgeBand[],
  rollUp: (unitCode: string) => readonly string[],
): CounterChanges {
  const all = contributionsOf(after, bands, rollUp, 1, contributionsOf(before, bands, rollUp, -1));
  const changes: CounterChanges = new Map();
  for (const [key, series] of all) {
    for (const [day, cells] of Object.entries(series)) {
      for (const [cell, delta] of Object.entries(cells)) {
        if (delta !== 0) {
          const kept = changes.get(key) ?? {};
          (kept[day] ??= {})[cell] = delta;
          changes.set(key, kept);
        }
      }
    }
  }
  return changes;
}

/** Adds changes into a stored series, dropping cells and days that come back to zero. */
export function applySeriesChange(series: SeriesChange, change: SeriesChange): SeriesChange {
  const days = new Map(Object.entries(series));
  for (const [day, cells] of Object.entries(change)) {
    const merged = new Map(Object.entries(days.get(day) ?? {}));
    for (const [cell, delta] of Object.entries(cells)) {
      const value = (merged.get(cell) ?? 0) + delta;
      if (value === 0) merged.delete(cell);
      else merged.set(cell, value);
    }
    if (merged.size) days.set(day, Object.fromEntries(merged));
    else days.delete(day);
  }
  return Object.fromEntries(days);
}

/**
 * Adds changes into a series in place (the rebuild's in-memory generation, where copying a
 * province's series per event would cost more than the event): zeros are dropped too.
 */
export function addSeriesChangeInPlace(
  series: Map<string, Map<string, number>>,
  change: SeriesChange,
): void {
  for (const [day, cells] of Object.entries(change)) {
    const merged = series.get(day) ?? new Map<string, number>();
    for (const [cell, delta] of Object.entries(cells)) {
      const value = (merged.get(cell) ?? 0) + delta;
      if (value === 0) merged.delete(cell);
      else merged.set(cell, value);
    }
    if (merged.size) series.set(day, merged);
    else series.delete(day);
  }
}

/** The plain form of a series built in place. */
export function seriesOf(series: Map<string, Map<string, number>>): SeriesChange {
  return Object.fromEntries([...series].map(([day, cells]) => [day, Object.fromEntries(cells)]));
}

/** The stock on a day, by cell: every change up to and including it. */
export function stockOn(series: SeriesChange, day: LocalDate): Record<string, number> {
  return sumDays(series, (d) => d <= day);
}

/** The flow over days `from` to `to` (inclusive), by cell. */
export function flowOver(
  series: SeriesChange,
  from: LocalDate,
  to: LocalDate,
): Record<string, number> {
  return sumDays(series, (d) => from <= d && d <= to);
}

function sumDays(
  series: SeriesChange,
  include: (day: LocalDate) => boolean,
): Record<string, number> {
  const total: Record<string, number> = {};
  for (const [day, cells] of Object.entries(series)) {
    if (!include(day)) continue;
    for (const [cell, value] of Object.entries(cells)) total[cell] = (total[cell] ?? 0) + value;
  }
  return total;
}
