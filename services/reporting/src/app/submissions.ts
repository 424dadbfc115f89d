// Submitting a report freezes the unit's figures for the period as a new version: version 1,
// then 2 for a revision, never overwritten. Two submissions at once never get one number:
// each inserts against the unique key period|unit|version, and the loser takes the next.
import { ConflictError, NotFoundError, toLocalDate } from '@rehab/domain-kit';
import { parsePeriod } from '../domain/periods.ts';
import { reportingCommunes, requireReportingUnit } from '../domain/units.ts';
import { appErrors } from './app-errors.ts';
import type { ReportingDeps } from './deps.ts';
import type { ReportVersion } from './ports.ts';
import { computeReport } from './report.ts';

const MAX_ATTEMPTS = 20;

/** Freezes the current figures as the next version of the unit's report. */
export async function submitReportUseCase(
  deps: ReportingDeps,
  actor: { agency: string; orgUnit: string; sub: string },
  periodId: string,
  unitCode: string,
): Promise<ReportVersion> {
  const report = await computeReport(deps, { period: periodId, unitCode });
  const due = deps.rules.dueDateOf(report.period);
  const now = deps.clock.now();
  const submittedOn = toLocalDate(now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await deps.reports.listFor(report.period.id, report.unit.code);
    const version = Math.max(0, ...existing.map((r) => r.version)) + 1;
    const frozen: ReportVersion = {
      period: report.period.id,
      unitCode: report.unit.code,
      version,
      submittedAt: now.toISOString(),
      submittedOn,
      submittedBy: { agency: actor.agency, orgUnit: actor.orgUnit, sub: actor.sub },
      dueDate: due.date,
      onTime: submittedOn <= due.date,
      asOf: report.asOf,
      figures: report.figures,
      activities: report.activities,
      targets: report.targets,
    };
    if (await deps.reports.insert(frozen)) return frozen;
  }
  throw new ConflictError(appErrors.submitContended);
}

/** A submitted version (the latest without `version`); 404 when there is none. */
export async function submittedReportUseCase(
  deps: ReportingDeps,
  periodId: string,
  unitCode: string,
  version?: number,
): Promise<ReportVersion> {
  const period = parsePeriod(periodId);
  const versions = await deps.reports.listFor(period.id, unitCode);
  const chosen =
    version === undefined
      ? versions.sort((a, b) => b.version - a.version)[0]
      : versions.find((r) => r.version === version);
  if (!chosen)
    throw new NotFoundError(appErrors.reportNotFound, { params: { period: period.id, unitCode } });
  return chosen;
}

/** Which of the units expected to report did so, and whether the first submission was on time. */
export async function completenessUseCase(deps: ReportingDeps, periodId: string, within: string) {
  const period = parsePeriod(periodId);
  const bounds = deps.rules.boundsOf(period);
  requireReportingUnit(within, bounds, deps.units);
  const due = deps.rules.dueDateOf(period);
  const submitted = await deps.reports.listForPeriod(period.id);
  const units = reportingCommunes(within, bounds, deps.units).map((unit) => {
    const versions = submitted
      .filter((r) => r.unitCode === unit.code)
      .sort((a, b) => a.version - b.version);
    const first = versions[0];
    const latest = versions.at(-1);
    return {
      unitCode: unit.code,
      unitName: unit.name,
      submitted: Boolean(first),
      onTime: first ? first.onTime : false,
      firstSubmittedOn: first?.submittedOn ?? null,
      latestVersion: latest?.version ?? null,
    };
  });
  const count = units.filter((u) => u.submitted).length;
  return {
    period: period.id,
    unitCode: within,
    dueDate: due.date,
    dueDateRef: due.legalRef,
    expected: units.length,
    submitted: count,
    onTime: units.filter((u) => u.onTime).length,
    share: units.length ? Math.round((count / units.length) * 10_000) / 10_000 : null,
    units,
  };
}
