import { describe, expect, it } from 'vitest';
import type { AgeBand } from './breakdowns.ts';
import {
  applySeriesChange,
  changesBetween,
  flowOver,
  stockOn,
  type CounterChanges,
  type SeriesChange,
} from './contributions.ts';
import { computeFigures, type IndicatorCatalogue, type IndicatorDefinition } from './indicators.ts';
import { boundsOf, parsePeriod } from './periods.ts';
import {
  endSpells,
  moveCase,
  noFacts,
  openSpell,
  recordOccurrence,
  withAttributes,
  withdrawOccurrence,
  type PersonFacts,
} from './person-facts.ts';

const bands: AgeBand[] = [
  { id: '<18', maxAge: 17 },
  { id: '18+', minAge: 18 },
];
const rollUp = (unit: string) => [unit, '99'];

/** Applies every change of a person's move to a store of series. */
function apply(store: Map<string, SeriesChange>, changes: CounterChanges) {
  for (const [key, change] of changes)
    store.set(key, applySeriesChange(store.get(key) ?? {}, change));
}
function move(store: Map<string, SeriesChange>, before: PersonFacts, after: PersonFacts) {
  apply(store, changesBetween(before, after, bands, rollUp));
  return after;
}

const adult = withAttributes(noFacts, {
  sex: 'male',
  dateOfBirth: '1990-05-01',
  ethnicity: 'kinh',
});

describe('read models: counts kept as day-by-day changes', () => {
  it('counts a management term on every day from its decision to its end, in the commune and the province', () => {
    const store = new Map<string, SeriesChange>();
    move(
      store,
      noFacts,
      openSpell(adult, 'management:d1', {
        fact: 'management-list',
        unitCode: '99001',
        from: '2026-01-10',
        to: '2027-01-09',
      }),
    );
    const commune = store.get('management-list|99001') ?? {};
    expect(stockOn(commune, '2026-01-09').total).toBeUndefined();
    expect(stockOn(commune, '2026-01-10')).toMatchObject({
      total: 1,
      'sex:male': 1,
      'ageBand:18+': 1,
    });
    expect(stockOn(commune, '2027-01-09').total).toBe(1);
    expect(stockOn(commune, '2027-01-10').total ?? 0).toBe(0);
    expect(stockOn(store.get('management-list|99') ?? {}, '2026-06-30').total).toBe(1);
  });

  it('ends a spell the day before the person leaves, and drops a spell that ends before it starts', () => {
    const on = openSpell(adult, 'management:d1', {
      fact: 'management-list',
      unitCode: '99001',
      from: '2026-01-10',
      to: '2027-01-09',
    });
    const stopped = endSpells(on, '2026-03-01', (key) => key.startsWith('management:'));
    expect(stopped.spells['management:d1']?.to).toBe('2026-02-28');
    const sameDay = endSpells(on, '2026-01-10', () => true);
    expect(sameDay.spells).toEqual({});
  });

  it('moves a person between cells when an attribute is corrected, without counting twice', () => {
    const store = new Map<string, SeriesChange>();
    const detected = recordOccurrence(adult, 'detection:x', {
      fact: 'drug-use-detected',
      unitCode: '99001',
      on: '2026-02-03',
    });
    move(store, noFacts, detected);
    move(store, detected, withAttributes(detected, { sex: 'female' }));
    const flow = flowOver(store.get('drug-use-detected|99001') ?? {}, '2026-01-01', '2026-03-31');
    expect(flow).toMatchObject({ total: 1, 'sex:female': 1 });
    expect(flow['sex:male']).toBeUndefined();
  });

  it('withdraws a flow when a conclusion is superseded', () => {
    const store = new Map<string, SeriesChange>();
    const addicted = recordOccurrence(adult, 'determination:1', {
      fact: 'determined-addicted',
      unitCode: '99001',
      on: '2026-02-03',
    });
    move(store, noFacts, addicted);
    move(store, addicted, withdrawOccurrence(addicted, 'determination:1'));
    expect(store.get('determined-addicted|99001')).toEqual({});
  });

  it('follows a compulsory case: admitted, suspended (same stock), absconded (leaves), returned', () => {
    const into = {
      fact: 'in-compulsory' as const,
      unitCode: '99002',
      modality: 'compulsory' as const,
    };
    let facts = moveCase(adult, 'c1', '2026-01-05', into);
    facts = moveCase(facts, 'c1', '2026-02-01', into);
    expect(Object.keys(facts.spells)).toEqual(['case:c1:2026-01-05']);
    facts = moveCase(facts, 'c1', '2026-03-01', undefined);
    facts = moveCase(facts, 'c1', '2026-03-20', into);
    const store = new Map<string, SeriesChange>();
    move(store, noFacts, facts);
    const series = store.get('in-compulsory|99002') ?? {};
    expect(stockOn(series, '2026-02-28').total).toBe(1);
    expect(stockOn(series, '2026-03-10').total ?? 0).toBe(0);
    expect(stockOn(series, '2026-03-31')).toMatchObject({ total: 1, 'modality:compulsory': 1 });
  });
});

