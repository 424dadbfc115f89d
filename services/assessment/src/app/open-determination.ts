import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { determinationRequested } from '@rehab/events';
import {
  assignFacility,
  openDetermination,
  type AssignmentScope,
  type CertifiedFacility,
  type DeterminationOrigin,
} from '../domain/index.ts';
import type { StoredDetermination } from './ports.ts';
import { appErrors } from './app-errors.ts';
import {
  determinationEvent,
  type Actor,
  type AssessmentDeps,
  type JurisdictionGuard,
} from './deps.ts';
import { requireFacility } from './facilities.ts';

async function open(
  deps: AssessmentDeps,
  actor: Actor,
  id: string,
  personId: string,
  origin: DeterminationOrigin,
  requestedOn: LocalDate,
  facility: CertifiedFacility,
  basis: AssignmentScope | 'chosen' = 'chosen',
): Promise<StoredDetermination> {
  const person = await deps.persons.get(personId);
  const opened = openDetermination(
    { id, personId, origin, requestedOn, basis },
    person
      ? { id: person.id, fullName: person.fullName, dateOfBirth: person.dateOfBirth }
      : undefined,
    facility,
  );
  const determination: StoredDetermination = { ...opened, version: 1, unitCode: facility.unitCode };
  const event = determinationEvent(determinationRequested, personId, actor, {
    determinationId: id,
    personId,
    origin: origin.kind,
    ...(origin.kind === 'referral'
      ? {
          referralId: origin.referralId,
          reason: origin.reason,
          requestingUnitCode: origin.referringUnitCode,
        }
      : {}),
    requestedOn,
    facilityId: facility.id,
  });
  return deps.determinations.insert(determination, [event]);
}

/** A person's own request at a chosen certified facility (Law 73/2021 Art. 27(2)). */
export async function requestVoluntaryUseCase(
  deps: AssessmentDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: { personId: string; facilityId: string; requestedOn?: LocalDate | undefined },
): Promise<StoredDetermination> {
  const facility = await requireFacility(deps, input.facilityId);
  guard(facility.unitCode);
  const requestedOn = input.requestedOn ?? deps.clock.today();
  return open(
    deps,
    actor,
    deps.newId(),
    input.personId,
    { kind: 'voluntary' },
    requestedOn,
    facility,
  );
}

/**
 * A mandatory request from a registry referral: assigned by the rule (facility-assignment.ts)
 * to a facility certified on the referral date, in the person's commune of residence first,
 * then the province. Opened once per referral, even when the event is delivered again or the
 * process died half-way (the claim names the id to reuse).
 */
export async function openFromReferralUseCase(
  deps: AssessmentDeps,
  actor: Actor,
  referral: {
    referralId: string;
    personId: string;
    reason: string;
    mandatory: boolean;
    referredOn: LocalDate;
    referringUnitCode: string;
  },
): Promise<StoredDetermination> {
  const claim = await deps.determinations.claimReferral(referral.referralId, deps.newId());
  const existing = await deps.determinations.get(claim.determinationId);
  if (existing) return existing;
  const communeCode =
    (await deps.persons.get(referral.personId))?.residenceUnitCode ?? referral.referringUnitCode;
  const provinceOf = (unitCode: string) => deps.units.provinceOf(unitCode)?.code;
  const assigned = assignFacility(
    await deps.facilities.listFacilities(),
    { communeCode, provinceCode: provinceOf(communeCode), provinceOf },
    referral.referredOn,
    deps.rules.facilityAssignmentOrder(referral.referredOn).order,
  );
  if (!assigned) {
    throw new RuleViolationError(appErrors.noCertifiedFacility, {
      params: { date: referral.referredOn, unitCode: communeCode },
    });
  }
  const origin: DeterminationOrigin = {
    kind: 'referral',
    referralId: referral.referralId,
    reason: referral.reason,
    mandatory: referral.mandatory,
    referringUnitCode: referral.referringUnitCode,
  };
  return open(
    deps,
    actor,
    claim.determinationId,
    referral.personId,
    origin,
    referral.referredOn,
    assigned.facility,
    assigned.scope,
  );
}
