// What the vocational service learns from the others' events:
// - registry.person.v1 keeps the person projection (name, birth date, residence: need-to-know
//   for the work queue and the loan list), and moves a support file with the person;
// - treatment.case.v1: a completed voluntary rehab or a release from compulsory rehab is the
//   basis of a loan; the post-rehab management decision opens a need, and each support need
//   recorded during management is added to it (once per person and episode);
// - methadone.treatment.v1: a completed substitution treatment is the basis of a loan and
//   opens a need, which the post-rehab decision after it joins.
import {
  caseChanged,
  methadoneCompleted,
  methadoneTreatmentTopic,
  registryPersonTopic,
  treatmentCaseTopic,
  type ConsumerHandle,
  type EventEnvelope,
} from '@rehab/events';
import { projectRegistryPerson, type Platform } from '@rehab/service-kit';
import type { VocationalDeps } from '../app/deps.ts';
import { moveFileUseCase, openNeedUseCase, recordCompletionUseCase } from '../app/support-files.ts';
import type { CompletionKind } from '../domain/index.ts';

/** The commune of the event, else where the person lives; a dead letter if neither is known. */
async function unitOf(deps: VocationalDeps, personId: string, unitCode?: string): Promise<string> {
  if (unitCode) return unitCode;
  const person = await deps.persons.get(personId);
  if (!person)
    throw new Error(`No unit known for person ${personId}: the registry's event has not arrived`);
  return person.residenceUnitCode;
}

const completionOf = (kind: string, step: string | undefined): CompletionKind | undefined => {
  if ((kind === 'voluntary-home' || kind === 'voluntary-facility') && step === 'complete')
    return 'voluntary-rehab';
  if (kind === 'compulsory' && step === 'release') return 'compulsory-rehab';
  return undefined;
};

/** Handles one treatment case event. */
export async function onTreatmentCase(deps: VocationalDeps, event: EventEnvelope): Promise<void> {
  if (event.type !== caseChanged.type) return;
  const data = caseChanged.schema.parse(event.data);
  const completion = completionOf(data.kind, data.step);
  if (completion) {
    await recordCompletionUseCase(deps, {
      personId: data.personId,
      unitCode: await unitOf(deps, data.personId, data.unitCode),
      kind: completion,
      on: data.changedOn,
      sourceId: data.caseId,
    });
    return;
  }
  if (data.kind !== 'post-rehab') return;
  const decided = data.step === 'decide';
  const needRecorded = data.step === 'record-support-need' && data.supportNeed;
  if (!decided && !needRecorded) return;
  await openNeedUseCase(deps, {
    personId: data.personId,
    unitCode: await unitOf(deps, data.personId, data.unitCode),
    episodeId: data.caseId,
    source: 'post-rehab-management',
    openedOn: data.changedOn,
    ...(decided ? { decisionOn: data.changedOn } : {}),
    needs: data.supportNeed ? [data.supportNeed] : [],
  });
}

/** Handles one methadone treatment event: only a completion matters here. */
export async function onMethadoneTreatment(
  deps: VocationalDeps,
  event: EventEnvelope,
): Promise<void> {
  if (event.type !== methadoneCompleted.type) return;
  const data = methadoneCompleted.schema.parse(event.data);
  const person = await deps.persons.get(data.personId);
  const unitCode = person?.residenceUnitCode ?? data.clinicUnitCode;
  const episodeId = `methadone:${data.patientId}:${data.completedOn}`;
  await recordCompletionUseCase(deps, {
    personId: data.personId,
    unitCode,
    kind: 'substitution-treatment',
    on: data.completedOn,
    sourceId: episodeId,
  });
  await openNeedUseCase(deps, {
    personId: data.personId,
    unitCode,
    episodeId,
    source: 'methadone-completion',
    openedOn: data.completedOn,
    needs: [],
  });
}

export interface ConsumerOptions {
  groupSuffix?: string;
  /** Tests that share the broker may start at the end of the treatment and methadone topics. */
  fromBeginning?: boolean;
}

export function startConsumers(
  platform: Platform,
  deps: VocationalDeps,
  options: ConsumerOptions = {},
): ConsumerHandle[] {
  const suffix = options.groupSuffix ?? '';
  const common = {
    fromBeginning: options.fromBeginning ?? true,
    dedupe: platform.processedEvents,
    deadLetters: platform.deadLetters,
  };
  return [
    platform.bus.subscribe({
      ...common,
      fromBeginning: true,
      groupId: `vocational.registry-persons${suffix}`,
      topics: [registryPersonTopic.name],
      handle: async (event) => {
        if (!(await projectRegistryPerson(deps.persons, event))) return;
        const person = await deps.persons.get(event.subject);
        if (person) await moveFileUseCase(deps, person.id, person.residenceUnitCode);
      },
    }),
    platform.bus.subscribe({
      ...common,
      groupId: `vocational.treatment-cases${suffix}`,
      topics: [treatmentCaseTopic.name],
      handle: (event) => onTreatmentCase(deps, event),
    }),
    platform.bus.subscribe({
      ...common,
      groupId: `vocational.methadone-treatments${suffix}`,
      topics: [methadoneTreatmentTopic.name],
      handle: (event) => onMethadoneTreatment(deps, event),
    }),
  ];
}
