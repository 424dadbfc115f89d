// What the use cases need from storage; implemented on the persistence kit in store/.
import type { LocalDate } from '@rehab/domain-kit';
import type { SeriesChange } from '../domain/contributions.ts';
import type { Fact } from '../domain/facts.ts';
import type { Figure } from '../domain/indicators.ts';
import type { PersonFacts } from '../domain/person-facts.ts';

/** One series of a read model: a fact in a unit, day by day, and its newest event's time. */
export interface StoredSeries {
  readonly days: SeriesChange;
  readonly asOf?: string;
}

/** The read models of one generation (a rebuild fills a new one, then switches over). */
/**
 * The counter changes of one event, written with the person's new facts before any counter
 * moves: a crash or failure between the counters' writes leaves it on the person's record,
 * and the next processing of the person finishes it (each series knows the intents it took).
 */
export interface CountingIntent {
  /** `<pseudonym>:<event id>`. */
  readonly id: string;
  readonly eventTime: string;
  readonly changes: readonly (readonly [fact: Fact, unitCode: string, change: SeriesChange])[];
}

export interface StoredPerson {
  facts: PersonFacts;
  pending?: CountingIntent;
}

export interface ReadModelStore {
  readonly generation: string;
  getPerson(pseudonym: string): Promise<StoredPerson | undefined>;
  /**
   * Writes the person's facts with the intent whose counters are still to move (none: all
   * moved). `isNew`: the person had no record when read (under the person's lock).
   */
  putPerson(
    pseudonym: string,
    facts: PersonFacts,
    isNew: boolean,
    pending?: CountingIntent,
  ): Promise<void>;
  /**
   * Adds an intent's change to a series, alone for it, once: a series that took the intent
   * already is left as it is. `eventTime` moves its asOf forward.
   */
  applySeries(
    fact: Fact,
    unitCode: string,
    change: SeriesChange,
    intent: { id: string; pseudonym: string; eventTime: string },
  ): Promise<void>;
  getSeries(fact: Fact, unitCode: string): Promise<StoredSeries | undefined>;
  /** Runs `work` alone for one person across processes. */
  exclusivePerson<T>(pseudonym: string, work: () => Promise<T>): Promise<T>;
  /** Writes a generation built in memory (a rebuild) in groups; the generation must be empty. */
  load(
    persons: ReadonlyMap<string, PersonFacts>,
    series: ReadonlyMap<
      string,
      { fact: Fact; unitCode: string; days: SeriesChange; asOf?: string }
    >,
  ): Promise<void>;
  /** Deletes every record of this generation (after a switch-over). */
  drop(): Promise<void>;
}

/** Which generation of read models answers queries. */
export interface GenerationPointer {
  active(): Promise<string>;
  switchTo(generation: string): Promise<void>;
}

export interface TargetSet {
  readonly year: number;
  readonly unitCode: string;
  readonly values: Readonly<Record<string, number>>;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
}

export interface TargetStore {
  get(year: number, unitCode: string): Promise<TargetSet | undefined>;
  /** Replaces the unit's targets for the year, alone for that record. */
  put(target: Omit<TargetSet, 'version'>): Promise<TargetSet>;
}

export interface ActivityEntry {
  readonly period: string;
  readonly unitCode: string;
  readonly activity: string;
  readonly value: number;
  readonly note?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface ActivityStore {
  /** One value per period, unit and activity: a second entry replaces the first. */
  put(entry: ActivityEntry): Promise<ActivityEntry>;
  listForPeriod(period: string): Promise<ActivityEntry[]>;
}

/** A frozen report: one version of one unit's report for one period. */
export interface ReportVersion {
  readonly period: string;
  readonly unitCode: string;
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedOn: LocalDate;
  readonly submittedBy: { agency: string; orgUnit: string; sub: string };
  readonly dueDate: LocalDate;
  readonly onTime: boolean;
  readonly asOf: string | null;
  readonly figures: readonly Figure[];
  readonly activities: Readonly<Record<string, number>>;
  readonly targets: Readonly<Record<string, number>>;
}

export interface ReportVersionStore {
  /** False when that version exists already (the unique key decides between racers). */
  insert(report: ReportVersion): Promise<boolean>;
  listFor(period: string, unitCode: string): Promise<ReportVersion[]>;
  listForPeriod(period: string): Promise<ReportVersion[]>;
}
