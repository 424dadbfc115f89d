import type { LocalDate } from '@rehab/domain-kit';
import type { EventEnvelope } from '@rehab/events';
import type { Changed, ChangeOptions, Decision } from '@rehab/persistence';
import type { TreatmentCase } from '../domain/index.ts';
import type { DueEntry, DuePage, DueQuery } from './due-queue.ts';

/** A case with its version (the ETag). */
export type StoredCase = TreatmentCase & { version: number };

/** Cases as the use cases need them; implemented on the persistence kit in store/. */
export interface CaseRepository {
  insert(kase: StoredCase, events: readonly EventEnvelope[]): Promise<void>;
  /** Inserts many new cases at once (seeds, imports), queue entries included. */
  insertMany(batch: ReadonlyArray<{ kase: StoredCase; events: EventEnvelope[] }>): Promise<void>;
  get(id: string): Promise<StoredCase | undefined>;
  /**
   * Loads the case, lets `decide` choose, and saves the next state with its events and its
   * queue entries, alone for this case (404 when absent; 412 on another `expectedVersion`).
   */
  change<R>(
    id: string,
    decide: (kase: StoredCase) => Decision<StoredCase, R> | Promise<Decision<StoredCase, R>>,
    options?: ChangeOptions<StoredCase>,
  ): Promise<Changed<StoredCase, R>>;
  byPerson(personId: string): Promise<StoredCase[]>;
  /** One commune's cases of one kind (e.g. the post-rehab list). */
  byUnitAndKind(unitCode: string, kind: StoredCase['kind']): Promise<StoredCase[]>;
  /** The post-rehab cases a helper is assigned to. */
  byHelper(helperId: string): Promise<StoredCase[]>;
  /** A page of the work queue of some units, read from the due index (no case is read). */
  dueWork(query: DueQuery): Promise<DuePage>;
  /** Queue entries due before `today` in every unit: the deadline sweep's candidates. */
  dueBefore(today: LocalDate): Promise<DueEntry[]>;
  /** Finishes the queue updates a crash interrupted; returns how many cases it resynced. */
  repairDueIndex(): Promise<number>;
  /**
   * The case id bound to `key` (a determination result, or a step that opens a follow-on
   * case): the first caller binds `caseId`, every later one gets the bound id, so a
   * redelivered event or a retried step opens one case.
   */
  claim(key: string, caseId: string): Promise<string>;
  /** Runs `work` alone for `key` across processes (one person's openings, one helper). */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
}
