import { describe, it, expect } from 'vitest';
import { dayOfWeek } from '../dates/local-date.ts';
import { parseHolidayData, vietnamHolidays } from './holidays.ts';

const isWeekend = (d: string): boolean => [0, 6].includes(dayOfWeek(d));
const offDates = new Set(vietnamHolidays.daysOff.map((h) => h.date));

describe('vietnamHolidays data', () => {
  it('gives exactly 11 net weekday days off in every year 2022–2027 (Labour Code 2019 Art. 112, with Art. 111(3) compensatory days and swaps)', () => {
    for (let year = 2022; year <= 2027; year += 1) {
      const weekdaysOff = vietnamHolidays.daysOff.filter(
        (h) => h.date.startsWith(`${year}-`) && !isWeekend(h.date),
      ).length;
      const swapped = vietnamHolidays.swappedWorkingDays.filter((h) =>
        h.date.startsWith(`${year}-`),
      ).length;
      expect({ year, net: weekdaysOff - swapped }).toEqual({ year, net: 11 });
    }
  });

  it('lists swapped working days (làm bù) only on weekends and never on a day off', () => {
    for (const swap of vietnamHolidays.swappedWorkingDays) {
      expect(isWeekend(swap.date)).toBe(true);
      expect(offDates.has(swap.date)).toBe(false);
    }
  });

  it('holds the full Tết breaks of 2025 (25 Jan–2 Feb) and 2026 (14–22 Feb)', () => {
    for (const d of [
      '2025-01-25',
      '2025-01-29',
      '2025-02-02',
      '2026-02-14',
      '2026-02-17',
      '2026-02-22',
    ]) {
      expect(offDates.has(d)).toBe(true);
    }
    expect(offDates.has('2026-02-13')).toBe(false);
    expect(offDates.has('2026-02-23')).toBe(false);
  });

  it('gives every entry Vietnamese and English names and a legal or announcement reference', () => {
    for (const h of [...vietnamHolidays.daysOff, ...vietnamHolidays.swappedWorkingDays]) {
      expect(h.nameVi.length).toBeGreaterThan(0);
      expect(h.nameEn.length).toBeGreaterThan(0);
      expect(h.reference.length).toBeGreaterThan(0);
    }
    expect(vietnamHolidays.daysOff.find((h) => h.date === '2026-02-17')?.nameVi).toBe(
      'Tết Nguyên đán Bính Ngọ',
    );
  });

  it('flags the projected 2027 Tết break as unconfirmed until it is announced', () => {
    expect(vietnamHolidays.daysOff.find((h) => h.date === '2027-02-08')?.confirmed).toBe(false);
    expect(vietnamHolidays.daysOff.find((h) => h.date === '2026-02-17')?.confirmed).toBe(true);
  });
});

describe('parseHolidayData', () => {
  it('rejects a day off with an impossible date', () => {
    const file = {
      coverage: { from: '2025-01-01', to: '2025-12-31' },
      daysOff: [{ date: '2025-02-29', nameVi: 'x', nameEn: 'x', reference: 'x', confirmed: true }],
      swappedWorkingDays: [],
    };
    expect(() => parseHolidayData(file)).toThrow(/YYYY-MM-DD/);
  });
});
