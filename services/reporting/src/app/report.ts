// A unit's report for a period: every indicator's figure from the active read models, the
// unit's targets for the year and how much of them is achieved, the manual activities, and
// small counts hidden from readers who may not see them.
import { InputError } from '@rehab/domain-kit';
import { readsExactCounts, shareAchieved } from '../domain/achievement.ts';
import type { Dimension } from '../domain/breakdowns.ts';
import { reportingErrors } from '../domain/errors.ts';
import type { Fact } from '../domain/facts.ts';
import { computeFigures, type Figure } from '../domain/indicators.ts';
import { parsePeriod, type Period, type PeriodBounds } from '../domain/periods.ts';
import {
  suppressFigures,
  unsuppressed,
  type Shown,
  type ShownFigure,
} from '../domain/suppression.ts';
import { requireReportingUnit, rollUpChain, type ReportingUnit } from '../domain/units.ts';
import type { ReportingDeps } from './deps.ts';
import type { ReportVersion } from './ports.ts';

export interface ReportQuery {
  period: string;
  unitCode: string;
  breakdown?: Dimension | undefined;
}

export interface Reader {
  agency: string;
  orgUnit: string;
  roles: readonly string[];
}

/** The raw figures of a report (before suppression) with what they were computed for. */
export interface ComputedReport {
  period: Period;
  bounds: PeriodBounds;
  unit: ReportingUnit;
  figures: Figure[];
  asOf: string | null;
  targets: Record<string, number>;
  activities: Record<string, number>;
}

export interface ReportItem extends ShownFigure {
  target: number | null;
  achieved: number | null;
}

/** Computes a unit's figures for a period from the active read models. */
export async function computeReport(
  deps: ReportingDeps,
  query: ReportQuery,
): Promise<ComputedReport> {
  const period = parsePeriod(query.period);
  const bounds = deps.rules.boundsOf(period);
  const unit = requireReportingUnit(query.unitCode, bounds, deps.units);
  const allowed = new Set(deps.catalogue.indicators.flatMap((d) => d.breakdowns));
  if (query.breakdown && !allowed.has(query.breakdown))
    throw new InputError(reportingErrors.breakdownNotAllowed, {
      field: 'breakdown',
      params: { breakdown: query.breakdown, allowed: [...allowed].join(', ') },
    });
  const store = deps.readModels(await deps.generations.active());
  const facts = [...new Set(deps.catalogue.indicators.flatMap((d) => (d.fact ? [d.fact] : [])))];
  const series = new Map(
    await Promise.all(
      facts.map(async (fact) => [fact, await store.getSeries(fact, unit.code)] as const),
    ),
  );
  const figures = computeFigures(deps.catalogue, {
    bounds,
    series: (fact: Fact) => series.get(fact)?.days ?? {},
    consumedTopics: deps.consumedTopics,
    ...(query.breakdown ? { breakdown: query.breakdown } : {}),
  });
  const asOf =
    [...series.values()]
      .map((s) => s?.asOf)
      .filter((t): t is string => Boolean(t))
      .sort()
      .at(-1) ?? null;
  const [targets, activities] = await Promise.all([
    deps.targets.get(period.year, unit.code),
    activitiesOf(deps, period.id, unit.code),
  ]);
  return {
    period,
    bounds,
    unit,
    figures,
    asOf,
    targets: { ...(targets?.values ?? {}) },
    activities,
  };
}

/** Activities entered for the period in the unit and every unit inside it. */
async function activitiesOf(deps: ReportingDeps, period: string, unitCode: string) {
  const totals: Record<string, number> = {};
  for (const entry of await deps.activities.listForPeriod(period)) {
    if (!rollUpChain(entry.unitCode, deps.units).includes(unitCode)) continue;
    totals[entry.activity] = (totals[entry.activity] ?? 0) + entry.value;
  }
  return totals;
}

/** Hides small counts unless the reader is the police or a provincial leader. */
export function shownFigures(
  deps: ReportingDeps,
  report: ComputedReport,
  reader: Reader,
): ShownFigure[] {
  const atProvince = deps.units.get(reader.orgUnit)?.level === 'province';
  if (readsExactCounts({ ...reader, atProvince })) return unsuppressed(report.figures);
  const sums = new Map(
    deps.catalogue.indicators.flatMap((d) => (d.sumOf ? [[d.id, d.sumOf] as const] : [])),
  );
  const ratios = new Map(
    deps.catalogue.indicators.flatMap((d) =>
      d.numerator && d.denominator
        ? [[d.id, { numerator: d.numerator, denominator: d.denominator }] as const]
        : [],
    ),
  );
  return suppressFigures(report.figures, sums, ratios, deps.rules.suppression(report.period));
}

/** The answer of GET /indicators. */
export async function indicatorsUseCase(deps: ReportingDeps, reader: Reader, query: ReportQuery) {
  const report = await computeReport(deps, query);
  const byId = new Map(deps.catalogue.indicators.map((d) => [d.id, d]));
  const items: ReportItem[] = shownFigures(deps, report, reader).map((figure) => {
    const target = report.targets[figure.id];
    return {
      ...figure,
      target: target ?? null,
      achieved:
        figure.suppressed && typeof figure.value !== 'number'
          ? null
          : shareAchieved(figure.value, target),
    };
  });
  return {
    period: report.period.id,
    unitCode: report.unit.code,
    unitName: report.unit.name,
    from: report.bounds.from,
    to: report.bounds.to,
    asOf: report.asOf,
    ...(query.breakdown ? { breakdown: query.breakdown } : {}),
    items: items.map((item) => {
      const definition = byId.get(item.id);
      return {
        ...item,
        name: definition?.name,
        kind: definition?.kind,
        table: definition?.table,
      };
    }),
    activities: deps.catalogue.activities.map((activity) => {
      const value: Shown = report.activities[activity.id] ?? null;
      const target = report.targets[activity.id];
      return {
        id: activity.id,
        name: activity.name,
        value,
        target: target ?? null,
        achieved: shareAchieved(value, target),
      };
    }),
  };
}

/** A frozen version as a reader sees it: small counts hidden as in a live report. */
export function presentVersion(deps: ReportingDeps, version: ReportVersion, reader: Reader) {
  const period = parsePeriod(version.period);
  const unit = deps.units.get(version.unitCode);
  if (!unit) return version;
  const shown = shownFigures(
    deps,
    {
      ...version,
      period,
      bounds: deps.rules.boundsOf(period),
      unit,
      figures: [...version.figures],
      targets: { ...version.targets },
      activities: { ...version.activities },
    },
    reader,
  );
  return { ...version, figures: shown };
}
