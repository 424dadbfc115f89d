// A person's support file after rehab: the support needs opened by each post-rehab
// management decision (quản lý sau cai nghiện; Law 73/2021/QH14 Art. 40, 43: support with
// schooling, vocational training, loans and job search) and the support given since. One
// document per person, so a need and the support that answers it change together.
import { isBefore, minDate, daysBetween, type LocalDate } from '@rehab/domain-kit';

/** What the post-rehab case says the person needs (treatment's `supportNeed`). */
export const supportNeeds = ['schooling', 'vocational-training', 'job', 'loan'] as const;
export type SupportNeed = (typeof supportNeeds)[number];

/** The kinds of support this service records; each is one `vocational.support.v1` event. */
export const supportKinds = ['counselling', 'training', 'job-placement', 'loan'] as const;
export type SupportKind = (typeof supportKinds)[number];

/** How the person's rehab ended, which opens the loans of Decision 08/2026/QĐ-TTg. */
export const completionKinds = [
  'voluntary-rehab',
  'compulsory-rehab',
  'substitution-treatment',
] as const;
export type CompletionKind = (typeof completionKinds)[number];

/** Where an episode of need comes from. */
export const needSources = ['post-rehab-management', 'methadone-completion'] as const;
export type NeedSource = (typeof needSources)[number];

/** One episode of need: a post-rehab management decision, or a completed methadone treatment. */
export interface NeedEpisode {
  /** The case (or treatment) that opened it; with the person, the episode's identity. */
  episodeId: string;
  source: NeedSource;
  openedOn: LocalDate;
  /** The post-rehab management decision (form 51), which opens the loan request window. */
  decisionOn?: LocalDate;
  needs: SupportNeed[];
  /** The first support recorded after the need was opened. */
  supportedOn?: LocalDate;
  /** Another episode id merged into this one (the post-rehab case after a methadone completion). */
  alsoKnownAs?: string[];
}

export interface SupportRecord {
  /** The record the support is (a counselling session, an enrolment, a placement, a loan). */
  id: string;
  kind: SupportKind;
  on: LocalDate;
}

export interface CounsellingSession {
  id: string;
  on: LocalDate;
  topic: string;
  outcome: string;
  by: string;
}

export const needStatuses = ['waiting', 'supported'] as const;
export type NeedStatus = (typeof needStatuses)[number];

export interface SupportFile {
  /** The person's id (one file per person). */
  id: string;
  unitCode: string;
  episodes: NeedEpisode[];
  completions: { kind: CompletionKind; on: LocalDate; sourceId: string }[];
  supports: SupportRecord[];
  /** Job counselling sessions (tư vấn việc làm), each also a support. */
  counselling: CounsellingSession[];
  /** `waiting` while an episode has no support; absent when no need was ever opened. */
  status?: NeedStatus;
  /** The earliest opening among the waiting episodes (the queue's order). */
  waitingSince?: LocalDate;
}

/** An empty file for a person in `unitCode`. */
export function newSupportFile(personId: string, unitCode: string): SupportFile {
  return { id: personId, unitCode, episodes: [], completions: [], supports: [], counselling: [] };
}

/** Recomputes the queue fields (status, waitingSince) from the episodes. */
function withStatus(file: SupportFile): SupportFile {
  const { status: _status, waitingSince: _since, ...rest } = file;
  if (file.episodes.length === 0) return rest;
  const waiting = file.episodes.filter((episode) => !episode.supportedOn);
  const [first, ...others] = waiting.map((episode) => episode.openedOn);
  return first
    ? { ...rest, status: 'waiting', waitingSince: minDate(first, ...others) }
    : { ...rest, status: 'supported' };
}

/**
 * Opens the need of one episode, once: a second delivery of the same decision changes
 * nothing (returns `undefined`), a later support need of the same episode is added to it.
 */
