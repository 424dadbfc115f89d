import {
  assessmentDeterminationTopic,
  determinationConcluded,
  methadoneAdmitted,
  methadoneCompleted,
  methadoneDischarged,
  methadoneTreatmentTopic,
  registryPersonTopic,
  type ConsumerHandle,
} from '@rehab/events';
import { projectRegistryPerson, type Platform } from '@rehab/service-kit';
import type { TreatmentDeps } from '../app/deps.ts';
import { openFromResultUseCase } from '../app/registration.ts';
import {
  substitutionAdmittedUseCase,
  substitutionCompletedUseCase,
  substitutionDischargedUseCase,
} from '../app/substitution-treatment.ts';
import type { PendingResult, PendingResults } from '../store/pending-results.ts';
import {
  mongoSubstitutionAdmissions,
  type SubstitutionAdmissions,
} from '../store/substitution-admissions.ts';

async function openOrPark(
  deps: TreatmentDeps,
  pending: PendingResults,
  result: PendingResult,
  admissions?: SubstitutionAdmissions,
): Promise<void> {
  if (!(await deps.persons.get(result.personId))) {
    await pending.park(result);
    // The person's event may have been handled (by the other consumer) between the read
    // above and the park: look again, or the result would stay parked. Opening is
    // idempotent per determination, so both consumers opening it is harmless.
    if (!(await deps.persons.get(result.personId))) return;
  }
  await openFromResultUseCase(deps, result);
  await pending.remove(result.determinationId);
  // Already admitted to methadone treatment: the duty to register is met.
  const admittedOn = await admissions?.admittedOn(result.personId);
  if (admittedOn)
    await substitutionAdmittedUseCase(deps, { personId: result.personId, admittedOn });
}

/**
 * The registry's person stream keeps the projection (residence, birth date); the
 * assessment's results open registration cases for "addicted" (corrections that supersede
 * an earlier result are left for the next step of this service). A result for a person
 * not yet projected is parked and opened when the person's event arrives.
 */
export function startConsumers(
  platform: Platform,
  deps: TreatmentDeps,
  pending: PendingResults,
  groupSuffix = '',
): ConsumerHandle[] {
  const common = {
    fromBeginning: true,
    dedupe: platform.processedEvents,
    deadLetters: platform.deadLetters,
  };
  const admissions = mongoSubstitutionAdmissions(platform.connection);
  return [
    platform.bus.subscribe({
      ...common,
      groupId: `treatment.registry-persons${groupSuffix}`,
      topics: [registryPersonTopic.name],
      handle: async (event) => {
        if (!(await projectRegistryPerson(deps.persons, event))) return;
        for (const result of await pending.forPerson(event.subject))
          await openOrPark(deps, pending, result, admissions);
      },
    }),
    platform.bus.subscribe({
      ...common,
      groupId: `treatment.determination-results${groupSuffix}`,
      topics: [assessmentDeterminationTopic.name],
      handle: async (event) => {
        if (event.type !== determinationConcluded.type) return;
        const data = determinationConcluded.schema.parse(event.data);
        if (data.result !== 'addicted' || data.supersedes) return;
        await openOrPark(
          deps,
          pending,
          {
            determinationId: data.determinationId,
            personId: data.personId,
            notifiedOn: data.notifiedOn,
            ...(data.registrationDeadline
              ? { registrationDeadline: data.registrationDeadline }
              : {}),
          },
          admissions,
        );
      },
    }),
    // Methadone (substitution treatment): an admission meets the duty to register; a
    // completion opens post-rehab management; a discharge for violations, compulsory placement.
    platform.bus.subscribe({
      ...common,
      groupId: `treatment.methadone-treatment${groupSuffix}`,
      topics: [methadoneTreatmentTopic.name],
      handle: async (event) => {
        if (event.type === methadoneAdmitted.type) {
          const data = methadoneAdmitted.schema.parse(event.data);
          await admissions.record(data.personId, data.admittedOn);
          await substitutionAdmittedUseCase(deps, data);
        } else if (event.type === methadoneCompleted.type) {
          const data = methadoneCompleted.schema.parse(event.data);
          await admissions.forget(data.personId);
          await substitutionCompletedUseCase(deps, data);
        } else if (event.type === methadoneDischarged.type) {
          const data = methadoneDischarged.schema.parse(event.data);
          await admissions.forget(data.personId);
          await substitutionDischargedUseCase(deps, data);
        }
      },
    }),
  ];
}
