import { foldDiacritics, searchTokens } from '@rehab/domain-kit';
import type { EventEnvelope } from '@rehab/events';
import type { IndexSpec } from '@rehab/persistence';
import type { UnitDirectory } from '@rehab/service-kit';
import type { Person } from '../domain/person.ts';
import type { NationalIdProtector } from './national-id-protector.ts';

/** A person as stored: the domain fields plus search keys, the protected national ID and the outbox. */
export interface PersonDocument extends Omit<Person, 'id' | 'nationalId'> {
  _id: string;
  version: number;
  nameFolded: string;
  nameKey: string;
  nameWords: string[];
  residenceUnitCode: string;
  provinceCode: string;
  residenceUnitCodes: string[];
  nationalIdCiphertext?: string;
  nationalIdHash?: string;
  outbox: EventEnvelope[];
  outboxPending: boolean;
}

/**
 * The person collection's declared indexes: every look-up is an equality on one of these
 * top-level fields, which the stand-in pushes down (a dot path it does not, in `find`).
 */
export const personIndexes: IndexSpec[] = [
  // Look-alikes on registration: name and birth date in one key.
  { key: { nameKey: 1 } },
  // The commune of residence, copied to the top level for the officers' search.
  { key: { residenceUnitCode: 1 } },
  { key: { provinceCode: 1 } },
  // Everyone who ever lived in a commune (the management list), an array holding the code.
  { key: { residenceUnitCodes: 1 } },
];

/** The look-alike key of a folded name and a birth date. */
export const nameKeyOf = (nameFolded: string, dateOfBirth: string) =>
  `${nameFolded}|${dateOfBirth}`;

/** Domain person → stored fields (without `_id`, `version` and the outbox, which writes manage). */
export function toStoredFields(
  person: Person,
  protector: NationalIdProtector,
  units: UnitDirectory,
) {
  const { id: _id, nationalId, version: _version, ...fields } = person;
  const nameFolded = foldDiacritics(person.fullName);
  return {
    ...fields,
    nameFolded,
    nameKey: nameKeyOf(nameFolded, person.dateOfBirth),
    nameWords: searchTokens(person.fullName),
    residenceUnitCode: person.residence.unitCode,
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
    nameKey: _key,
    nameWords: _words,
    residenceUnitCode: _residenceUnit,
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
