// Exports of a unit's report: the official table as CSV, and DHIS2's dataValueSets JSON.
import ExcelJS from 'exceljs';
import { dataValueSet, type Dhis2MappingRules } from '../domain/dhis2.ts';
import { parsePeriod } from '../domain/periods.ts';
import { reportTable, tableCsv, tableHeader, type TableFigure } from '../domain/report-table.ts';
import type { ReportingDeps } from './deps.ts';
import { indicatorsUseCase, type Reader, type ReportQuery } from './report.ts';

/** The figures DHIS2 receives: exact, as the police read them. */
const exactReader: Reader = { agency: 'police', orgUnit: '', roles: [] };

async function tableOf(deps: ReportingDeps, reader: Reader, query: ReportQuery) {
  const report = await indicatorsUseCase(deps, reader, query);
  const figures = new Map<string, TableFigure>([
    ...report.items.map((i) => [i.id, i] as const),
    ...report.activities.map((a) => [a.id, a] as const),
  ]);
  return {
    report,
    rows: reportTable(deps.catalogue.indicators, deps.catalogue.activities, figures),
  };
}

/** The official table as CSV text. */
export async function reportCsvUseCase(deps: ReportingDeps, reader: Reader, query: ReportQuery) {
  const { report, rows } = await tableOf(deps, reader, query);
  return tableCsv(rows, {
    period: report.period,
    unitName: `${report.unitName} (${report.unitCode})`,
  });
}

/** The official table as an XLSX workbook (exceljs): one sheet, the title, the header, a row per figure. */
export async function reportXlsxUseCase(
  deps: ReportingDeps,
  reader: Reader,
  query: ReportQuery,
): Promise<Buffer> {
  const { report, rows } = await tableOf(deps, reader, query);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'rehab-platform reporting';
  const sheet = workbook.addWorksheet(`Báo cáo ${report.period}`);
  sheet.addRow([`Báo cáo kỳ ${report.period}: ${report.unitName} (${report.unitCode})`]).font = {
    bold: true,
    size: 13,
  };
  sheet.addRow([`Từ ${report.from} đến ${report.to}; số liệu đến ${report.asOf ?? '-'}`]);
  const header = sheet.addRow(tableHeader('Tỷ lệ đạt'));
  header.font = { bold: true };
  for (const r of rows)
    sheet.addRow([r.section, r.row, r.id, r.nameVi, r.nameEn, r.value, r.target, r.achieved]);
  sheet.getColumn(8).numFmt = '0.0%';
  for (const [index, width] of [6, 6, 28, 60, 50, 18, 14, 12].entries())
    sheet.getColumn(index + 1).width = width;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as DHIS2 dataValueSets JSON, with the sex breakdown where the mapping names combos. */
export async function reportDhis2UseCase(
  deps: ReportingDeps,
  mapping: Dhis2MappingRules,
  /** Who reads it (small counts hidden as for them); none: the push to DHIS2, exact counts. */
  reader: Reader | undefined,
  query: ReportQuery,
) {
  const report = await indicatorsUseCase(deps, reader ?? exactReader, {
    ...query,
    breakdown: 'sex',
  });
  return dataValueSet(mapping, {
    period: parsePeriod(query.period),
    unitCode: report.unitCode,
    completeDate: deps.clock.today(),
    figures: report.items,
    breakdown: 'sex',
    ...(report.asOf ? { comment: `asOf ${report.asOf}` } : {}),
  });
}
