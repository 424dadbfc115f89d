// The person's support file as use cases change it: opening needs from the treatment and
// methadone events, recording how rehab ended, and marking each support given. Every
// change is idempotent (a redelivered event or a retried request changes nothing).
import type { EventEnvelope } from '@rehab/events';
import { supportNeedOpened } from '@rehab/events';
import {
  openNeed,
  recordCompletion,
  recordSupport,
  type NeedEpisode,
  type SupportFile,
  type SupportRecord,
} from '../domain/index.ts';
import { vocationalEvent, type Actor, type VocationalDeps } from './deps.ts';

/** The service itself, as the actor of what it does on other services' events. */
export const serviceActor: Actor = { agency: 'labour', orgUnit: 'system', sub: 'vocational' };

/** Applies `step` to the person's file (created empty in `unitCode` if absent). */
export async function changeFile(
  deps: VocationalDeps,
  personId: string,
  unitCode: string,
  step: (file: SupportFile) => { next: SupportFile; events: EventEnvelope[] } | undefined,
): Promise<SupportFile> {
  await deps.files.ensure(personId, unitCode);
  const { aggregate } = await deps.files.change(personId, (current) => {
    const outcome = step(current);
    return outcome
      ? {
          next: { ...outcome.next, version: current.version },
          events: outcome.events,
          result: undefined,
        }
      : { result: undefined };
  });
  return aggregate;
}

export interface OpenNeedInput extends Omit<NeedEpisode, 'supportedOn' | 'needs'> {
  personId: string;
  unitCode: string;
  needs: NeedEpisode['needs'];
}

/**
 * Opens the need of one episode once per person and episode; a later support need of the
 * episode is added to it. A new episode is announced (the supported share's denominator).
 */
export function openNeedUseCase(deps: VocationalDeps, input: OpenNeedInput): Promise<SupportFile> {
  const { personId, unitCode, ...episode } = input;
  return changeFile(deps, personId, unitCode, (file) => {
    const isNew = !file.episodes.some((known) => known.episodeId === episode.episodeId);
    const next = openNeed(file, episode);
    if (!next) return undefined;
    const opened = next.episodes.find((known) => known.episodeId === episode.episodeId);
    const events =
      isNew && opened
        ? [
            vocationalEvent(supportNeedOpened, personId, serviceActor, {
              personId,
              episodeId: opened.episodeId,
              source: opened.source,
              unitCode: next.unitCode,
              openedOn: opened.openedOn,
              needs: opened.needs,
            }),
          ]
        : [];
    return { next, events };
  });
}

/** Records how a rehab ended (the basis of a loan), once per source record. */
export function recordCompletionUseCase(
  deps: VocationalDeps,
  input: { personId: string; unitCode: string } & SupportFile['completions'][number],
): Promise<SupportFile> {
  const { personId, unitCode, ...completion } = input;
  return changeFile(deps, personId, unitCode, (file) => {
    const next = recordCompletion(file, completion);
    return next ? { next, events: [] } : undefined;
  });
}

/**
 * Marks a support on the person's file (its event went with the support's own record), so
 * the work queue no longer shows them waiting. Repeating it changes nothing.
 */
export function markSupported(
  deps: VocationalDeps,
  personId: string,
  unitCode: string,
  support: SupportRecord,
): Promise<SupportFile> {
  return changeFile(deps, personId, unitCode, (file) => {
    const next = recordSupport(file, support);
    return next ? { next, events: [] } : undefined;
  });
}

/** Moves an existing file to the person's new commune (a move reported to the registry). */
export async function moveFileUseCase(
  deps: VocationalDeps,
  personId: string,
  unitCode: string,
): Promise<void> {
  const file = await deps.files.get(personId);
  if (!file || file.unitCode === unitCode) return;
  await deps.files.change(personId, (current) =>
    current.unitCode === unitCode
      ? { result: undefined }
      : { next: { ...current, unitCode }, events: [], result: undefined },
  );
}
