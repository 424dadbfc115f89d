import { describe, it, expect } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  compareDates,
  dayOfWeek,
  daysBetween,
  isAfter,
  isBefore,
  isLocalDate,
  isOnOrAfter,
  isOnOrBefore,
  maxDate,
  minDate,
  parseLocalDate,
  toLocalDate,
  todayIn,
} from './local-date.ts';

describe('isLocalDate', () => {
  it('accepts 29 February only in leap years (divisible by 4, centuries by 400)', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
  });

  it('rejects impossible days, months and non-padded or timed forms', () => {
    for (const bad of [
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-1-01',
      '2025-01-01T00:00',
      '',
      20250101,
    ]) {
      expect(isLocalDate(bad)).toBe(false);
    }
  });
});

describe('parseLocalDate', () => {
  it('returns a valid date unchanged and quotes an invalid one in the error', () => {
    expect(parseLocalDate('2026-07-01')).toBe('2026-07-01');
    expect(() => parseLocalDate('2026-02-30')).toThrow(/"2026-02-30"/);
  });
});

describe('toLocalDate / todayIn', () => {
  it('reads the date on a Vietnam wall clock (UTC+7), not in UTC', () => {
    const lateUtc = new Date('2026-02-16T18:30:00Z'); // 01:30 on 17 Feb in Hanoi
    expect(toLocalDate(lateUtc)).toBe('2026-02-17');
    expect(toLocalDate(lateUtc, 'UTC')).toBe('2026-02-16');
    expect(todayIn(undefined, lateUtc)).toBe('2026-02-17');
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('addMonths', () => {
  it('clamps to the last day of a shorter month (Civil Code 2015 Art. 148): 2025-08-31 + 6 months = 2026-02-28', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
  });

  it('keeps the same day-number when it exists, also going backwards', () => {
    expect(addMonths('2025-03-15', 12)).toBe('2026-03-15');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
  });
});

describe('addYears', () => {
  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('comparisons', () => {
  it('orders dates and counts calendar days between them', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(daysBetween('2026-02-14', '2026-02-22')).toBe(8);
    expect(daysBetween('2026-02-22', '2026-02-14')).toBe(-8);
    expect(isBefore('2025-06-30', '2025-07-01')).toBe(true);
    expect(isAfter('2025-06-30', '2025-07-01')).toBe(false);
    expect(isOnOrBefore('2025-07-01', '2025-07-01')).toBe(true);
    expect(isOnOrAfter('2025-07-01', '2025-07-01')).toBe(true);
    expect(maxDate('2025-03-01', '2026-07-01', '2022-01-01')).toBe('2026-07-01');
    expect(minDate('2025-03-01', '2026-07-01', '2022-01-01')).toBe('2022-01-01');
  });

  it('knows the day of the week (2026-02-17, first day of Tết Bính Ngọ, is a Tuesday)', () => {
    expect(dayOfWeek('2026-02-17')).toBe(2);
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });
});

describe('ageOn', () => {
  it('counts completed years, turning a year older on the birthday itself', () => {
    expect(ageOn('2008-05-10', '2026-05-09')).toBe(17);
    expect(ageOn('2008-05-10', '2026-05-10')).toBe(18);
  });

  it('makes someone born on 29 February a year older on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('refuses a date before the date of birth', () => {
    expect(() => ageOn('2008-05-10', '2008-05-09')).toThrow(RangeError);
  });
});
