import {
  caseChanged,
  caseOpened,
  methadoneTreatmentTopic,
  relapseDetected,
  supportGiven,
  treatmentCaseTopic,
  vocationalSupportTopic,
  type ConsumerHandle,
  type EventEnvelope,
} from '@rehab/events';
import type { Platform } from '@rehab/service-kit';
import type { RegistryDeps } from '../app/deps.ts';
import {
  recordRelapseUseCase,
  recordTreatmentCaseFactUseCase,
} from '../app/record-treatment-event.ts';
import { recordSupportUseCase } from '../app/record-support.ts';
import { substitutionFactOf } from './substitution-facts.ts';
import { recordSubstitutionUseCase } from '../app/record-substitution.ts';
import type { TreatmentCaseFact } from '../domain/treatment-status.ts';

/** Consumer group of the registry on the treatment service's case stream. */
export const treatmentCasesGroup = 'registry.treatment-cases';

/**
 * Takes treatment.case.v1 into persons' records: cases opened and changed update the
 * person's treatment status and timeline; a relapse opens a determination referral.
 * Event ids are deduplicated by the platform's store and both use cases are idempotent on
 * their own, so a redelivered event changes nothing.
 */
export function startTreatmentConsumer(
  platform: Platform,
  deps: RegistryDeps,
  groupSuffix = '',
  /** A new group reads the stream's whole history unless told to start at its end. */
  fromBeginning = true,
): ConsumerHandle {
  return platform.bus.subscribe({
    groupId: `${treatmentCasesGroup}${groupSuffix}`,
    // The vocational service's support events join the same timeline (support history).
    // So do the methadone service's treatment facts (the person's MMT situation).
    topics: [treatmentCaseTopic.name, vocationalSupportTopic.name, methadoneTreatmentTopic.name],
    fromBeginning,
    // No processed-event store: a fact is applied once by its event id, and a relapse once per
    // case, in the person's own write (two round trips fewer per event).
    deadLetters: platform.deadLetters,
    handle: (event) => handleTreatmentEvent(deps, event),
  });
}

async function handleTreatmentEvent(deps: RegistryDeps, event: EventEnvelope): Promise<void> {
  const envelope = { eventId: event.id, recordedAt: event.time };
  const substitution = substitutionFactOf(event);
  if (substitution) {
    await recordSubstitutionUseCase(deps, substitution.personId, substitution.fact);
    return;
  }
  if (event.type === caseOpened.type) {
    const data = caseOpened.schema.parse(event.data);
    const fact: TreatmentCaseFact = {
      ...envelope,
      change: 'opened',
      caseId: data.caseId,
      kind: data.kind,
      state: data.state,
      regime: data.regime,
      on: data.openedOn,
      ...(data.unitCode ? { unitCode: data.unitCode } : {}),
      ...(data.registrationDeadline ? { registrationDeadline: data.registrationDeadline } : {}),
    };
    await recordTreatmentCaseFactUseCase(deps, data.personId, fact);
  } else if (event.type === caseChanged.type) {
    const data = caseChanged.schema.parse(event.data);
    const fact: TreatmentCaseFact = {
      ...envelope,
      change: 'changed',
      caseId: data.caseId,
      kind: data.kind,
      state: data.state,
      regime: data.regime,
      on: data.changedOn,
      ...(data.unitCode ? { unitCode: data.unitCode } : {}),
      ...(data.step ? { step: data.step } : {}),
      ...(data.legalRef ? { legalRef: data.legalRef } : {}),
      ...(data.violation ? { violation: data.violation } : {}),
      ...(data.certificateId ? { certificateId: data.certificateId } : {}),
    };
    await recordTreatmentCaseFactUseCase(deps, data.personId, fact);
  } else if (event.type === supportGiven.type) {
    const data = supportGiven.schema.parse(event.data);
    await recordSupportUseCase(deps, data.personId, {
      eventId: event.id,
      supportId: data.supportId,
      kind: data.kind,
      on: data.on,
      unitCode: data.unitCode,
      ...(data.status ? { status: data.status } : {}),
      ...(data.amountVnd ? { amountVnd: data.amountVnd } : {}),
    });
  } else if (event.type === relapseDetected.type) {
    const data = relapseDetected.schema.parse(event.data);
    await recordRelapseUseCase(deps, data.personId, {
      caseId: data.caseId,
      unitCode: data.unitCode,
      detectedOn: data.detectedOn,
      legalRef: data.legalRef,
    });
  }
}
