// Administrative units as the reports see them: data with validity dates. Since the
// two-tier local government of 2025-07-01 districts are gone and communes merged; a past
// period is reported with the units valid then, and a commune's figures roll up through
// its parents (a former commune through its former district) to the province.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { reportingErrors } from './errors.ts';
import type { PeriodBounds } from './periods.ts';

/** The facts of a unit the reports use (the platform's unit directory has these). */
export interface ReportingUnit {
  readonly code: string;
  readonly name: string;
  readonly level: 'province' | 'district' | 'commune';
  readonly parent?: string;
  readonly validFrom: LocalDate;
  readonly validTo?: LocalDate;
}

/** Read access to units, as the platform's directory gives it. */
export interface UnitLookup {
  get(code: string): ReportingUnit | undefined;
  list(): readonly ReportingUnit[];
}

/** The unit and every unit above it: where a commune's figures are added up. */
export function rollUpChain(code: string, units: UnitLookup): string[] {
  const chain: string[] = [];
  for (let unit = units.get(code); unit && chain.length < 10;) {
    chain.push(unit.code);
    unit = unit.parent ? units.get(unit.parent) : undefined;
  }
  return chain.length ? chain : [code];
}

/** True when the unit existed on some day of the period. */
export function validDuring(unit: ReportingUnit, bounds: PeriodBounds): boolean {
  return unit.validFrom <= bounds.to && (!unit.validTo || bounds.from <= unit.validTo);
}

/** The unit a report names; 422 when it did not exist during the period. */
export function requireReportingUnit(
  code: string,
  bounds: PeriodBounds,
  units: UnitLookup,
  field = 'unitCode',
): ReportingUnit {
  const unit = units.get(code);
  if (!unit)
    throw new RuleViolationError(sharedErrors.unknownUnit, {
      field,
      params: { unitCode: code, date: bounds.from },
    });
  if (!validDuring(unit, bounds))
    throw new RuleViolationError(reportingErrors.unitNotValidInPeriod, {
      field,
      params: { unitCode: code, from: bounds.from, to: bounds.to },
    });
  return unit;
}

/** The communes inside a unit that existed during the period: those expected to report. */
export function reportingCommunes(
  within: string,
  bounds: PeriodBounds,
  units: UnitLookup,
): ReportingUnit[] {
  return units
    .list()
    .filter(
      (unit) =>
        unit.level === 'commune' &&
        validDuring(unit, bounds) &&
        rollUpChain(unit.code, units).includes(within),
    )
    .sort((a, b) => a.code.localeCompare(b.code));
}
