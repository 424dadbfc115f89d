import { describe, expect, it } from 'vitest';
import { boundsOf, dhis2PeriodId, dueDateOf, parsePeriod, previousPeriod } from './periods.ts';

describe('reporting periods', () => {
  it.each([
    ['2026M01', 'month', 1, 1],
    ['2026M12', 'month', 12, 12],
    ['2026Q1', 'quarter', 1, 3],
    ['2026Q4', 'quarter', 10, 12],
    ['2026S1', 'semester', 1, 6],
    ['2026S2', 'semester', 7, 12],
    ['2026', 'year', 1, 12],
  ])('parses %s as a %s of months %i-%i', (id, kind, first, last) => {
    expect(parsePeriod(id)).toMatchObject({ kind, year: 2026, firstMonth: first, lastMonth: last });
  });

  it.each(['2026M13', '2026M1', '2026Q5', '2026S3', '26', '2026W01', ''])(
    'refuses %j naming the field',
    (id) => {
      expect(() => parsePeriod(id)).toThrow(
        expect.objectContaining({ options: expect.objectContaining({ field: 'period' }) }),
      );
    },
  );

  it('covers calendar months by default, leap February included', () => {
    expect(boundsOf(parsePeriod('2028M02'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(boundsOf(parsePeriod('2026Q1'))).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(boundsOf(parsePeriod('2026S2'))).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(boundsOf(parsePeriod('2026'))).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('counts from the cut-off day of the previous month (Circular 05/2023/TT-BYT, 15th to 14th)', () => {
    expect(boundsOf(parsePeriod('2026Q1'), 15)).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(boundsOf(parsePeriod('2026M01'), 15)).toEqual({ from: '2025-12-15', to: '2026-01-14' });
    expect(boundsOf(parsePeriod('2026'), 15)).toEqual({ from: '2025-12-15', to: '2026-12-14' });
  });

  it('takes the period before, across a year end', () => {
    expect(previousPeriod(parsePeriod('2026Q1')).id).toBe('2025Q4');
    expect(previousPeriod(parsePeriod('2026M01')).id).toBe('2025M12');
    expect(previousPeriod(parsePeriod('2026M10')).id).toBe('2026M09');
    expect(previousPeriod(parsePeriod('2026S2')).id).toBe('2026S1');
    expect(previousPeriod(parsePeriod('2026')).id).toBe('2025');
  });

  it('computes due dates from the plan rule (Buôn Ma Thuột 2024: quarterly by the 15th of the last month, 6-monthly by 20/5, yearly by 15/11)', () => {
    expect(dueDateOf(parsePeriod('2026Q1'), '+0/15')).toBe('2026-03-15');
    expect(dueDateOf(parsePeriod('2026S1'), '-1/20')).toBe('2026-05-20');
    expect(dueDateOf(parsePeriod('2026'), '-1/15')).toBe('2026-11-15');
    expect(dueDateOf(parsePeriod('2026M12'), '+1/05')).toBe('2027-01-05');
    expect(() => dueDateOf(parsePeriod('2026'), '15/11')).toThrow(/month offset/);
  });

  it('names periods as DHIS2 does (202601, 2026Q1, 2026S1, 2026)', () => {
    expect(
      ['2026M01', '2026Q1', '2026S1', '2026'].map((id) => dhis2PeriodId(parsePeriod(id))),
    ).toEqual(['202601', '2026Q1', '2026S1', '2026']);
  });
});
