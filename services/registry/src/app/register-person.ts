import { ConflictError, foldDiacritics } from '@rehab/domain-kit';
import type { Principal } from '@rehab/service-kit';
import { personRegistered } from '@rehab/events';
import { registryErrors } from '../domain/errors.ts';
import type { Person } from '../domain/person.ts';
import { registerPerson as newPerson, type RegistrationInput } from '../domain/registration.ts';
import type { JurisdictionGuard } from './change-person.ts';
import { personEvent, requireCommuneInForce, type RegistryDeps } from './deps.ts';
import { snapshotOf } from './snapshot.ts';

export interface RegistrationResult {
  person: Person;
  /** Persons without a national ID that look like the same person (name and birth date). */
  possibleDuplicates: Person[];
}

/**
 * Registers a person. A national ID already held by someone else is a 409 naming the
 * holder. The number is claimed before the person is written, and released again if the
 * write fails, so two concurrent registrations of one number cannot both succeed. The
 * insert of the person with its event is the last write: a failure before it leaves
 * nothing behind (a crash between the claim and the insert leaves an orphan claim, taken
 * over by the next registration of the number), so a retry succeeds once.
 */
export async function registerPersonUseCase(
  deps: RegistryDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  input: RegistrationInput,
): Promise<RegistrationResult> {
  const today = deps.clock.today();
  requireCommuneInForce(deps.units, input.residence.unitCode, today, 'residence.unitCode');
  guard(input.residence.unitCode);
  const person = newPerson(
    input,
    { personId: deps.newId(), entryId: deps.newId() },
    deps.clock.now(),
    today,
  );

  if (input.nationalId) {
    const claim = await deps.nationalIds.claim(input.nationalId, person.id);
    if (!claim.claimed) {
      throw new ConflictError(registryErrors.duplicateNationalId, {
        field: 'nationalId',
        params: { existingId: claim.holderId },
        details: { existingId: claim.holderId },
      });
    }
  }
  const event = personEvent(personRegistered, person.id, principal, {
    personId: person.id,
    person: snapshotOf(person),
  });
  try {
    // Read before the insert, so nothing can fail once the person is written.
    const sameNameAndBirth = await deps.persons.findByNameAndBirth(
      foldDiacritics(person.fullName),
      person.dateOfBirth,
    );
    const stored = await deps.persons.insert(person, [event]);
    const possibleDuplicates = sameNameAndBirth.filter(
      (other) => other.id !== stored.id && (!other.nationalId || !stored.nationalId),
    );
    return { person: stored, possibleDuplicates };
  } catch (error) {
    if (input.nationalId) await deps.nationalIds.release(input.nationalId, person.id);
    throw error;
  }
}
