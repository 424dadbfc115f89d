// The registry's person stream keeps the projection (birth date, for the guardian rule); the
// assessment's results keep whether the person was found addicted to opioids (a basis of
// admission). Both are idempotent by event id (the platform's processed events).
import {
  assessmentDeterminationTopic,
  determinationConcluded,
  registryPersonTopic,
  type ConsumerHandle,
} from '@rehab/events';
import { projectRegistryPerson, type Platform } from '@rehab/service-kit';
import type { MethadoneDeps } from '../app/deps.ts';

export function startConsumers(
  platform: Platform,
  deps: MethadoneDeps,
  groupSuffix = '',
): ConsumerHandle[] {
  const common = {
    fromBeginning: true,
    dedupe: platform.processedEvents,
    deadLetters: platform.deadLetters,
  };
  return [
    platform.bus.subscribe({
      ...common,
      groupId: `methadone.registry-persons${groupSuffix}`,
      topics: [registryPersonTopic.name],
      handle: async (event) => {
        await projectRegistryPerson(deps.persons, event);
      },
    }),
    platform.bus.subscribe({
      ...common,
      groupId: `methadone.determination-results${groupSuffix}`,
      topics: [assessmentDeterminationTopic.name],
      handle: async (event) => {
        if (event.type !== determinationConcluded.type) return;
        const data = determinationConcluded.schema.parse(event.data);
        await deps.opioidResults.record({
          personId: data.personId,
          determinationId: data.determinationId,
          concludedOn: data.concludedOn,
          opioid: data.result === 'addicted' && data.substanceClass === 'opioid',
        });
      },
    }),
  ];
}
