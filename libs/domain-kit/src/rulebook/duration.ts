// Turning a rule's Duration into an end date. Periods start the day after the event
// (Civil Code 2015 Art. 147), so "5 days from 2026-03-02" ends on 2026-03-07; months and
// years end on the corresponding day, clamped to the month's end (Art. 148).
import { createWorkingDayCalendar } from '../calendar/working-days.ts';
import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { addDays, addMonths, addYears } from '../dates/local-date.ts';
import type { LocalDate } from '../dates/local-date.ts';
import type { Duration } from './values.ts';

let defaultCalendar: WorkingDayCalendar | undefined;

/** The last day of a period of `duration` counted from the event on `date`. */
export function applyDuration(
  date: LocalDate,
  duration: Duration,
  calendar: WorkingDayCalendar = (defaultCalendar ??= createWorkingDayCalendar()),
): LocalDate {
  const { unit, amount } = duration;
  switch (unit) {
    case 'years':
      return addYears(date, amount);
    case 'months':
      return addMonths(date, amount);
    case 'weeks':
      return addDays(date, amount * 7);
    case 'days':
      return addDays(date, amount);
    // Deadlines in hours (e.g. "within 24 hours") are tracked by day here: a part day counts
    // as a whole one, so the date never falls short of the hour limit.
    case 'hours':
      return addDays(date, Math.ceil(amount / 24));
    case 'workingDays':
      return calendar.addWorkingDays(date, amount);
  }
}
