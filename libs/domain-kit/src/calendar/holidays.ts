// Vietnamese public holidays live in vietnam-holidays.json as data, because they change
// every year by announcement; this module validates the file and expands each break
// (`date` … `through`) into one entry per day so lookups are a single map access.
import { z } from 'zod';
import { addDays, compareDates, isLocalDate, isOnOrBefore } from '../dates/local-date.ts';
import type { LocalDate } from '../dates/local-date.ts';
import rawHolidays from './vietnam-holidays.json' with { type: 'json' };

/** One calendar day off (or swapped working day), with its name and legal basis. */
export interface Holiday {
  readonly date: LocalDate;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly reference: string;
  /** False when no official announcement could be verified for this day. */
  readonly confirmed: boolean;
  readonly source?: string;
}

/** The data a working-day calendar is built from. */
export interface HolidayData {
  /** Inclusive range of dates for which the data is complete. */
  readonly coverage: { readonly from: LocalDate; readonly to: LocalDate };
  readonly daysOff: readonly Holiday[];
  /** Saturdays (or Sundays) that are working days because of a swap (làm bù). */
  readonly swappedWorkingDays: readonly Holiday[];
}

const localDate = z.string().refine(isLocalDate, 'expected an existing YYYY-MM-DD date');

const entrySchema = z.strictObject({
  date: localDate,
  through: localDate.optional(),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  reference: z.string().min(1),
  source: z.string().optional(),
  confirmed: z.boolean(),
});

/** Schema of a holiday data file (see vietnam-holidays.json). */
export const holidayFileSchema = z.strictObject({
  scope: z.string().optional(),
  notes: z.array(z.string()).optional(),
  coverage: z.strictObject({ from: localDate, to: localDate }),
  daysOff: z.array(entrySchema),
  swappedWorkingDays: z.array(entrySchema.omit({ through: true })),
});

type HolidayEntry = z.infer<typeof entrySchema>;

function expand({ through, ...entry }: HolidayEntry): Holiday[] {
  const last = through ?? entry.date;
  if (compareDates(last, entry.date) < 0) {
    throw new RangeError(`Holiday "${entry.nameEn}": through ${last} is before ${entry.date}`);
  }
  const days: Holiday[] = [];
  for (let d = entry.date; isOnOrBefore(d, last); d = addDays(d, 1))
    days.push({ ...entry, date: d });
  return days;
}

/** Validates a holiday data file (parsed JSON/YAML) and expands breaks into single days. */
export function parseHolidayData(input: unknown): HolidayData {
  const file = holidayFileSchema.parse(input);
  return {
    coverage: file.coverage,
    daysOff: file.daysOff.flatMap(expand),
    swappedWorkingDays: file.swappedWorkingDays,
  };
}

/** Days off for Vietnamese civil servants and public employees, 2022–2027. */
export const vietnamHolidays: HolidayData = parseHolidayData(rawHolidays);
