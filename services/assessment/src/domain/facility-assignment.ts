// Which certified facility determines a referred person's status, and moving it to another
// (Decree 109/2021/ND-CP: only certified facilities determine). The order in which the
// places are tried is rulebook data: the facility certified in the person's own commune,
// then any in the province. A health administrator may reassign an open determination; the
// history keeps every facility, and the legal time counts from the first assignment.
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import {
  isCertifiedOn,
  requireCertifiedFacility,
  type CertifiedFacility,
} from './certification.ts';
import type { Determination } from './determination.ts';
import { assessmentErrors } from './errors.ts';

/** Where a facility is looked for: the person's commune, or the whole province. */
export type AssignmentScope = 'commune' | 'province';

export const ASSIGNMENT_SCOPES: readonly AssignmentScope[] = ['commune', 'province'];

/** One facility a determination was assigned to, and why. */
export interface FacilityAssignment {
  facilityId: string;
  assignedOn: LocalDate;
  /** `commune`/`province`: by the rule; `chosen`: the person's own request; `reassigned`. */
  basis: AssignmentScope | 'chosen' | 'reassigned';
  reason?: string;
  /** Who reassigned (the token's `sub`). */
  by?: string;
}

/** The person's place, as the rule needs it. */
export interface AssignmentPlace {
  communeCode: string;
  provinceCode: string | undefined;
  /** The province of a facility's unit (the unit directory's answer). */
  provinceOf(unitCode: string): string | undefined;
}

/**
 * The facility the rule assigns on `on`: the first scope in `order` with a facility
 * certified that day; within a scope the earliest certified, then by name, so the choice
 * does not depend on storage order.
 */
export function assignFacility(
  facilities: readonly CertifiedFacility[],
  place: AssignmentPlace,
  on: LocalDate,
  order: readonly AssignmentScope[],
): { facility: CertifiedFacility; scope: AssignmentScope } | undefined {
  const certified = facilities
    .filter((facility) => isCertifiedOn(facility, on))
    .sort(
      (a, b) =>
        a.certifiedFrom.localeCompare(b.certifiedFrom) ||
        a.name.localeCompare(b.name, 'vi') ||
        a.id.localeCompare(b.id),
    );
  for (const scope of order) {
    const facility = certified.find((candidate) =>
      scope === 'commune'
        ? candidate.unitCode === place.communeCode
        : place.provinceCode !== undefined &&
          place.provinceOf(candidate.unitCode) === place.provinceCode,
    );
    if (facility) return { facility, scope };
  }
  return undefined;
}

/** The assignments of a determination; one stored before the history existed had one. */
export function facilityHistoryOf(d: Determination): readonly FacilityAssignment[] {
  return d.facilityHistory?.length
    ? d.facilityHistory
    : [{ facilityId: d.facilityId, assignedOn: d.requestedOn, basis: 'chosen' }];
}

/** The day the legal time of the determination counts from: its first assignment. */
export function firstAssignedOn(d: Determination): LocalDate {
  return facilityHistoryOf(d)[0]?.assignedOn ?? d.requestedOn;
}

/**
 * Moves an open determination to another facility certified on `on`, with a reason.
 * A concluded one keeps its facility: the conclusion is that facility's.
 */
export function reassignFacility(
  d: Determination,
  to: CertifiedFacility,
  change: { reason: string; on: LocalDate; by: string },
): Determination {
  if (d.status === 'concluded') {
    throw new RuleViolationError(assessmentErrors.facilityFixedOnConclusion, {
      field: 'facilityId',
      params: { facilityId: d.facilityId },
    });
  }
  if (to.id === d.facilityId) {
    throw new RuleViolationError(assessmentErrors.sameFacility, {
      field: 'facilityId',
      params: { facilityId: to.id },
    });
  }
  requireCertifiedFacility(to, change.on);
  const history = [
    ...facilityHistoryOf(d),
    {
      facilityId: to.id,
      assignedOn: change.on,
      basis: 'reassigned' as const,
      reason: change.reason,
      by: change.by,
    },
  ];
  return { ...d, facilityId: to.id, facilityHistory: history };
}
