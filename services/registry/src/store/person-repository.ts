import { NotFoundError } from '@rehab/domain-kit';
import type { Persistence, StoredDocument } from '@rehab/persistence';
import { translateMongoError, type UnitDirectory } from '@rehab/service-kit';
import type { PersonRepository } from '../app/ports.ts';
import { registryErrors } from '../domain/errors.ts';
import type { Person } from '../domain/person.ts';
import {
  nameKeyOf,
  personIndexes,
  toPerson,
  toStoredFields,
  type PersonDocument,
} from './person-document.ts';
import type { NationalIdProtector } from './national-id-protector.ts';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Persons on the persistence kit: one document each, with its outbox and the search keys
 * derived from it in the same write (so no second write can be left half done). Returns
 * plain domain objects; driver errors that mean "retry later" become 503s.
 */
export function mongoPersonRepository(
  persistence: Persistence,
  connection: { collection(name: string): { find(filter: object): FindCursor } },
  protector: NationalIdProtector,
  units: UnitDirectory,
): PersonRepository {
  const store = persistence.aggregates<Person>({
    collection: 'persons',
    indexes: personIndexes,
    toDocument: (person) => toStoredFields(person, protector, units),
    fromDocument: (document: StoredDocument) =>
      toPerson(document as unknown as PersonDocument, protector),
    notFound: (id) => new NotFoundError(registryErrors.personNotFound, { params: { id } }),
  });
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw translateMongoError(error);
    }
  };
  const load = (documents: unknown[]) =>
    documents.map((document) => toPerson(document as PersonDocument, protector));
  return {
    insert: (person, events) => guarded(() => store.insert(person, events)),
    get: (id) => guarded(() => store.get(id)),
    exists: (id) => guarded(() => store.exists(id)),
    change: (id, decide, options) => guarded(() => store.change(id, decide, options)),
    findByNameAndBirth: (nameFolded, dateOfBirth) =>
      guarded(() => store.findBy({ nameKey: nameKeyOf(nameFolded, dateOfBirth) })),
    async search({ nameWords, unitCode, provinceCode, afterId, limit }) {
      // The officer's search: the unit or province equality narrows on the index first; the
      // name words and the cursor are then filtered over what it selected.
      const filter: Record<string, unknown> = {};
      if (unitCode) filter.residenceUnitCode = unitCode;
      if (provinceCode) filter.provinceCode = provinceCode;
      if (afterId) filter._id = { $gt: afterId };
      if (nameWords.length > 0) {
        filter.$and = nameWords.map((word) => ({
          nameFolded: { $regex: `(^| )${escapeRegex(word)}` },
        }));
      }
      return load(
        await guarded(() =>
          connection.collection('persons').find(filter).sort({ _id: 1 }).limit(limit).toArray(),
        ),
      );
    },
    everResidentIn: (unitCode) => guarded(() => store.findBy({ residenceUnitCodes: unitCode })),
  };
}

interface FindCursor {
  sort(spec: Record<string, 1 | -1>): FindCursor;
  limit(n: number): FindCursor;
  toArray(): Promise<unknown[]>;
}
