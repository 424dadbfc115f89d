import { ConflictError, NotFoundError, RuleViolationError, sharedErrors } from '@rehab/domain-kit';
import {
  reassignFacility,
  validateCertificationPeriod,
  type CertifiedAssessor,
  type CertifiedFacility,
} from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import { changeDetermination } from './change-determination.ts';
import type { AssessmentDeps, JurisdictionGuard } from './deps.ts';
import type { StoredDetermination } from './ports.ts';

export interface FacilityInput {
  name: string;
  unitCode: string;
  certifiedFrom: string;
  certifiedTo: string;
}

/** Registers a facility certified to determine addiction status (Decree 109/2021). */
export async function registerFacilityUseCase(
  deps: AssessmentDeps,
  input: FacilityInput,
): Promise<CertifiedFacility> {
  validateCertificationPeriod(input);
  if (!deps.units.get(input.unitCode)) {
    throw new RuleViolationError(sharedErrors.unknownUnit, {
      field: 'unitCode',
      params: { unitCode: input.unitCode, date: input.certifiedFrom },
    });
  }
  const facility: CertifiedFacility = {
    id: deps.newId(),
    ...input,
    name: input.name.normalize('NFC').trim(),
  };
  await deps.facilities.insertFacility(facility);
  return facility;
}

export async function requireFacility(
  deps: AssessmentDeps,
  id: string,
): Promise<CertifiedFacility> {
  const facility = await deps.facilities.getFacility(id);
  if (!facility)
    throw new NotFoundError(appErrors.facilityNotFound, { params: { id }, field: 'facilityId' });
  return facility;
}

export interface AssessorInput {
  userId: string;
  fullName: string;
  certifiedFrom: string;
  certifiedTo: string;
}

/** Adds a doctor certified at the facility; they act with tokens whose `sub` is `userId`. */
export async function addAssessorUseCase(
  deps: AssessmentDeps,
  facilityId: string,
  input: AssessorInput,
): Promise<CertifiedAssessor> {
  await requireFacility(deps, facilityId);
  validateCertificationPeriod(input);
  const assessor: CertifiedAssessor = {
    ...input,
    fullName: input.fullName.normalize('NFC').trim(),
    facilityId,
  };
  if (!(await deps.facilities.insertAssessor(assessor))) {
    throw new ConflictError(appErrors.assessorExists, {
      field: 'userId',
      params: { userId: input.userId },
    });
  }
  return assessor;
}

/**
 * A health administrator moves an open determination to another certified facility, with a
 * reason (the history keeps both). The determination then belongs to the new facility's
 * area: the administrator must cover both the old and the new one.
 */
export async function reassignFacilityUseCase(
  deps: AssessmentDeps,
  actor: { sub: string },
  guard: JurisdictionGuard,
  id: string,
  input: { facilityId: string; reason: string },
): Promise<StoredDetermination> {
  const to = await requireFacility(deps, input.facilityId);
  guard(to.unitCode);
  const { determination } = await changeDetermination(deps, id, guard, async (current) => {
    const moved = reassignFacility(current, to, {
      reason: input.reason,
      on: deps.clock.today(),
      by: actor.sub,
    });
    return { next: { ...current, ...moved, unitCode: to.unitCode }, events: [], result: undefined };
  });
  return determination;
}
