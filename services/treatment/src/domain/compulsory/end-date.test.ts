import { describe, expect, it } from 'vitest';
import { computeTermEnd, daysWithin, halfTermServed, type TermFacts } from './end-date.ts';

const facts = (overrides: Partial<TermFacts> = {}): TermFacts => ({
  admittedOn: '2025-08-31',
  termMonths: 12,
  interimFacilityDays: 0,
  absences: [],
  suspensions: [],
  suspensionCountsTowardTerm: true,
  reductionMonths: 0,
  ...overrides,
});

describe('compulsory term end date (Civil Code 2015 Art. 148; Decree 116/2021 Art. 58)', () => {
  it('ends a 12-month term from 31 August on 31 August of the next year', () => {
    expect(computeTermEnd(facts(), '2025-09-01').endsOn).toBe('2026-08-31');
  });

  it('clamps a 6-month term from 31 August to the last day of February', () => {
    expect(computeTermEnd(facts({ termMonths: 6 }), '2025-09-01').endsOn).toBe('2026-02-28');
  });

  it('adds 10 days absconded and takes off a 2-month reduction: 31 Aug + 12 months → 10 July', () => {
    const end = computeTermEnd(
      facts({ absences: [{ from: '2025-11-03', to: '2025-11-13' }], reductionMonths: 2 }),
      '2026-03-01',
    );
    expect(end).toMatchObject({
      nominalEndsOn: '2026-08-31',
      endsOn: '2026-07-10',
      daysAbsent: 10,
      provisional: false,
    });
  });

  it('counts days at a facility under interim management toward the term (Law 73/2021 Art. 35)', () => {
    const end = computeTermEnd(
      facts({ admittedOn: '2025-09-10', interimFacilityDays: 10 }),
      '2025-09-10',
    );
    expect(end.startsOn).toBe('2025-08-31');
    expect(end.endsOn).toBe('2026-08-31');
  });

  it('keeps moving the end while an absence is open, and marks it provisional', () => {
    const end = computeTermEnd(facts({ absences: [{ from: '2025-12-01' }] }), '2025-12-06');
    expect(end).toMatchObject({ endsOn: '2026-09-05', daysAbsent: 5, provisional: true });
  });

  it('counts a hospital suspension toward the term when the rule says so, else adds its days', () => {
    const hospital = [{ from: '2026-01-05', to: '2026-01-25' }];
    expect(computeTermEnd(facts({ suspensions: hospital }), '2026-02-01').endsOn).toBe(
      '2026-08-31',
    );
    const added = computeTermEnd(
      facts({ suspensions: hospital, suspensionCountsTowardTerm: false }),
      '2026-02-01',
    );
    expect(added).toMatchObject({ endsOn: '2026-09-20', daysSuspendedAdded: 20 });
  });

  it('counts only the part of a period before the date asked', () => {
    expect(daysWithin([{ from: '2026-01-01', to: '2026-01-31' }], '2026-01-11')).toBe(10);
    expect(daysWithin([{ from: '2026-02-01' }], '2026-01-11')).toBe(0);
  });

  it('reaches half the term later by the days absconded (Decree 116/2021 Art. 58)', () => {
    expect(halfTermServed(facts(), '2026-03-02')).toEqual({
      served: true,
      halfwayOn: '2026-03-02',
    });
    expect(halfTermServed(facts(), '2026-03-01').served).toBe(false);
    const absent = facts({ absences: [{ from: '2025-10-01', to: '2025-10-11' }] });
    expect(halfTermServed(absent, '2026-03-02')).toEqual({
      served: false,
      halfwayOn: '2026-03-12',
    });
  });
});
