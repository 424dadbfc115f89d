import type { Person } from '../domain/person.ts';

/** The identifying facts other agencies receive in events (never the national ID number). */
export function snapshotOf(person: Person) {
  return {
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    ...(person.ethnicity ? { ethnicity: person.ethnicity } : {}),
    residenceUnitCode: person.residence.unitCode,
    hasNationalId: Boolean(person.nationalId),
  };
}
