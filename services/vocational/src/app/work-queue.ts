// The commune's and the province's work queue: who has no support yet and how long they have
// waited (longest first), and the job follow-ups at 3, 6 and 12 months that are due.
import { addDays, daysBetween, type LocalDate } from '@rehab/domain-kit';
import {
  daysWaited,
  dueFollowUps,
  queueSince,
  type NeedStatus,
  type Placement,
  type SupportFile,
} from '../domain/index.ts';
import type { VocationalDeps } from './deps.ts';
import type { Stored } from './ports.ts';

export interface QueueEntry {
  file: Stored<SupportFile>;
  daysWaited: number;
}

export interface FollowUpDue {
  placement: Stored<Placement>;
  months: number;
  dueOn: LocalDate;
  daysOverdue: number;
}

/**
 * One page of the queue of `unitCode` (a commune, or a province for all its communes),
 * longest wait first (supported files by their first need), with the cursor position of
 * the next page when there is one.
 */
export async function needsQueue(
  deps: VocationalDeps,
  query: {
    unitCode: string;
    status: NeedStatus;
    limit: number;
    after?: { since: string; id: string } | undefined;
  },
): Promise<{ entries: QueueEntry[]; next?: { since: string; id: string } }> {
  const today = deps.clock.today();
  const files = await deps.files.queuePage({
    ...query,
    // A need dated ahead of today (a clock behind the sender's) still shows.
    to: addDays(today, 366),
  });
  const page = files.slice(0, query.limit);
  const last = page.at(-1);
  const since = last && queueSince(last);
  return {
    entries: page.map((file) => ({ file, daysWaited: daysWaited(file, today) })),
    ...(files.length > query.limit && last && since ? { next: { since, id: last.id } } : {}),
  };
}

/** Names the persons of a page (under need-to-know: only the page the caller may see). */
export async function withNames<T extends { personId: string }>(
  deps: VocationalDeps,
  entries: T[],
): Promise<(T & { fullName?: string })[]> {
  return Promise.all(
    entries.map(async (entry) => {
      const person = await deps.persons.get(entry.personId);
      return person ? { ...entry, fullName: person.fullName } : entry;
    }),
  );
}

/** Follow-ups due on or before today in `unitCode`, most overdue first. */
export async function followUpsDue(deps: VocationalDeps, unitCode: string): Promise<FollowUpDue[]> {
  const today = deps.clock.today();
  const placements = await deps.placements.withFollowUpOpen(unitCode);
  return placements
    .flatMap((placement) =>
      dueFollowUps(placement, today).map((followUp) => ({
        placement,
        months: followUp.months,
        dueOn: followUp.dueOn,
        daysOverdue: daysBetween(followUp.dueOn, today),
      })),
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.placement.id.localeCompare(b.placement.id));
}
