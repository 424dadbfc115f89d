import {
  assessmentDeterminationTopic,
  determinationConcluded,
  type ConsumerHandle,
} from '@rehab/events';
import type { Platform } from '@rehab/service-kit';
import type { RegistryDeps } from '../app/deps.ts';
import { recordDeterminationResultUseCase } from '../app/record-determination-result.ts';

/** Consumer group of the registry on the health sector's determination stream. */
export const determinationResultsGroup = 'registry.determination-results';

/**
 * Takes "concluded" events from assessment.determination.v1 into persons' records. The use
 * case is idempotent by conclusion id, so a redelivered event changes nothing.
 */
export function startDeterminationConsumer(
  platform: Platform,
  deps: RegistryDeps,
  groupSuffix = '',
): ConsumerHandle {
  return platform.bus.subscribe({
    groupId: `${determinationResultsGroup}${groupSuffix}`,
    topics: [assessmentDeterminationTopic.name],
    fromBeginning: true,
    // No processed-event store: the result is applied once by its conclusion id, in the
    // person's own write (two round trips fewer per event).
    deadLetters: platform.deadLetters,
    handle: async (event) => {
      if (event.type !== determinationConcluded.type) return;
      const data = determinationConcluded.schema.parse(event.data);
      await recordDeterminationResultUseCase(deps, data.personId, {
        conclusionId: data.conclusionId,
        determinationId: data.determinationId,
        result: data.result,
        concludedOn: data.concludedOn,
        notifiedOn: data.notifiedOn,
        ...(data.substanceClass ? { substanceClass: data.substanceClass } : {}),
        ...(data.registrationDeadline ? { registrationDeadline: data.registrationDeadline } : {}),
        ...(data.supersedes ? { supersedesConclusionId: data.supersedes.conclusionId } : {}),
      });
    },
  });
}
