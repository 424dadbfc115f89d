// The registry's side of an addiction status determination made by the health sector:
// the police see the result, the substance class and the dates, never clinical detail.
import type { LocalDate } from '@rehab/domain-kit';
import { stopManagement } from './management.ts';
import type { Person } from './person.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

/** A determination result as the registry keeps it (need-to-know: no criteria, no tests). */
export interface DeterminationResult {
  conclusionId: string;
  determinationId: string;
  result: 'addicted' | 'not-addicted';
  substanceClass?: string;
  concludedOn: LocalDate;
  notifiedOn: LocalDate;
  registrationDeadline?: LocalDate;
  supersedesConclusionId?: string;
}

/**
 * Applies a result once (by conclusion id). "Addicted" stops the user-management decision
 * running on the conclusion date with reason "determined addicted" (Law 73/2021 Art.
 * 23(5)(a)) and records the status, substance class and registration deadline;
 * "not addicted" is recorded and management continues. A correction supersedes the
 * earlier result; a management stopped by the corrected result is not reopened here (a
 * new decision needs a new positive test), which the timeline makes visible.
 */
export function applyDeterminationResult(
  person: Person,
  result: DeterminationResult,
  ids: { entryId: string },
  now: Date,
): { person: Person; applied: boolean } {
  const known = person.determinationResults ?? [];
  if (known.some((r) => r.conclusionId === result.conclusionId)) return { person, applied: false };
  let next: Person = {
    ...person,
    determinationResults: [...known, result],
    updatedAt: now.toISOString(),
  };
  const details: Record<string, string | number | boolean | string[]> = {
    result: result.result,
    determinationId: result.determinationId,
  };
  if (result.substanceClass) details.substanceClass = result.substanceClass;
  if (result.supersedesConclusionId) details.supersedes = result.supersedesConclusionId;
  next.addictionStatus = result.result;
  if (result.result === 'addicted') {
    const { decisions, stopped } = stopManagement(
      person.managementDecisions,
      result.concludedOn,
      'determined-addicted',
    );
    next = { ...next, managementDecisions: decisions };
    if (result.substanceClass) next.substanceClass = result.substanceClass;
    if (result.registrationDeadline) {
      next.registrationDeadline = result.registrationDeadline;
      details.registrationDeadline = result.registrationDeadline;
    }
    if (stopped) details.managementStopped = 'determined-addicted';
  } else {
    delete next.substanceClass;
    delete next.registrationDeadline;
  }
  const summary = result.result === 'addicted' ? 'Determined addicted' : 'Determined not addicted';
  next.timeline = addToTimeline(
    person.timeline,
    timelineEntry(
      ids.entryId,
      result.concludedOn,
      now,
      'determination-result',
      summary,
      details,
      'assessment',
    ),
  );
  return { person: next, applied: true };
}
