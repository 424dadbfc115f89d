import { determinationConcluded } from '@rehab/events';
import type { Principal } from '@rehab/service-kit';
import {
  conclude,
  recordObservation,
  recordTest,
  registrationDeadline,
  type ConclusionInput,
  type DrugTestInput,
  type ObservationInput,
} from '../domain/index.ts';
import { changeDetermination } from './change-determination.ts';
import { determinationEvent, type AssessmentDeps, type JurisdictionGuard } from './deps.ts';
import { requireFacility } from './facilities.ts';

/** Records a urine or blood test in the determination. */
export function recordTestUseCase(
  deps: AssessmentDeps,
  guard: JurisdictionGuard,
  id: string,
  input: Omit<DrugTestInput, 'id'>,
) {
  const testId = deps.newId();
  return changeDetermination(deps, id, guard, async (current) => {
    const next = recordTest(current, { id: testId, ...input }, deps.clock.today());
    return { next: { ...current, ...next }, events: [], result: testId };
  });
}

/** Records one criterion observation (Circular 18/2021/TT-BYT). */
export function recordObservationUseCase(
  deps: AssessmentDeps,
  guard: JurisdictionGuard,
  id: string,
  input: Omit<ObservationInput, 'id'>,
) {
  const observationId = deps.newId();
  return changeDetermination(deps, id, guard, async (current) => {
    const next = recordObservation(current, { id: observationId, ...input }, deps.clock.today());
    return { next: { ...current, ...next }, events: [], result: observationId };
  });
}

/**
 * Concludes by the certified assessor acting (the token's subject): the result is computed
 * from the observations; the result goes to the requester and the person at once (the
 * event), with the 5-working-day registration deadline for an addicted adult or a 12-17
 * year old's guardian, counted from that notification.
 */
export function concludeUseCase(
  deps: AssessmentDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  id: string,
  input: Omit<ConclusionInput, 'id' | 'assessorUserId'>,
) {
  const conclusionId = deps.newId();
  return changeDetermination(deps, id, guard, async (current) => {
    const facility = await requireFacility(deps, current.facilityId);
    const assessor = await deps.facilities.getAssessor(current.facilityId, principal.sub);
    const { determination, conclusion } = conclude(
      current,
      { ...input, id: conclusionId, assessorUserId: principal.sub },
      { assessor, facility, rules: deps.rules, today: deps.clock.today() },
    );
    const notifiedOn = deps.clock.today();
    const person = await deps.persons.get(current.personId);
    const duty =
      conclusion.result === 'addicted' && person
        ? registrationDeadline(notifiedOn, person.dateOfBirth, deps.rules)
        : undefined;
    const event = determinationEvent(determinationConcluded, current.personId, principal, {
      determinationId: current.id,
      conclusionId,
      personId: current.personId,
      result: conclusion.result,
      ...(conclusion.substanceClass ? { substanceClass: conclusion.substanceClass } : {}),
      concludedOn: conclusion.concludedOn,
      notifiedOn,
      ...(duty?.applies ? { registrationDeadline: duty.deadline.date } : {}),
      facilityId: facility.id,
      origin: current.origin.kind,
      ...(current.origin.kind === 'referral' ? { referralId: current.origin.referralId } : {}),
      ...(conclusion.supersedes ? { supersedes: conclusion.supersedes } : {}),
    });
    return {
      next: { ...current, ...determination },
      events: [event],
      result: { conclusion, registrationDuty: duty },
    };
  });
}
