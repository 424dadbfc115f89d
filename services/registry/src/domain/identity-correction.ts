import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { requirePastFact } from './dates-guard.ts';
import { registryErrors } from './errors.ts';
import { requireActivePerson } from './lifecycle-guard.ts';
import type { Person, Sex } from './person.ts';
import { normaliseName } from './registration.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

export interface IdentityCorrection {
  fullName?: string | undefined;
  dateOfBirth?: LocalDate | undefined;
  sex?: Sex | undefined;
  ethnicity?: string | undefined;
  nationalId?: string | undefined;
}

/** Corrects identifying facts; residence changes are movements, not corrections. */
export function correctIdentity(
  person: Person,
  patch: IdentityCorrection,
  ids: { entryId: string },
  now: Date,
  today: LocalDate,
): { person: Person; changedFields: string[] } {
  requireActivePerson(person);
  if (patch.dateOfBirth) requirePastFact('dateOfBirth', patch.dateOfBirth, today);
  const next: Person = { ...person };
  const changed: string[] = [];
  if (patch.fullName !== undefined && normaliseName(patch.fullName) !== person.fullName) {
    next.fullName = normaliseName(patch.fullName);
    changed.push('fullName');
  }
  if (patch.dateOfBirth !== undefined && patch.dateOfBirth !== person.dateOfBirth) {
    next.dateOfBirth = patch.dateOfBirth;
    changed.push('dateOfBirth');
  }
  if (patch.sex !== undefined && patch.sex !== person.sex) {
    next.sex = patch.sex;
    changed.push('sex');
  }
  if (
    patch.ethnicity !== undefined &&
    patch.ethnicity.normalize('NFC').trim() !== person.ethnicity
  ) {
    next.ethnicity = patch.ethnicity.normalize('NFC').trim();
    changed.push('ethnicity');
  }
  if (patch.nationalId !== undefined && patch.nationalId !== person.nationalId) {
    next.nationalId = patch.nationalId;
    changed.push('nationalId');
  }
  if (changed.length === 0) throw new RuleViolationError(registryErrors.nothingToUpdate);
  next.timeline = addToTimeline(
    person.timeline,
    timelineEntry(
      ids.entryId,
      today,
      now,
      'identity-corrected',
      `Corrected ${changed.join(', ')}`,
      {
        fields: changed,
      },
    ),
  );
  next.updatedAt = now.toISOString();
  return { person: next, changedFields: changed };
}
