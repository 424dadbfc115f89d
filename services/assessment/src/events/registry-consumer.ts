import {
  determinationReferred,
  registryPersonTopic,
  type ConsumerHandle,
  type EventEnvelope,
} from '@rehab/events';
import { projectRegistryPerson, type Platform } from '@rehab/service-kit';
import type { AssessmentDeps } from '../app/deps.ts';
import { openFromReferralUseCase } from '../app/open-determination.ts';

/** Consumer group of the assessment service on the registry's person stream. */
export const registryPersonsGroup = 'assessment.registry-persons';

/**
 * Keeps the local projection of persons (identity and residence, nothing else) and opens
 * a mandatory determination for each referral. Both are idempotent: the projection is
 * replaced by id, and a referral opens one determination however often it arrives.
 */
export function startRegistryConsumer(
  platform: Platform,
  deps: AssessmentDeps,
  groupSuffix = '',
): ConsumerHandle {
  return platform.bus.subscribe({
    groupId: `${registryPersonsGroup}${groupSuffix}`,
    topics: [registryPersonTopic.name],
    fromBeginning: true,
    dedupe: platform.processedEvents,
    deadLetters: platform.deadLetters,
    handle: (event) => handleRegistryEvent(deps, event),
  });
}

async function handleRegistryEvent(deps: AssessmentDeps, event: EventEnvelope): Promise<void> {
  await projectRegistryPerson(deps.persons, event);
  if (event.type === determinationReferred.type) {
    const data = determinationReferred.schema.parse(event.data);
    await openFromReferralUseCase(
      deps,
      { agency: 'health', orgUnit: data.referringUnitCode, sub: 'assessment-service' },
      {
        referralId: data.referralId,
        personId: data.personId,
        reason: data.reason,
        mandatory: data.mandatory,
        referredOn: data.referredOn,
        referringUnitCode: data.referringUnitCode,
      },
    );
  }
}
