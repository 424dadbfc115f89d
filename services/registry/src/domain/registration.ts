import { foldDiacritics, type LocalDate } from '@rehab/domain-kit';
import type { Person, Sex } from './person.ts';
import { requirePastFact } from './dates-guard.ts';
import { timelineEntry } from './timeline.ts';

export interface RegistrationInput {
  fullName: string;
  dateOfBirth: LocalDate;
  sex: Sex;
  nationalId?: string | undefined;
  ethnicity?: string | undefined;
  residence: { unitCode: string; address: string };
}

/**
 * A new entry in the master person index. Names are kept exactly as given (NFC, with
 * their diacritics) and a folded copy serves diacritics-insensitive search.
 */
export function registerPerson(
  input: RegistrationInput,
  ids: { personId: string; entryId: string },
  now: Date,
  today: LocalDate,
): Person {
  requirePastFact('dateOfBirth', input.dateOfBirth, today);
  const fullName = normaliseName(input.fullName);
  const residence = {
    unitCode: input.residence.unitCode,
    address: input.residence.address.normalize('NFC').trim(),
    from: today,
  };
  return {
    id: ids.personId,
    version: 1,
    fullName,
    dateOfBirth: input.dateOfBirth,
    sex: input.sex,
    ...(input.ethnicity ? { ethnicity: input.ethnicity.normalize('NFC').trim() } : {}),
    ...(input.nationalId ? { nationalId: input.nationalId } : {}),
    lifeStatus: 'active',
    residence,
    residenceHistory: [residence],
    detections: [],
    managementDecisions: [],
    referrals: [],
    addictionStatus: 'unknown',
    timeline: [
      timelineEntry(ids.entryId, today, now, 'registered', 'Entered in the person index', {
        unitCode: residence.unitCode,
      }),
    ],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** Unicode NFC with single spaces: "Nguyễn  Văn A" typed on any keyboard compares equal. */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The key that finds likely duplicates: folded name and date of birth. */
export function duplicateKey(
  fullName: string,
  dateOfBirth: LocalDate,
): { nameFolded: string; dateOfBirth: LocalDate } {
  return { nameFolded: foldDiacritics(fullName), dateOfBirth };
}
