// The treatment's work queue as the use cases see it: its entries, a page of it, and the
// query that reads one. The due index (store/due-index.ts) keeps and reads it.
import type { LocalDate } from '@rehab/domain-kit';
import type { TreatmentCase } from '../domain/index.ts';

/** One thing a case owes, as the index keeps it. */
export interface DueEntry {
  caseId: string;
  personId: string;
  unitCode: string;
  kind: TreatmentCase['kind'];
  /** The case's state when the entry was made (the sweep picks its candidates by it). */
  state: string;
  what: string;
  dueBy: LocalDate;
  actor: string;
  legalRef?: string;
}

/** An entry as listed on `today`. */
export type DueListItem = DueEntry & { overdue: boolean };

/** Where a page of the queue ends: the next page starts after this entry. */
export interface DuePosition {
  dueBy: LocalDate;
  caseId: string;
  what: string;
}

/** A page of the queue of some units, read on `today`. */
export interface DueQuery {
  unitCodes: readonly string[];
  today: LocalDate;
  limit: number;
  /** Only items of these actors (all when absent). */
  actors?: readonly string[] | undefined;
  after?: DuePosition | undefined;
}

export interface DuePage {
  /** Items due before `today` in the whole queue (not only this page). */
  overdue: number;
  items: DueListItem[];
  /** Present when more items follow. */
  next?: DuePosition;
}
