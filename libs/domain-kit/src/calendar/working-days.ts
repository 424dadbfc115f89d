// Working-day arithmetic for deadlines set "in N working days". Counting starts on the day
// after the triggering event (Civil Code 2015 Art. 147), weekends are Saturday and Sunday
// unless swapped, and holidays come from data that covers a known range of dates only.
import { addDays, compareDates, dayOfWeek, isAfter, isBefore } from '../dates/local-date.ts';
import type { LocalDate } from '../dates/local-date.ts';
import { vietnamHolidays } from './holidays.ts';
import type { Holiday, HolidayData } from './holidays.ts';

/** Thrown when a computation needs a date outside the holiday data's coverage. */
export class CalendarNotCoveredError extends Error {
  override readonly name = 'CalendarNotCoveredError';
  readonly date: LocalDate;
  readonly coverage: { readonly from: LocalDate; readonly to: LocalDate };

  constructor(date: LocalDate, coverage: { from: LocalDate; to: LocalDate }) {
    super(
      `The working-day calendar has no holiday data for ${date} (covered: ${coverage.from} to ${coverage.to}); ` +
        'add that year to the holiday data before computing deadlines that reach it',
    );
    this.date = date;
    this.coverage = coverage;
  }
}

/** A working-day calendar over a fixed set of holidays. */
export interface WorkingDayCalendar {
  readonly coverage: { readonly from: LocalDate; readonly to: LocalDate };
  /** Whether `date` is a working day; throws CalendarNotCoveredError outside coverage. */
  isWorkingDay(date: LocalDate): boolean;
  /** The day off on `date`, if it is a listed holiday. */
  holidayOn(date: LocalDate): Holiday | undefined;
  /** The `n`th working day after `date` (the deadline of "n working days from `date`"). */
  addWorkingDays(date: LocalDate, n: number): LocalDate;
  /** Working days in (a, b]: after `a` up to and including `b`; negative if `b` is before `a`. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** `date` itself if it is a working day, else the next one (Civil Code 2015 Art. 148(5)). */
  workingDayOnOrAfter(date: LocalDate): LocalDate;
}

/** Builds a working-day calendar; defaults to Vietnamese civil-service holidays. */
export function createWorkingDayCalendar(
  holidays: HolidayData = vietnamHolidays,
): WorkingDayCalendar {
  const daysOff = new Map(holidays.daysOff.map((h) => [h.date, h]));
  const swapped = new Set(holidays.swappedWorkingDays.map((h) => h.date));
  const { coverage } = holidays;

  const assertCovered = (date: LocalDate): void => {
    if (isBefore(date, coverage.from) || isAfter(date, coverage.to)) {
      throw new CalendarNotCoveredError(date, coverage);
    }
  };

  const isWorkingDay = (date: LocalDate): boolean => {
    assertCovered(date);
    if (daysOff.has(date)) return false;
    if (swapped.has(date)) return true;
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6;
  };

  const addWorkingDays = (date: LocalDate, n: number): LocalDate => {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
    }
    let current = date;
    for (let counted = 0; counted < n;) {
      current = addDays(current, 1);
      if (isWorkingDay(current)) counted += 1;
    }
    return current;
  };

  const workingDaysBetween = (a: LocalDate, b: LocalDate): number => {
    const order = compareDates(a, b);
    if (order > 0) return -workingDaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); compareDates(d, b) <= 0; d = addDays(d, 1)) {
      if (isWorkingDay(d)) count += 1;
    }
    return count;
  };

  const nextWorkingDay = (date: LocalDate): LocalDate => addWorkingDays(date, 1);

  return {
    coverage,
    isWorkingDay,
    holidayOn: (date) => daysOff.get(date),
    addWorkingDays,
    workingDaysBetween,
    nextWorkingDay,
    workingDayOnOrAfter: (date) => (isWorkingDay(date) ? date : nextWorkingDay(date)),
  };
}
