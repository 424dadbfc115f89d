import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { determinationRequested } from '@rehab/events';
import {
  isCertifiedOn,
  openDetermination,
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
): Promise<StoredDetermination> {
  const person = await deps.persons.get(personId);
  const opened = openDetermination(
    { id, personId, origin, requestedOn },
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
  await deps.determinations.insert(determination, [event]);
  return determination;
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
 * A mandatory request from a registry referral: assigned to a facility certified on the
 * referral date in the person's province. Opened once per referral, even when the event
 * is delivered again or the process died half-way (the claim names the id to reuse).
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
  const province = deps.units.provinceOf(referral.referringUnitCode)?.code;
  const candidates = (await deps.facilities.listFacilities()).filter(
    (facility) =>
      isCertifiedOn(facility, referral.referredOn) &&
      (!province || deps.units.provinceOf(facility.unitCode)?.code === province),
  );
  const facility = candidates[0];
  if (!facility) {
    throw new RuleViolationError(appErrors.noCertifiedFacility, {
      params: { date: referral.referredOn, unitCode: referral.referringUnitCode },
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
    facility,
  );
}
