// The repositories the use cases need, implemented on the persistence kit in store/.
import type { EventEnvelope } from '@rehab/events';
import type { Changed, ChangeOptions, Decision } from '@rehab/persistence';
import type {
  Course,
  Enrolment,
  LoanList,
  LoanPurpose,
  Placement,
  SupportFile,
} from '../domain/index.ts';

/** A record with the version its ETag names. */
export type Stored<T> = T & { version: number };

/** What every aggregate collection offers. */
export interface Aggregates<T extends { id: string }> {
  get(id: string): Promise<Stored<T> | undefined>;
  insert(record: Stored<T>, events: readonly EventEnvelope[]): Promise<void>;
  /** Load, decide, save with the events, alone for the record (404 absent, 412 stale). */
  change<R>(
    id: string,
    decide: (current: Stored<T>) => Decision<Stored<T>, R> | Promise<Decision<Stored<T>, R>>,
    options?: ChangeOptions<Stored<T>>,
  ): Promise<Changed<Stored<T>, R>>;
}

export interface QueueQuery {
  unitCode: string;
  status: 'waiting' | 'supported';
  after?: { since: string; id: string } | undefined;
  limit: number;
  to: string;
}

/** Support files, one per person; the work queue reads them by unit and status. */
export interface SupportFileRepository extends Aggregates<SupportFile> {
  /** Creates the person's empty file unless it exists (safe under concurrency). */
  ensure(personId: string, unitCode: string): Promise<void>;
  /**
   * Up to `limit + 1` files of a commune's (or a province's) queue in queue order (since,
   * then id), after the cursor position, among files whose position is up to `to`.
   */
  queuePage(query: QueueQuery): Promise<Stored<SupportFile>[]>;
  /** Inserts many new files at once (seeds, imports), their queue directory first. */
  insertMany(files: readonly Stored<SupportFile>[]): Promise<void>;
  /** Every file of a commune with a need opened (the loan eligibility list). */
  withNeedIn(unitCode: string): Promise<Stored<SupportFile>[]>;
}

export interface CourseRepository extends Aggregates<Course> {
  /** The courses held in a unit (a commune, or the province's own). */
  inUnit(unitCode: string): Promise<Stored<Course>[]>;
}

export interface EnrolmentRepository extends Aggregates<Enrolment> {
  /**
   * Binds the person's enrolment in a course to `enrolmentId` unless another already holds
   * it; returns the holder (a resent enrolment finds the first one).
   */
  claimPerson(courseId: string, personId: string, enrolmentId: string): Promise<string>;
  releasePerson(courseId: string, personId: string, enrolmentId: string): Promise<void>;
  /**
   * Takes the first free place of the course (1..capacity) for `enrolmentId`, by an insert
   * against the place's unique key; undefined when every place is held.
   */
  takeSeat(courseId: string, capacity: number, enrolmentId: string): Promise<number | undefined>;
  byCourse(courseId: string): Promise<Stored<Enrolment>[]>;
  /** Inserts the enrolment unless one with its id exists; false when it did (a concurrent resend). */
  insertOnce(enrolment: Stored<Enrolment>, events: readonly EventEnvelope[]): Promise<boolean>;
}

export interface PlacementRepository extends Aggregates<Placement> {
  /** Placements of a commune (or province) with a follow-up still to record. */
  withFollowUpOpen(unitCode: string): Promise<Stored<Placement>[]>;
}

export interface LoanListRepository extends Aggregates<LoanList> {
  /** Notes that the lists may hold these persons (written before the list itself). */
  noteEntries(listId: string, personIds: readonly string[]): Promise<void>;
  /** Lists that may hold the person (check `personIds` on each: notes can be stale). */
  listsOf(personId: string): Promise<Stored<LoanList>[]>;
  byUnit(unitCode: string): Promise<Stored<LoanList>[]>;
}

export interface Loan {
  id: string;
  personId: string;
  unitCode: string;
  listId: string;
  amountVnd: number;
  termMonths: number;
  purpose: LoanPurpose;
  disbursedOn: string;
  legalRef: string;
  recordedBy: string;
}

export interface EmployerLoan {
  id: string;
  unitCode: string;
  employer: { name: string; taxCode?: string };
  amountVnd: number;
  workers: number;
  postRehabWorkers: number;
  sharePercent: number;
  disbursedOn: string;
  legalRef: string;
  recordedBy: string;
}

export interface LoanRepository extends Aggregates<Loan> {
  byPerson(personId: string): Promise<Stored<Loan>[]>;
}

export type EmployerLoanRepository = Aggregates<EmployerLoan>;
