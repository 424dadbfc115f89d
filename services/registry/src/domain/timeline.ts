import type { LocalDate } from '@rehab/domain-kit';
import type { TimelineEntry } from './person.ts';

/** Inserts an entry keeping the timeline ordered by date, then by recording time. */
export function addToTimeline(
  timeline: readonly TimelineEntry[],
  entry: TimelineEntry,
): TimelineEntry[] {
  const next = [...timeline, entry];
  next.sort((a, b) =>
    a.on === b.on ? a.recordedAt.localeCompare(b.recordedAt) : a.on < b.on ? -1 : 1,
  );
  return next;
}

/** Builds an entry with the fields every entry has. */
export function timelineEntry(
  id: string,
  on: LocalDate,
  recordedAt: Date,
  kind: string,
  summary: string,
  details: TimelineEntry['details'],
  source = 'registry',
): TimelineEntry {
  return { id, on, recordedAt: recordedAt.toISOString(), kind, summary, details, source };
}
