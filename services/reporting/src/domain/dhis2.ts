// DHIS2's dataValueSets body for one report (POST /api/dataValueSets): the data set, the
// DHIS2 period id (202601, 2026Q1, 2026S1, 2026), the org unit, and one data value per
// indicator and mapped breakdown cell. A hidden small count is left out (DHIS2 takes
// numbers only), and so is a figure whose source is not consumed yet.
import type { LocalDate } from '@rehab/domain-kit';
import { dhis2PeriodId, type Period } from './periods.ts';
import type { ShownFigure } from './suppression.ts';

export interface Dhis2MappingRules {
  readonly dataSet: string;
  readonly attributeOptionCombo?: string | undefined;
  readonly categoryOptionCombos: Readonly<Record<string, string>>;
  readonly dataElements: Readonly<Record<string, string>>;
  readonly orgUnits: Readonly<Record<string, string>>;
}

export interface Dhis2DataValue {
  dataElement: string;
  categoryOptionCombo: string;
  value: string;
  comment?: string;
}

export interface Dhis2DataValueSet {
  dataSet: string;
  completeDate: LocalDate;
  period: string;
  orgUnit: string;
  attributeOptionCombo?: string;
  dataValues: Dhis2DataValue[];
}

export function dataValueSet(
  mapping: Dhis2MappingRules,
  report: {
    period: Period;
    unitCode: string;
    completeDate: LocalDate;
    figures: readonly ShownFigure[];
    /** The dimension the figures' cells are of (their combos are `<dimension>:<value>`). */
    breakdown?: string;
    comment?: string;
  },
): Dhis2DataValueSet {
  const dataValues: Dhis2DataValue[] = [];
  for (const figure of report.figures) {
    if (typeof figure.value !== 'number') continue;
    const dataElement = mapping.dataElements[figure.id] ?? figure.id;
    const value = (combo: string, v: number) => ({
      dataElement,
      categoryOptionCombo: combo,
      value: String(v),
      ...(report.comment ? { comment: report.comment } : {}),
    });
    dataValues.push(value(mapping.categoryOptionCombos.total ?? 'default', figure.value));
    for (const [cell, shown] of Object.entries(figure.cells ?? {})) {
      const combo = mapping.categoryOptionCombos[`${report.breakdown}:${cell}`];
      if (combo && typeof shown === 'number') dataValues.push(value(combo, shown));
    }
  }
  return {
    dataSet: mapping.dataSet,
    completeDate: report.completeDate,
    period: dhis2PeriodId(report.period),
    orgUnit: mapping.orgUnits[report.unitCode] ?? report.unitCode,
    ...(mapping.attributeOptionCombo ? { attributeOptionCombo: mapping.attributeOptionCombo } : {}),
    dataValues,
  };
}
