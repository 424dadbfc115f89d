// Breakdowns (phân tổ) of a count: every count is kept as a total and one cell per value
// of each dimension, "unknown" included, so the cells of a dimension add up to the total.
import { ageOn, type LocalDate } from '@rehab/domain-kit';
import type { Modality, SubstanceClass } from './facts.ts';

export const dimensions = ['sex', 'ageBand', 'ethnicity', 'substance', 'modality'] as const;
export type Dimension = (typeof dimensions)[number];

/** An age band of the catalogue: from `minAge` up to and including `maxAge` (years). */
export interface AgeBand {
  readonly id: string;
  readonly minAge?: number;
  readonly maxAge?: number;
}

/** What a person's counts are broken down by; no name, no ID number. */
export interface PersonAttributes {
  readonly sex?: 'male' | 'female';
  readonly dateOfBirth?: LocalDate;
  readonly ethnicity?: 'kinh' | 'other';
  readonly residenceUnitCode?: string;
  readonly substance?: SubstanceClass;
}

export const TOTAL = 'total';
export const UNKNOWN = 'unknown';

/** The cell key of a dimension value, e.g. `sex:male`. */
export const cellKey = (dimension: Dimension, value: string): string => `${dimension}:${value}`;

/** The age band of a person on a date (the day the person entered the count). */
export function ageBandOf(
  dateOfBirth: LocalDate | undefined,
  on: LocalDate,
  bands: readonly AgeBand[],
): string {
  if (!dateOfBirth) return UNKNOWN;
  const age = ageOn(dateOfBirth, on);
  const band = bands.find(
    (b) =>
      (b.minAge === undefined || age >= b.minAge) && (b.maxAge === undefined || age <= b.maxAge),
  );
  return band?.id ?? UNKNOWN;
}

/** Every cell one counted person adds to: the total and one value of each dimension. */
export function cellsOf(
  attributes: PersonAttributes,
  on: LocalDate,
  modality: Modality | undefined,
  bands: readonly AgeBand[],
): string[] {
  return [
    TOTAL,
    cellKey('sex', attributes.sex ?? UNKNOWN),
    cellKey('ageBand', ageBandOf(attributes.dateOfBirth, on, bands)),
    cellKey('ethnicity', attributes.ethnicity ?? UNKNOWN),
    cellKey('substance', attributes.substance ?? UNKNOWN),
    cellKey('modality', modality ?? UNKNOWN),
  ];
}

/** Vietnamese ethnicity as the reports group it: Kinh or another group. */
export function ethnicityGroup(ethnicity: string | undefined): 'kinh' | 'other' | undefined {
  if (!ethnicity?.trim()) return undefined;
  return ethnicity.trim().toLowerCase() === 'kinh' ? 'kinh' : 'other';
}