export function openNeed(
  file: SupportFile,
  input: Omit<NeedEpisode, 'supportedOn' | 'needs' | 'alsoKnownAs'> & {
    needs?: readonly SupportNeed[];
  },
): SupportFile | undefined {
  const needs = input.needs ?? [];
  const existing =
    file.episodes.find(
      (episode) =>
        episode.episodeId === input.episodeId || episode.alsoKnownAs?.includes(input.episodeId),
    ) ?? methadoneEpisodeDecidedBy(file, input);
  if (existing) {
    const added = needs.filter((need) => !existing.needs.includes(need));
    const decisionOn = existing.decisionOn ?? input.decisionOn;
    const merged =
      existing.episodeId !== input.episodeId && !existing.alsoKnownAs?.includes(input.episodeId);
    if (added.length === 0 && decisionOn === existing.decisionOn && !merged) return undefined;
    const next: NeedEpisode = {
      ...existing,
      needs: [...existing.needs, ...added],
      ...(decisionOn ? { decisionOn } : {}),
      ...(merged ? { alsoKnownAs: [...(existing.alsoKnownAs ?? []), input.episodeId] } : {}),
    };
    return withStatus({
      ...file,
      episodes: file.episodes.map((episode) => (episode === existing ? next : episode)),
    });
  }
  const episode: NeedEpisode = {
    episodeId: input.episodeId,
    source: input.source,
    openedOn: input.openedOn,
    needs: [...new Set(needs)],
    ...(input.decisionOn ? { decisionOn: input.decisionOn } : {}),
  };
  return withStatus({ ...file, episodes: [...file.episodes, episode] });
}

/**
 * A completed methadone treatment opens a need at once; the post-rehab management decided
 * after it (Law 73/2021/QH14 Art. 40) is the same episode, not a second need.
 */
function methadoneEpisodeDecidedBy(
  file: SupportFile,
  input: { source: NeedSource; decisionOn?: LocalDate | undefined },
): NeedEpisode | undefined {
  const decisionOn = input.decisionOn;
  if (input.source !== 'post-rehab-management' || !decisionOn) return undefined;
  return file.episodes.find(
    (episode) =>
      episode.source === 'methadone-completion' &&
      !episode.decisionOn &&
      !isBefore(decisionOn, episode.openedOn),
  );
}

/**
 * Records a support given; every episode still waiting is answered by it. Recording the same
 * support again (a retried request) changes nothing (returns `undefined`).
 */
export function recordSupport(file: SupportFile, support: SupportRecord): SupportFile | undefined {
  if (file.supports.some((known) => known.id === support.id)) return undefined;
  return withStatus({
    ...file,
    supports: [...file.supports, support],
    episodes: file.episodes.map((episode) =>
      episode.supportedOn ? episode : { ...episode, supportedOn: support.on },
    ),
  });
}

/** Records how a rehab ended (idempotent per source record). */
export function recordCompletion(
  file: SupportFile,
  completion: SupportFile['completions'][number],
): SupportFile | undefined {
  if (file.completions.some((known) => known.sourceId === completion.sourceId)) return undefined;
  return { ...file, completions: [...file.completions, completion] };
}

/** Where the file stands in its queue: since the wait began, or (supported) the first need. */
export function queueSince(file: SupportFile): LocalDate | undefined {
  if (file.waitingSince) return file.waitingSince;
  const [first, ...others] = file.episodes.map((episode) => episode.openedOn);
  return first ? minDate(first, ...others) : undefined;
}

/** Days the person has waited for support on `today` (0 when not waiting). */
export function daysWaited(file: SupportFile, today: LocalDate): number {
  if (file.status !== 'waiting' || !file.waitingSince) return 0;
  return isBefore(today, file.waitingSince) ? 0 : daysBetween(file.waitingSince, today);
}

/** The most recent post-rehab management decision on the file, if any. */
export function latestDecision(file: SupportFile): LocalDate | undefined {
  return file.episodes
    .map((episode) => episode.decisionOn)
    .filter((on): on is LocalDate => on !== undefined)
    .sort()
    .at(-1);
}

/** Records a counselling session, which is a support; a resent session changes nothing. */
export function recordCounselling(
  file: SupportFile,
  session: CounsellingSession,
): SupportFile | undefined {
  const next = recordSupport(file, { id: session.id, kind: 'counselling', on: session.on });
  return next && { ...next, counselling: [...file.counselling, session] };
}
