import type { EventEnvelope } from '@rehab/events';
import type { LocalDate } from '@rehab/domain-kit';
import type { Changed, ChangeOptions, Decision } from '@rehab/persistence';
import type { Person } from '../domain/person.ts';

/** Persons as the use cases need them; implemented on the persistence kit in store/. */
export interface PersonRepository {
  /**
   * Inserts a new person with its first events in one write (the registration's commit).
   * Returns the person stored: on the retry of a request whose first attempt inserted its
   * person before dying, that person, not a second one.
   */
  insert(person: Person, events: EventEnvelope[]): Promise<Person>;
  get(id: string): Promise<Person | undefined>;
  exists(id: string): Promise<boolean>;
  /**
   * Loads the person, lets `decide` choose, and saves the next state with its events in one
   * single-document write, alone for this person (404 when absent; with `expectedVersion`,
   * 412 when the stored version differs). A decision that changes nothing writes nothing.
   */
  change<R>(
    id: string,
    decide: (person: Person) => Decision<Person, R> | Promise<Decision<Person, R>>,
    options?: ChangeOptions<Person>,
  ): Promise<Changed<Person, R>>;
  findByNameAndBirth(nameFolded: string, dateOfBirth: LocalDate): Promise<Person[]>;
  search(filter: PersonSearch): Promise<Person[]>;
  /** Everyone who has ever lived in the unit (the management list filters by date). */
  everResidentIn(unitCode: string): Promise<Person[]>;
}

export interface PersonSearch {
  /** Folded name words that must all start words of the name. */
  nameWords: string[];
  unitCode?: string;
  provinceCode?: string;
  afterId?: string;
  limit: number;
}

/** The uniqueness guard of national ID numbers (a key collection, since some persons have none). */
export interface NationalIdIndex {
  /** Claims the number for the person; answers who holds it when taken. */
  claim(
    nationalId: string,
    personId: string,
  ): Promise<{ claimed: true } | { claimed: false; holderId: string }>;
  release(nationalId: string, personId: string): Promise<void>;
}

/** Today's date in Vietnam and the current instant; injected so tests can fix time. */
export interface Clock {
  now(): Date;
  today(): LocalDate;
}

/** Ids for new records (UUID v7, time-ordered). */
export type IdGenerator = () => string;
