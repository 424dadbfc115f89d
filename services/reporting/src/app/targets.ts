// Yearly targets (chỉ tiêu) per unit: one value per indicator or activity of the catalogue.
import { RuleViolationError } from '@rehab/domain-kit';
import { reportingErrors } from '../domain/errors.ts';
import { parsePeriod } from '../domain/periods.ts';
import { requireReportingUnit } from '../domain/units.ts';
import type { ReportingDeps } from './deps.ts';
import type { TargetSet } from './ports.ts';

/** Replaces a unit's targets for a year; every id must be in the catalogue. */
export async function putTargetsUseCase(
  deps: ReportingDeps,
  actor: { sub: string },
  year: number,
  unitCode: string,
  values: Record<string, number>,
): Promise<TargetSet> {
  const bounds = deps.rules.boundsOf(parsePeriod(String(year), 'year'));
  requireReportingUnit(unitCode, bounds, deps.units);
  const ratios = new Set(
    deps.catalogue.indicators.filter((d) => d.kind === 'ratio').map((d) => d.id),
  );
  const known = new Set([
    ...deps.catalogue.indicators.map((d) => d.id),
    ...deps.catalogue.activities.map((a) => a.id),
  ]);
  for (const [id, value] of Object.entries(values)) {
    if (!known.has(id))
      throw new RuleViolationError(reportingErrors.unknownIndicator, { field: id, params: { id } });
    if (ratios.has(id) && value > 1)
      throw new RuleViolationError(reportingErrors.negativeTarget, { field: id, params: { id } });
  }
  return deps.targets.put({
    year,
    unitCode,
    values,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor.sub,
  });
}
