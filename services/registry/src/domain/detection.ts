import type { LocalDate } from '@rehab/domain-kit';
import { requirePastFact } from './dates-guard.ts';
import { requireActivePerson } from './lifecycle-guard.ts';
import { decideManagementOnDetection, type ManagementDecision } from './management.ts';
import { residenceOn, type Detection, type Person } from './person.ts';
import type { RegistryRules } from './registry-rules.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

export interface DetectionInput {
  detectedAt: LocalDate;
  sample: 'urine' | 'blood';
  substances: string[];
  /** Date of the management decision; the day of the test when not given. */
  decisionDate?: LocalDate | undefined;
}

/**
 * Records a positive test (Law 73/2021 Art. 22) and the management decision it leads to
 * in the commune of residence on the decision date (Art. 23): a new one-year term, or a
 * fresh term replacing the running one.
 */
export function recordDetection(
  person: Person,
  input: DetectionInput,
  rules: RegistryRules,
  ids: { detectionId: string; decisionId: string; entryId: string },
  now: Date,
  today: LocalDate,
): { person: Person; detection: Detection; decision: ManagementDecision; renewal: boolean } {
  requireActivePerson(person);
  const decisionDate = input.decisionDate ?? input.detectedAt;
  requirePastFact('detectedAt', input.detectedAt, today, person.dateOfBirth);
  requirePastFact('decisionDate', decisionDate, today, person.dateOfBirth);
  const unitCode = residenceOn(person, decisionDate).unitCode;
  const { decisions, decision, renewal } = decideManagementOnDetection(
    person.managementDecisions,
    { detectedAt: input.detectedAt, decisionDate, unitCode, decisionId: ids.decisionId },
    rules,
  );
  const detection: Detection = {
    id: ids.detectionId,
    detectedAt: input.detectedAt,
    sample: input.sample,
    substances: input.substances,
    unitCode,
  };
  const summary = renewal
    ? `Positive ${input.sample} test; management renewed until ${decision.termEndsOn}`
    : `Positive ${input.sample} test; under management until ${decision.termEndsOn}`;
  return {
    person: {
      ...person,
      detections: [...person.detections, detection],
      managementDecisions: decisions,
      timeline: addToTimeline(
        person.timeline,
        timelineEntry(
          ids.entryId,
          input.detectedAt,
          now,
          renewal ? 'management-renewed' : 'management-decided',
          summary,
          {
            sample: input.sample,
            substances: input.substances,
            decisionDate,
            termEndsOn: decision.termEndsOn,
            regime: decision.regime,
            decidedLate: decision.decidedLate,
          },
        ),
      ),
      updatedAt: now.toISOString(),
    },
    detection,
    decision,
    renewal,
  };
}
