// The work queue's digest of a case: what it owes, by when and by whom, as kept in the due
// index (due-index.ts). The domain's `dueItems` stays the one place that decides what
// is due; the digest drops its `overdue` flag, which depends on the day the queue is read
// and is recomputed then. That is only right while `dueItems` depends on the day through
// `overdue` alone (due-digest.test.ts checks it on every kind of case): an item that came
// and went with the date would need a daily rebuild of the index instead.
import { isAfter, type LocalDate } from '@rehab/domain-kit';
import { dueItems, type TreatmentCase } from '../domain/index.ts';

/**
 * Raise when `dueItems` changes what it lists for an unchanged case (a new kind of item):
 * at start-up the index is rebuilt from the cases when its format is older.
 */
export const DUE_DIGEST_FORMAT = 1;

export type { DueEntry, DueListItem, DuePosition } from '../app/due-queue.ts';
import type { DueEntry, DueListItem, DuePosition } from '../app/due-queue.ts';

/** The queue entries of a case, in queue order. */
export function dueEntries(kase: TreatmentCase): DueEntry[] {
  const base = {
    caseId: kase.id,
    personId: kase.personId,
    unitCode: kase.unitCode,
    kind: kase.kind,
    state: kase.state,
  };
  // Any day gives the same items; only their `overdue` flag, dropped here, differs.
  const entries: DueEntry[] = dueItems(kase, kase.openedOn).map((item) => ({
    ...base,
    what: item.what,
    dueBy: item.dueBy,
    actor: item.actor,
    ...(item.legalRef ? { legalRef: item.legalRef } : {}),
  }));
  // A missed registration stays on the commune's queue with its violation record, the
  // basis of the compulsory placement (Law 73/2021/QH14 Art. 32), as it did before the index.
  if (kase.kind === 'awaiting-registration' && kase.state === 'overdue' && kase.violation) {
    entries.push({
      ...base,
      what: 'violation-recorded-compulsory-placement-basis',
      dueBy: kase.violation.on,
      actor: 'commune',
      legalRef: kase.violation.legalRef,
    });
  }
  return entries.sort(compareEntries);
}

/**
 * Queue order as one string: by due date, then case and item so pages are stable. Overdue
 * items come first because they are exactly those due before today, and a key is below
 * `today` exactly when its date is (the space sorts below every character of ids and names).
 */
export function entryKey(entry: DuePosition): string {
  return `${entry.dueBy} ${entry.caseId} ${entry.what}`;
}

/** Queue order (see {@link entryKey}), by code points so the store and the code agree. */
export function compareEntries(a: DuePosition, b: DuePosition): number {
  const [x, y] = [entryKey(a), entryKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The entry as listed on `today`. */
export function asListItem(entry: DueEntry, today: LocalDate): DueListItem {
  return { ...entry, overdue: isAfter(today, entry.dueBy) };
}

/** True when two digests list the same entries (a step that changes nothing due). */
export function sameEntries(a: readonly DueEntry[], b: readonly DueEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => sameEntry(entry, b[i]));
}

function sameEntry(a: DueEntry, b: DueEntry | undefined): boolean {
  return (
    b !== undefined &&
    a.caseId === b.caseId &&
    a.personId === b.personId &&
    a.unitCode === b.unitCode &&
    a.kind === b.kind &&
    a.state === b.state &&
    a.what === b.what &&
    a.dueBy === b.dueBy &&
    a.actor === b.actor &&
    a.legalRef === b.legalRef
  );
}
