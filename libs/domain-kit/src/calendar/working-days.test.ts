import { describe, it, expect } from 'vitest';
import { parseHolidayData } from './holidays.ts';
import { CalendarNotCoveredError, createWorkingDayCalendar } from './working-days.ts';

const calendar = createWorkingDayCalendar();

describe('addWorkingDays (period starts the day after the event, Civil Code 2015 Art. 147)', () => {
  it('counts 5 working days from a Friday to the next Friday, skipping the weekend', () => {
    expect(calendar.addWorkingDays('2025-03-07', 5)).toBe('2025-03-14');
  });

  it('counts 5 working days across the Tết 2026 break (14–22 Feb): notified 2026-02-12 → 2026-02-26 (Labour Code 2019 Art. 112)', () => {
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('skips 30/4, 1/5 and the swapped Friday 2/5 in 2025: from 2025-04-28, 5 working days end 2025-05-08', () => {
    expect(calendar.addWorkingDays('2025-04-28', 5)).toBe('2025-05-08');
  });

  it('skips National Day 2/9 and the adjacent 1/9 in 2025 (Labour Code 2019 Art. 112.1.e)', () => {
    expect(calendar.addWorkingDays('2025-08-28', 3)).toBe('2025-09-04');
  });

  it('counts a swapped Saturday (làm bù 26/4/2025) as a working day', () => {
    expect(calendar.addWorkingDays('2025-04-24', 2)).toBe('2025-04-26');
  });

  it('returns the same day for 0 working days and refuses negative or fractional counts', () => {
    expect(calendar.addWorkingDays('2026-03-04', 0)).toBe('2026-03-04');
    expect(() => calendar.addWorkingDays('2026-03-04', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-04', 1.5)).toThrow(RangeError);
  });

  it('throws CalendarNotCoveredError when the deadline would run past the last covered year (2027)', () => {
    expect(() => calendar.addWorkingDays('2027-12-28', 5)).toThrow(CalendarNotCoveredError);
    expect(() => calendar.addWorkingDays('2027-12-28', 5)).toThrow(/2028-01-01/);
  });

  it('throws CalendarNotCoveredError for a date before the data starts', () => {
    expect(() => calendar.isWorkingDay('2021-12-31')).toThrow(CalendarNotCoveredError);
  });
});

describe('isWorkingDay', () => {
  it('treats weekends and listed days off as non-working, swapped Saturdays as working', () => {
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-09-01')).toBe(false); // adjacent National Day
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false); // Monday swapped away
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true); // Saturday worked in exchange
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-04')).toBe(true);
  });

  it('names the holiday on a day off', () => {
    expect(calendar.holidayOn('2025-09-02')?.nameEn).toMatch(/National Day/);
    expect(calendar.holidayOn('2025-09-03')).toBeUndefined();
  });
});

describe('workingDaysBetween / nextWorkingDay', () => {
  it('counts working days after a up to and including b, the inverse of addWorkingDays', () => {
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
    expect(calendar.workingDaysBetween('2026-02-26', '2026-02-12')).toBe(-5);
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-12')).toBe(0);
  });

  it('finds the first working day after Tết 2026 and keeps a working day as is for on-or-after', () => {
    expect(calendar.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(calendar.workingDayOnOrAfter('2026-02-22')).toBe('2026-02-23');
    expect(calendar.workingDayOnOrAfter('2026-02-23')).toBe('2026-02-23');
  });
});

describe('createWorkingDayCalendar with custom data', () => {
  it('uses the given holidays and coverage instead of the Vietnamese defaults', () => {
    const custom = createWorkingDayCalendar(
      parseHolidayData({
        coverage: { from: '2030-01-01', to: '2030-12-31' },
        daysOff: [
          { date: '2030-01-02', nameVi: 'Nghỉ', nameEn: 'Off', reference: 'test', confirmed: true },
        ],
        swappedWorkingDays: [],
      }),
    );
    expect(custom.addWorkingDays('2030-01-01', 1)).toBe('2030-01-03');
    expect(() => custom.isWorkingDay('2026-03-04')).toThrow(CalendarNotCoveredError);
  });
});
