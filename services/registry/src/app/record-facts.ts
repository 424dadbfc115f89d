import type { Principal } from '@rehab/service-kit';
import { determinationReferred, drugUseDetected, personMoved } from '@rehab/events';
import { recordDetection, type DetectionInput } from '../domain/detection.ts';
import { recordMovement, type MovementInput } from '../domain/movement.ts';
import { referForDetermination, type ReferralInput } from '../domain/referral.ts';
import { changePerson, type JurisdictionGuard } from './change-person.ts';
import { personEvent, requireCommuneInForce, type RegistryDeps } from './deps.ts';
import { snapshotOf } from './snapshot.ts';

/** Records a positive test and the management decision it brings (one event). */
export function recordDetectionUseCase(
  deps: RegistryDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  personId: string,
  input: DetectionInput,
) {
  const ids = { detectionId: deps.newId(), decisionId: deps.newId(), entryId: deps.newId() };
  return changePerson(deps, personId, guard, (person) => {
    const outcome = recordDetection(
      person,
      input,
      deps.rules,
      ids,
      deps.clock.now(),
      deps.clock.today(),
    );
    const { detection, decision, renewal } = outcome;
    const event = personEvent(drugUseDetected, person.id, principal, {
      personId: person.id,
      detectionId: detection.id,
      detectedAt: detection.detectedAt,
      sample: detection.sample,
      substances: detection.substances,
      unitCode: detection.unitCode,
      management: {
        decisionId: decision.id,
        decisionDate: decision.decisionDate,
        termEndsOn: decision.termEndsOn,
        unitCode: decision.unitCode,
        regime: decision.regime,
        renewal,
        legalRef: decision.legalRef,
      },
    });
    return { person: outcome.person, events: [event], result: outcome };
  });
}

/** Records a movement; a residence change must name a commune in force on the move date. */
export function recordMovementUseCase(
  deps: RegistryDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  personId: string,
  input: MovementInput,
) {
  if (input.kind === 'residence-change')
    requireCommuneInForce(deps.units, input.toUnitCode, input.effectiveOn, 'toUnitCode');
  const movementId = deps.newId();
  return changePerson(deps, personId, guard, (person) => {
    const outcome = recordMovement(
      person,
      input,
      deps.rules,
      { entryId: movementId },
      deps.clock.now(),
      deps.clock.today(),
    );
    const stop = outcome.stopped?.stop;
    const event = personEvent(personMoved, person.id, principal, {
      personId: person.id,
      movementId,
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      fromUnitCode: outcome.fromUnitCode,
      ...(outcome.toUnitCode ? { toUnitCode: outcome.toUnitCode } : {}),
      ...(input.kind === 'absence' && input.until ? { until: input.until } : {}),
      ...(outcome.stopped && stop
        ? {
            managementStopped: {
              decisionId: outcome.stopped.id,
              reason: stop.reason,
              legalRef: stop.legalRef,
            },
          }
        : {}),
      ...(outcome.fileTransferDueBy ? { fileTransferDueBy: outcome.fileTransferDueBy } : {}),
    });
    return { person: outcome.person, events: [event], result: { ...outcome, movementId } };
  });
}

/** Refers the person for addiction status determination; the assessment service consumes the event. */
export function referForDeterminationUseCase(
  deps: RegistryDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  personId: string,
  input: ReferralInput,
) {
  const ids = { referralId: deps.newId(), entryId: deps.newId() };
  return changePerson(deps, personId, guard, (person) => {
    const outcome = referForDetermination(person, input, ids, deps.clock.now(), deps.clock.today());
    const { referral } = outcome;
    const event = personEvent(determinationReferred, person.id, principal, {
      personId: person.id,
      referralId: referral.id,
      reason: input.reason,
      mandatory: referral.mandatory,
      referredOn: referral.referredOn,
      referringUnitCode: referral.referringUnitCode,
      person: snapshotOf(outcome.person),
      ...(referral.note ? { note: referral.note } : {}),
    });
    return { person: outcome.person, events: [event], result: referral };
  });
}
