import { ConflictError } from '@rehab/domain-kit';
import type { Principal } from '@rehab/service-kit';
import { personUpdated } from '@rehab/events';
import { registryErrors } from '../domain/errors.ts';
import { correctIdentity, type IdentityCorrection } from '../domain/identity-correction.ts';
import type { Person } from '../domain/person.ts';
import { changePerson, loadPerson, type JurisdictionGuard } from './change-person.ts';
import { personEvent, type RegistryDeps } from './deps.ts';
import { snapshotOf } from './snapshot.ts';

/**
 * Corrects identifying facts under If-Match. A new national ID number is claimed first
 * and the old one released after the save, so the number stays unique throughout.
 */
export async function updatePersonUseCase(
  deps: RegistryDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  personId: string,
  /** From If-Match; undefined for `*` (any current version). */
  expectedVersion: number | undefined,
  patch: IdentityCorrection,
): Promise<Person> {
  const before = await loadPerson(deps, personId, guard);
  const newNumber =
    patch.nationalId !== undefined && patch.nationalId !== before.nationalId
      ? patch.nationalId
      : undefined;
  if (newNumber) {
    const claim = await deps.nationalIds.claim(newNumber, personId);
    if (!claim.claimed && claim.holderId !== personId) {
      throw new ConflictError(registryErrors.duplicateNationalId, {
        field: 'nationalId',
        params: { existingId: claim.holderId },
        details: { existingId: claim.holderId },
      });
    }
  }
  const entryId = deps.newId();
  try {
    const { person } = await changePerson(
      deps,
      personId,
      guard,
      (current) => {
        const { person: corrected, changedFields } = correctIdentity(
          current,
          patch,
          { entryId },
          deps.clock.now(),
          deps.clock.today(),
        );
        const event = personEvent(personUpdated, current.id, principal, {
          personId: current.id,
          person: snapshotOf(corrected),
          changedFields,
        });
        return { person: corrected, events: [event], result: changedFields };
      },
      expectedVersion,
    );
    if (newNumber && before.nationalId) await deps.nationalIds.release(before.nationalId, personId);
    return person;
  } catch (error) {
    if (newNumber) await deps.nationalIds.release(newNumber, personId);
    throw error;
  }
}
