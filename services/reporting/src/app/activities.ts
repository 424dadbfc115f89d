// Manual activities (campaigns, trainings, prevention models): numbers a commune enters for a
// period, from the activity catalogue in indicators.yaml.
import { RuleViolationError } from '@rehab/domain-kit';
import { reportingErrors } from '../domain/errors.ts';
import { parsePeriod } from '../domain/periods.ts';
import { requireReportingUnit } from '../domain/units.ts';
import type { ReportingDeps } from './deps.ts';
import type { ActivityEntry } from './ports.ts';

export interface ActivityInput {
  unitCode: string;
  period: string;
  activity: string;
  value: number;
  note?: string | undefined;
}

/** Records (or corrects) the value of an activity for a unit and period. */
export async function recordActivityUseCase(
  deps: ReportingDeps,
  actor: { sub: string },
  input: ActivityInput,
): Promise<ActivityEntry> {
  const period = parsePeriod(input.period);
  requireReportingUnit(input.unitCode, deps.rules.boundsOf(period), deps.units);
  if (!deps.catalogue.activities.some((a) => a.id === input.activity))
    throw new RuleViolationError(reportingErrors.unknownIndicator, {
      field: 'activity',
      params: { id: input.activity },
    });
  return deps.activities.put({
    period: period.id,
    unitCode: input.unitCode,
    activity: input.activity,
    value: input.value,
    ...(input.note ? { note: input.note } : {}),
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: actor.sub,
  });
}
