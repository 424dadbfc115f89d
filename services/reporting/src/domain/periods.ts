// Reporting periods (kỳ báo cáo): months, quarters, half-years and years, named as the
// issue and DHIS2 name them. Boundaries are calendar months unless the rulebook gives a
// cut-off day: Circular 05/2023/TT-BYT may count a month from the 15th of the previous
// month to the 14th, so "2026Q1" then runs from 2025-12-15 to 2026-03-14.
import { addDays, addMonths, daysInMonth, InputError, type LocalDate } from '@rehab/domain-kit';
import { reportingErrors } from './errors.ts';

export type PeriodKind = 'month' | 'quarter' | 'semester' | 'year';

/** A reporting period by its id, e.g. `2026M03`, `2026Q1`, `2026S2`, `2026`. */
export interface Period {
  readonly id: string;
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1-based index of the month, quarter or half-year; 1 for a year. */
  readonly index: number;
  /** First and last calendar month (1-12) the period names. */
  readonly firstMonth: number;
  readonly lastMonth: number;
}

/** The days a period covers, both inclusive. */
export interface PeriodBounds {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

const PATTERN = /^(\d{4})(?:M(0[1-9]|1[0-2])|Q([1-4])|S([12]))?$/;
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, semester: 6, year: 12 };

/** Parses a period id; 400 naming the field when it is not one. */
export function parsePeriod(id: string, field = 'period'): Period {
  const match = PATTERN.exec(id);
  if (!match) throw new InputError(reportingErrors.invalidPeriod, { field, params: { value: id } });
  const year = Number(match[1]);
  const [kind, index]: [PeriodKind, number] = match[2]
    ? ['month', Number(match[2])]
    : match[3]
      ? ['quarter', Number(match[3])]
      : match[4]
        ? ['semester', Number(match[4])]
        : ['year', 1];
  const span = MONTHS_PER[kind];
  const firstMonth = (index - 1) * span + 1;
  return { id, kind, year, index, firstMonth, lastMonth: firstMonth + span - 1 };
}

/** True when the text is a period id. */
export function isPeriodId(id: string): boolean {
  return PATTERN.test(id);
}

const isoDay = (year: number, month: number, day: number): LocalDate =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The days a period covers. `cutoffDay` 0 means calendar months; a day d (2-28) starts each
 * month on day d of the previous month and ends it on day d-1.
 */
export function boundsOf(period: Period, cutoffDay = 0): PeriodBounds {
  const first = isoDay(period.year, period.firstMonth, 1);
  const last = isoDay(period.year, period.lastMonth, daysInMonth(period.year, period.lastMonth));
  if (!cutoffDay || cutoffDay === 1) return { from: first, to: last };
  const from = addMonths(isoDay(period.year, period.firstMonth, cutoffDay), -1);
  const to = addDays(isoDay(period.year, period.lastMonth, cutoffDay), -1);
  return { from, to };
}

/** The period of the same kind just before this one (for "carried over" stocks). */
export function previousPeriod(period: Period): Period {
  if (period.kind === 'year') return parsePeriod(String(period.year - 1));
  const perYear = 12 / MONTHS_PER[period.kind];
  const index = period.index === 1 ? perYear : period.index - 1;
  const year = period.index === 1 ? period.year - 1 : period.year;
  const letter = { month: 'M', quarter: 'Q', semester: 'S' }[period.kind];
  const suffix = period.kind === 'month' ? String(index).padStart(2, '0') : String(index);
  return parsePeriod(`${year}${letter}${suffix}`);
}

/** The period of a kind containing a calendar month (for listing what a date falls in). */
export function periodsOfMonth(year: number, month: number): Period[] {
  return [
    parsePeriod(`${year}M${String(month).padStart(2, '0')}`),
    parsePeriod(`${year}Q${Math.ceil(month / 3)}`),
    parsePeriod(`${year}S${month <= 6 ? 1 : 2}`),
    parsePeriod(String(year)),
  ];
}

const DUE_RULE = /^([+-]\d{1,2})\/(\d{1,2})$/;

/**
 * A report's due date from a rulebook rule `"<offset>/<day>"`: day `day` of the month `offset`
 * months after the period's last month. Buôn Ma Thuột 2024: quarterly "+0/15" (the 15th of
 * the quarter's last month), 6-monthly "-1/20" (20 May), yearly "-1/15" (15 November).
 */
export function dueDateOf(period: Period, rule: string): LocalDate {
  const match = DUE_RULE.exec(rule);
  const day = Number(match?.[2] ?? 0);
  if (!match || day < 1 || day > 28)
    throw new InputError(reportingErrors.invalidDueRule, { params: { value: rule } });
  const month = addMonths(isoDay(period.year, period.lastMonth, 1), Number(match[1]));
  return `${month.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/** DHIS2's period id: `202601`, `2026Q1`, `2026S1`, `2026`. */
export function dhis2PeriodId(period: Period): string {
  if (period.kind === 'month') return `${period.year}${String(period.index).padStart(2, '0')}`;
  return period.id;
}
