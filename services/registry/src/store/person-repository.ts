import type { Connection, Model } from 'mongoose';
import { updateIfVersion, type DocumentLock } from '@rehab/events';
import { staleVersionError, translateMongoError, type UnitDirectory } from '@rehab/service-kit';
import { foldDiacritics, NotFoundError } from '@rehab/domain-kit';
import type { PersonRepository } from '../app/ports.ts';
import { registryErrors } from '../domain/errors.ts';
import { personSchema, toPerson, toStoredFields, type PersonDocument } from './person-document.ts';
import type { NationalIdProtector } from './national-id-protector.ts';
import type { PersonNameKeys } from './person-name-keys.ts';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The person collection; returns plain domain objects, never mongoose documents. */
export function mongoPersonRepository(
  connection: Connection,
  protector: NationalIdProtector,
  units: UnitDirectory,
  nameKeys: PersonNameKeys,
  /** Held by the caller around each save (see updateIfVersion). */
  lock: DocumentLock,
): PersonRepository & {
  model: Model<PersonDocument>;
  exists(id: string): Promise<boolean>;
  ensureIndexes(): Promise<void>;
} {
  const model = connection.model<PersonDocument>('Person', personSchema);
  const load = (documents: PersonDocument[]) =>
    documents.map((document) => toPerson(document, protector));
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw translateMongoError(error);
    }
  };
  return {
    model,
    async insert(person, events) {
      await guarded(() =>
        model.collection.insertOne({
          _id: person.id,
          version: person.version,
          ...toStoredFields(person, protector, units),
          outbox: events,
          outboxPending: events.length > 0,
        } as never),
      );
      await guarded(() =>
        nameKeys.add(foldDiacritics(person.fullName), person.dateOfBirth, person.id),
      );
    },
    async get(id) {
      const document = await guarded(() => model.findById(id).lean<PersonDocument>());
      return document ? toPerson(document, protector) : undefined;
    },
    async save(person, expectedVersion, events) {
      const version = expectedVersion + 1;
      const before = await guarded(() =>
        model.collection.findOne({ _id: person.id } as never, {
          projection: { nameFolded: 1, dateOfBirth: 1 },
        }),
      );
      const updated = await guarded(() =>
        updateIfVersion(model.collection as never, lock, person.id, expectedVersion, {
          $set: {
            ...toStoredFields(person, protector, units),
            version,
            ...(events.length > 0 ? { outboxPending: true } : {}),
          },
          ...(events.length > 0 ? { $push: { outbox: { $each: events } } } : {}),
        }),
      );
      if (!updated) {
        const exists = await model.exists({ _id: person.id });
        if (!exists)
          throw new NotFoundError(registryErrors.personNotFound, { params: { id: person.id } });
        throw staleVersionError(expectedVersion);
      }
      const nameFolded = foldDiacritics(person.fullName);
      const previous = before as { nameFolded?: string; dateOfBirth?: string } | null;
      if (
        previous?.nameFolded &&
        previous.dateOfBirth &&
        (previous.nameFolded !== nameFolded || previous.dateOfBirth !== person.dateOfBirth)
      ) {
        await guarded(() =>
          nameKeys.remove(previous.nameFolded ?? '', previous.dateOfBirth ?? '', person.id),
        );
        await guarded(() => nameKeys.add(nameFolded, person.dateOfBirth, person.id));
      }
      return { ...person, version };
    },
    async findByNameAndBirth(nameFolded, dateOfBirth) {
      const ids = (await guarded(() => nameKeys.personIds(nameFolded, dateOfBirth))).slice(0, 20);
      const documents = await Promise.all(
        ids.map((id) => guarded(() => model.findById(id).lean<PersonDocument>())),
      );
      return load(documents.filter((document): document is PersonDocument => document !== null));
    },
    async search({ nameWords, unitCode, provinceCode, afterId, limit }) {
      const filter: Record<string, unknown> = {};
      if (unitCode) filter['residence.unitCode'] = unitCode;
      if (provinceCode) filter.provinceCode = provinceCode;
      if (afterId) filter._id = { $gt: afterId };
      if (nameWords.length > 0) {
        filter.$and = nameWords.map((word) => ({
          nameFolded: { $regex: `(^| )${escapeRegex(word)}` },
        }));
      }
      return load(
        await guarded(() =>
          model.find(filter).sort({ _id: 1 }).limit(limit).lean<PersonDocument[]>(),
        ),
      );
    },
    async everResidentIn(unitCode) {
      return load(
        await guarded(() => model.find({ residenceUnitCodes: unitCode }).lean<PersonDocument[]>()),
      );
    },
    async exists(id) {
      return (await model.exists({ _id: id })) !== null;
    },
    async ensureIndexes() {
      await model.createIndexes();
    },
  };
}
