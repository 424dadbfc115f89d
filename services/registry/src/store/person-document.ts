import { Schema } from 'mongoose';
import { foldDiacritics, searchTokens } from '@rehab/domain-kit';
import { OUTBOX_INDEX, type EventEnvelope } from '@rehab/events';
import type { UnitDirectory } from '@rehab/service-kit';
import type { Person } from '../domain/person.ts';
import type { NationalIdProtector } from './national-id-protector.ts';

/** A person as stored: the domain fields plus search keys, the protected national ID and the outbox. */
export interface PersonDocument extends Omit<Person, 'id' | 'nationalId'> {
  _id: string;
  nameFolded: string;
  nameWords: string[];
  provinceCode: string;
  residenceUnitCodes: string[];
  nationalIdCiphertext?: string;
  nationalIdHash?: string;
  outbox: EventEnvelope[];
  outboxPending: boolean;
}

// Nested records are validated by the domain and the API schemas; storage keeps them as they are.
const mixedArray = { type: Schema.Types.Mixed, default: () => [] };

export const personSchema = new Schema<PersonDocument>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    fullName: { type: String, required: true },
    nameFolded: { type: String, required: true },
    nameWords: { type: [String], default: [] },
    dateOfBirth: { type: String, required: true },
    sex: { type: String, required: true },
    ethnicity: String,
    nationalIdCiphertext: String,
    nationalIdHash: String,
    lifeStatus: { type: String, required: true },
    residence: { type: Schema.Types.Mixed, required: true },
    provinceCode: { type: String, required: true },
    residenceHistory: mixedArray,
    residenceUnitCodes: { type: [String], default: [] },
    detections: mixedArray,
    managementDecisions: mixedArray,
    referrals: mixedArray,
    addictionStatus: { type: String, required: true },
    substanceClass: String,
    registrationDeadline: String,
    determinationResults: mixedArray,
    timeline: mixedArray,
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    outbox: mixedArray,
    outboxPending: { type: Boolean, default: false },
  },
  { versionKey: false, collection: 'persons', minimize: false },
);
personSchema.index({ nameFolded: 1, dateOfBirth: 1 });
personSchema.index({ 'residence.unitCode': 1 });
personSchema.index({ provinceCode: 1 });
personSchema.index({ residenceUnitCodes: 1 });
personSchema.index(OUTBOX_INDEX);

/** Domain person → stored fields (without `_id`, `version` and the outbox, which writes manage). */
export function toStoredFields(
  person: Person,
  protector: NationalIdProtector,
  units: UnitDirectory,
) {
  const { id: _id, nationalId, version: _version, ...fields } = person;
  return {
    ...fields,
    nameFolded: foldDiacritics(person.fullName),
    nameWords: searchTokens(person.fullName),
    provinceCode: units.provinceOf(person.residence.unitCode)?.code ?? person.residence.unitCode,
    residenceUnitCodes: [...new Set(person.residenceHistory.map((period) => period.unitCode))],
    ...(nationalId
      ? {
          nationalIdCiphertext: protector.encrypt(nationalId),
          nationalIdHash: protector.lookupHash(nationalId),
        }
      : {}),
  };
}

/** Stored document → domain person, decrypting the national ID. */
export function toPerson(document: PersonDocument, protector: NationalIdProtector): Person {
  const {
    _id,
    nameFolded: _folded,
    nameWords: _words,
    provinceCode: _province,
    residenceUnitCodes: _units,
    nationalIdCiphertext,
    nationalIdHash: _hash,
    outbox: _outbox,
    outboxPending: _pending,
    ...fields
  } = document;
  return {
    ...fields,
    id: _id,
    ...(nationalIdCiphertext ? { nationalId: protector.decrypt(nationalIdCiphertext) } : {}),
  };
}
