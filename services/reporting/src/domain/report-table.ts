// The report in the layout of the official table: one row per indicator in section and row
// order, then the manual activities, with the period's value, the year's target and the
// share achieved. Figures a reader may not see carry the small-count label.
import type { ActivityDefinition, IndicatorDefinition } from './indicators.ts';
import type { Shown } from './suppression.ts';

export interface TableRow {
  readonly section: string;
  readonly row: string;
  readonly id: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly value: Shown;
  readonly target: number | null;
  readonly achieved: number | null;
}

export interface TableFigure {
  readonly id: string;
  readonly value: Shown;
  readonly target: number | null;
  readonly achieved: number | null;
}

const rowKey = (row: string) =>
  row
    .split('.')
    .map((part) => part.padStart(4, '0'))
    .join('.');

/** Rows in the order of the official table (sections I, II, …; rows 1, 1.1, 1.2, 2, …). */
export function reportTable(
  indicators: readonly IndicatorDefinition[],
  activities: readonly ActivityDefinition[],
  figures: ReadonlyMap<string, TableFigure>,
): TableRow[] {
  const rows = indicators
    .map((d) => ({ d, figure: figures.get(d.id) }))
    .sort(
      (a, b) =>
        a.d.table.section.localeCompare(b.d.table.section) ||
        rowKey(a.d.table.row).localeCompare(rowKey(b.d.table.row)),
    )
    .map(({ d, figure }) => ({
      section: d.table.section,
      row: d.table.row,
      id: d.id,
      nameVi: d.name.vi,
      nameEn: d.name.en,
      value: figure?.value ?? null,
      target: figure?.target ?? null,
      achieved: figure?.achieved ?? null,
    }));
  const activityRows = activities.map((a, index) => {
    const figure = figures.get(a.id);
    return {
      section: 'V',
      row: String(index + 1),
      id: a.id,
      nameVi: a.name.vi,
      nameEn: a.name.en,
      value: figure?.value ?? null,
      target: figure?.target ?? null,
      achieved: figure?.achieved ?? null,
    };
  });
  return [...rows, ...activityRows];
}

/** The official table's column headings; the last names the share achieved, as the format shows it. */
export function tableHeader(achieved: string): string[] {
  return [
    'Mục',
    'STT',
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    'Indicator',
    'Kết quả kỳ báo cáo',
    'Chỉ tiêu năm',
    achieved,
  ];
}

const quote = (cell: string) => (/[",\n;]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs keep the diacritics). */
export function tableCsv(
  rows: readonly TableRow[],
  heading: { period: string; unitName: string },
): string {
  const header = tableHeader('Tỷ lệ đạt (%)');
  const lines = [
    [`Báo cáo kỳ ${heading.period}`, heading.unitName].map(quote).join(','),
    header.map(quote).join(','),
    ...rows.map((r) =>
      [
        r.section,
        r.row,
        r.id,
        r.nameVi,
        r.nameEn,
        r.value === null ? '' : String(r.value),
        r.target === null ? '' : String(r.target),
        r.achieved === null ? '' : String(Math.round(r.achieved * 1000) / 10),
      ]
        .map(quote)
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
