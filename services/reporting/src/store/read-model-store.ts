// The read models on the persistence kit: one record per person (pseudonymous) and one per
// series (a fact in a unit, its days and cells), each in a generation so that a rebuild can
// fill a fresh one beside the live one and switch over. Every query is a look-up by `_id`.
// The facts and the days are stored as JSON text: FerretDB 1.24 silently ignores a `$set`
// of an embedded document that differs from the stored one only in its keys (measured:
// `{d1: {total: 1}}` set to `{d2: {total: 1}}` stays `d1`), and these maps change that way.
import {
  flatDocument,
  groupInsert,
  type Persistence,
  type StoredDocument,
} from '@rehab/persistence';
import { NotFoundError } from '@rehab/domain-kit';
import type { Connection } from 'mongoose';
import { applySeriesChange, type SeriesChange } from '../domain/contributions.ts';
import type { Fact } from '../domain/facts.ts';
import { noFacts, type PersonFacts } from '../domain/person-facts.ts';
import { appErrors } from '../app/app-errors.ts';
import type {
  CountingIntent,
  GenerationPointer,
  ReadModelStore,
  StoredPerson,
} from '../app/ports.ts';
import { insertOrChange } from './upsert.ts';

interface PersonRecord {
  id: string;
  version: number;
  generation: string;
  /** PersonFacts as JSON. */
  facts: string;
  /** The CountingIntent whose counters are still to move, as JSON (apply-event.ts). */
  pending?: string;
}

interface SeriesRecord {
  id: string;
  version: number;
  generation: string;
  fact: Fact;
  unitCode: string;
  /** SeriesChange as JSON. */
  days: string;
  asOf?: string;
  /**
   * The intents this series took whose person may not have cleared them yet, as JSON
   * `[intentId, pseudonym][]`: one left by a crash makes its redelivery skip this series.
   * Each change drops those whose person has moved on, so few stay.
   */
  took?: string;
}

interface PointerRecord {
  id: string;
  version: number;
  generation: string;
  switchedAt: string;
}

const PERSONS = 'readModelPersons';
const SERIES = 'readModelSeries';
const missing = (id: string) =>
  new NotFoundError(appErrors.reportNotFound, { params: { period: id, unitCode: '' } });

/** Opens the read-model collections once; `generation(g)` gives the store of one generation. */
export function mongoReadModels(persistence: Persistence, connection: Connection) {
  const persons = persistence.aggregates<PersonRecord>({
    collection: PERSONS,
    indexes: [{ key: { generation: 1 } }],
    ...flatDocument<PersonRecord>(),
    notFound: missing,
  });
  const series = persistence.aggregates<SeriesRecord>({
    collection: SERIES,
    indexes: [{ key: { generation: 1 } }],
    ...flatDocument<SeriesRecord>(),
    notFound: missing,
  });
  const pointer = persistence.aggregates<PointerRecord>({
    collection: 'readModelGeneration',
    ...flatDocument<PointerRecord>(),
    notFound: missing,
  });

  const generation = (name: string): ReadModelStore => ({
    generation: name,
    async getPerson(pseudonym): Promise<StoredPerson | undefined> {
      const record = await persons.get(`${name}|${pseudonym}`);
      if (!record) return undefined;
      const facts = JSON.parse(record.facts) as PersonFacts;
      return record.pending
        ? { facts, pending: JSON.parse(record.pending) as CountingIntent }
        : { facts };
    },
    async putPerson(pseudonym, facts, isNew, pending) {
      await insertOrChange(
        persons,
        `${name}|${pseudonym}`,
        (): PersonRecord => ({
          id: `${name}|${pseudonym}`,
          version: 1,
          generation: name,
          facts: JSON.stringify(noFacts),
        }),
        ({ pending: _done, ...current }): PersonRecord => ({
          ...current,
          facts: JSON.stringify(facts),
          ...(pending ? { pending: JSON.stringify(pending) } : {}),
        }),
        !isNew,
      );
    },
    async applySeries(fact, unitCode, change, intent) {
      const id = `${name}|${fact}|${unitCode}`;
      /** An intent is still open while its person's record holds it. */
      const stillOpen = async ([intentId, pseudonym]: [string, string]) => {
        const person = await persons.get(`${name}|${pseudonym}`);
        return (
          person?.pending !== undefined &&
          (JSON.parse(person.pending) as CountingIntent).id === intentId
        );
      };
      await insertOrChange(
        series,
        id,
        (): SeriesRecord => ({ id, version: 1, generation: name, fact, unitCode, days: '{}' }),
        async (current) => {
          const took = JSON.parse(current.took ?? '[]') as [string, string][];
          if (took.some(([intentId]) => intentId === intent.id)) return current;
          const open: [string, string][] = [];
          for (const entry of took) if (await stillOpen(entry)) open.push(entry);
          return {
            ...current,
            days: JSON.stringify(
              applySeriesChange(JSON.parse(current.days) as SeriesChange, change),
            ),
            asOf: current.asOf && current.asOf > intent.eventTime ? current.asOf : intent.eventTime,
            took: JSON.stringify([...open, [intent.id, intent.pseudonym]]),
          };
        },
      );
    },
    async getSeries(fact, unitCode) {
      const record = await series.get(`${name}|${fact}|${unitCode}`);
      if (!record) return undefined;
      const days = JSON.parse(record.days) as SeriesChange;
      return { days, ...(record.asOf ? { asOf: record.asOf } : {}) };
    },
    exclusivePerson: (pseudonym, work) =>
      persistence.exclusive(`reporting-person|${name}|${pseudonym}`, work),
    async load(people, allSeries) {
      const base = { version: 1, outbox: [], outboxPending: false, generation: name };
      const personGroup = groupInsert(connection.collection<StoredDocument>(PERSONS));
      const seriesGroup = groupInsert(connection.collection<StoredDocument>(SERIES));
      await Promise.all([
        ...[...people].map(([pseudonym, facts]) =>
          personGroup.insert({
            ...base,
            _id: `${name}|${pseudonym}`,
            facts: JSON.stringify(facts),
          }),
        ),
        ...[...allSeries.values()].map((s) =>
          seriesGroup.insert({
            ...base,
            _id: `${name}|${s.fact}|${s.unitCode}`,
            ...s,
            days: JSON.stringify(s.days),
          }),
        ),
      ]);
    },
    async drop() {
      // Equality on an indexed top-level field: pushed down on the stand-in.
      await connection.collection(PERSONS).deleteMany({ generation: name });
      await connection.collection(SERIES).deleteMany({ generation: name });
    },
  });

  const generations: GenerationPointer = {
    async active() {
      return (await pointer.get('active'))?.generation ?? 'g1';
    },
    async switchTo(next) {
      await insertOrChange(
        pointer,
        'active',
        () => ({ id: 'active', version: 1, generation: next, switchedAt: '' }),
        (current) => ({ ...current, generation: next, switchedAt: new Date().toISOString() }),
      );
    },
  };
  return { generation, generations };
}