describe('figures of a period', () => {
  const definition = (
    d: Partial<IndicatorDefinition> & Pick<IndicatorDefinition, 'id' | 'kind'>,
  ): IndicatorDefinition => ({
    name: { vi: d.id, en: d.id },
    definition: { vi: '', en: '', reference: 'test' },
    breakdowns: ['sex'],
    sources: ['treatment.case.v1'],
    table: { section: 'II', row: '1' },
    ...d,
  });
  const catalogue: IndicatorCatalogue = {
    ageBands: bands,
    dimensionValues: {
      sex: ['male', 'female'],
      ageBand: ['<18', '18+'],
      ethnicity: [],
      substance: [],
      modality: [],
    },
    activities: [],
    indicators: [
      definition({ id: 'new', kind: 'flow', fact: 'compulsory-executed' }),
      definition({ id: 'carried', kind: 'stock', at: 'start', fact: 'in-compulsory' }),
      definition({ id: 'total', kind: 'flow', sumOf: ['new', 'carried'] }),
      definition({
        id: 'share',
        kind: 'ratio',
        numerator: 'new',
        denominator: 'total',
        breakdowns: [],
      }),
      definition({
        id: 'mmt',
        kind: 'stock',
        fact: 'mmt-on-treatment',
        sources: ['methadone.treatment.v1'],
      }),
    ],
  };
  // Two persons carried over from 2025, one admitted in 2026Q1.
  const series: Record<string, SeriesChange> = {
    'in-compulsory': {
      '2025-11-02': { total: 2, 'sex:male': 2 },
      '2026-02-10': { total: 1, 'sex:female': 1 },
    },
    'compulsory-executed': {
      '2025-11-02': { total: 2, 'sex:male': 2 },
      '2026-02-10': { total: 1, 'sex:female': 1 },
    },
  };
  const figures = computeFigures(catalogue, {
    bounds: boundsOf(parsePeriod('2026Q1')),
    series: (fact) => series[fact] ?? {},
    consumedTopics: new Set(['treatment.case.v1']),
    breakdown: 'sex',
  });
  const byId = Object.fromEntries(figures.map((f) => [f.id, f]));

  it('adds new and carried over (Sơn Dương 2024: compulsory 62 = 20 new + 42 carried over)', () => {
    expect(byId.new).toMatchObject({ value: 1, cells: { male: 0, female: 1, unknown: 0 } });
    expect(byId.carried).toMatchObject({ value: 2, cells: { male: 2, female: 0 } });
    expect(byId.total).toMatchObject({ value: 3, cells: { male: 2, female: 1 } });
  });

  it('divides a ratio and reports a figure whose source is not consumed yet as unavailable', () => {
    expect(byId.share).toMatchObject({ value: 0.3333, numerator: 1, denominator: 3 });
    expect(byId.mmt).toEqual({ id: 'mmt', available: false, value: null });
  });
});

describe('user management stopped by an addicted conclusion (Law 73/2021 Art. 23(5)(a))', () => {
  const term = {
    fact: 'management-list' as const,
    unitCode: '99001',
    from: '2026-02-03',
    to: '2027-02-02',
  };
  const conclusion = { fact: 'determined-addicted' as const, on: '2026-02-20' };

  it('ends the term the day before the conclusion, whichever event came first', () => {
    const termFirst = recordOccurrence(
      openSpell(adult, 'management:d', term),
      'determination:1',
      conclusion,
    );
    const conclusionFirst = openSpell(
      recordOccurrence(adult, 'determination:1', conclusion),
      'management:d',
      term,
    );
    for (const facts of [termFirst, conclusionFirst]) {
      const store = new Map<string, SeriesChange>();
      move(store, noFacts, facts);
      const series = store.get('management-list|99001') ?? {};
      expect(stockOn(series, '2026-02-19').total).toBe(1);
      expect(stockOn(series, '2026-02-20').total ?? 0).toBe(0);
    }
  });

  it('leaves a later term alone', () => {
    const later = openSpell(
      recordOccurrence(adult, 'determination:1', conclusion),
      'management:e',
      {
        ...term,
        from: '2026-06-01',
        to: '2027-05-31',
      },
    );
    const store = new Map<string, SeriesChange>();
    move(store, noFacts, later);
    expect(stockOn(store.get('management-list|99001') ?? {}, '2026-07-01').total).toBe(1);
  });
});
