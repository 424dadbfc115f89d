// Calendar dates as plain `YYYY-MM-DD` strings. Legal terms and deadlines are counted in
// whole days, so we never carry a time or a zone: all arithmetic goes through a UTC day
// number, which has no daylight-saving gaps and no host-timezone dependence.

/** A calendar date in ISO form `YYYY-MM-DD` (no time, no zone). */
export type LocalDate = string;

/** The zone in which Vietnamese agencies count days. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Whether `year` is a Gregorian leap year (divisible by 4, except centuries not divisible by 400). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function partsOf(s: string): DateParts | undefined {
  const match = LOCAL_DATE_PATTERN.exec(s);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

function parts(date: LocalDate): DateParts {
  const p = partsOf(date);
  if (!p) throw new RangeError(`Invalid LocalDate "${date}": expected an existing YYYY-MM-DD date`);
  return p;
}

function format({ year, month, day }: DateParts): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Date.UTC maps years 0–99 to 1900–1999, so set the full year explicitly.
function toEpochDay({ year, month, day }: DateParts): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Whether `s` is a well-formed, existing calendar date (rejects 2025-02-29, accepts 2024-02-29). */
export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && partsOf(s) !== undefined;
}

/** Validates `s` as a LocalDate, throwing a RangeError that quotes the bad input. */
export function parseLocalDate(s: string): LocalDate {
  parts(s);
  return s;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it was a
// seventh of a registration's CPU), so each zone's formatter is built once.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of instant `date` as seen on a wall clock in `timeZone`. */
export function toLocalDate(date: Date, timeZone: string = VIETNAM_TIME_ZONE): LocalDate {
  const fields = dayFormatter(timeZone).formatToParts(date);
  const get = (type: string): number => Number(fields.find((f) => f.type === type)?.value);
  return format({ year: get('year'), month: get('month'), day: get('day') });
}

/** Today's date in `timeZone` (Vietnam by default); `now` is injectable for tests. */
export function todayIn(timeZone: string = VIETNAM_TIME_ZONE, now: Date = new Date()): LocalDate {
  return toLocalDate(now, timeZone);
}

/** `date` plus `n` calendar days (negative `n` goes back). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return fromEpochDay(toEpochDay(parts(date)) + n);
}

/**
 * `date` plus `n` months. A term of N months ends on the same day-number N months later,
 * clamped to that month's last day when it has no such day (Civil Code 2015 Art. 148):
 * 2025-08-31 + 6 months = 2026-02-28.
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + n;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return format({
    year: newYear,
    month: newMonth,
    day: Math.min(day, daysInMonth(newYear, newMonth)),
  });
}

/** `date` plus `n` years; 29 February lands on 28 February in a common year. */
export function addYears(date: LocalDate, n: number): LocalDate {
  return addMonths(date, n * 12);
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (usable as a sort comparator). */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(toEpochDay(parts(a)) - toEpochDay(parts(b)));
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(parts(to)) - toEpochDay(parts(from));
}

/** Whether `a` is strictly before `b`. */
export function isBefore(a: LocalDate, b: LocalDate): boolean {
  return compareDates(a, b) < 0;
}

/** Whether `a` is strictly after `b`. */
export function isAfter(a: LocalDate, b: LocalDate): boolean {
  return compareDates(a, b) > 0;
}

/** Whether `a` is on or before `b`. */
export function isOnOrBefore(a: LocalDate, b: LocalDate): boolean {
  return compareDates(a, b) <= 0;
}

/** Whether `a` is on or after `b`. */
export function isOnOrAfter(a: LocalDate, b: LocalDate): boolean {
  return compareDates(a, b) >= 0;
}

/** Whether `a` and `b` are the same day. */
export function isSameDate(a: LocalDate, b: LocalDate): boolean {
  return compareDates(a, b) === 0;
}

/** The latest of the given dates. */
export function maxDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((max, d) => (isAfter(d, max) ? d : max), parseLocalDate(first));
}

/** The earliest of the given dates. */
export function minDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((min, d) => (isBefore(d, min) ? d : min), parseLocalDate(first));
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  // Epoch day 0 (1970-01-01) was a Thursday.
  return (((toEpochDay(parts(date)) + 4) % 7) + 7) % 7;
}

/**
 * Age in completed years on `onDate`. Someone born on 29 February completes a year on
 * 1 March in common years, because the birthday has not yet passed on 28 February.
 */
export function ageOn(dateOfBirth: LocalDate, onDate: LocalDate): number {
  const birth = parts(dateOfBirth);
  const on = parts(onDate);
  if (isBefore(onDate, dateOfBirth)) {
    throw new RangeError(`ageOn: ${onDate} is before the date of birth ${dateOfBirth}`);
  }
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** The year part of `date`. */
export function yearOf(date: LocalDate): number {
  return parts(date).year;
}
