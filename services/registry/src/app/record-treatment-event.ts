import { NotFoundError } from '@rehab/domain-kit';
import { determinationReferred, type EventActor } from '@rehab/events';
import { registryErrors } from '../domain/errors.ts';
import type { Person } from '../domain/person.ts';
import { recordRelapse, type RelapseReport } from '../domain/treatment-relapse.ts';
import { applyTreatmentCaseFact, type TreatmentCaseFact } from '../domain/treatment-status.ts';
import { personEvent, type RegistryDeps } from './deps.ts';
import { snapshotOf } from './snapshot.ts';

// The registry refers on its own initiative here, as the police of the person's commune.
const registryActor = (unitCode: string): EventActor => ({
  agency: 'police',
  orgUnit: unitCode,
  sub: 'registry-service',
});

async function loadKnownPerson(deps: RegistryDeps, personId: string): Promise<Person> {
  const person = await deps.persons.get(personId);
  // Not retriable: the event goes to the dead-letter topic for an operator to replay.
  if (!person) throw new NotFoundError(registryErrors.personNotFound, { params: { id: personId } });
  return person;
}

/** Load-decide-save under the person's lock (see RegistryDeps.lockPerson). */
function withKnownPerson<T>(
  deps: RegistryDeps,
  personId: string,
  work: (person: Person) => Promise<T>,
): Promise<T> {
  return deps.lockPerson(personId, async () => work(await loadKnownPerson(deps, personId)));
}

/**
 * Takes a case opened or changed by the treatment service into the person's record, once
 * (by event id); an older fact arriving late joins the timeline without rolling the
 * case's state back.
 */
export async function recordTreatmentCaseFactUseCase(
  deps: RegistryDeps,
  personId: string,
  fact: TreatmentCaseFact,
): Promise<'applied' | 'already-applied'> {
  return withKnownPerson(deps, personId, async (person) => {
    const outcome = applyTreatmentCaseFact(
      person,
      fact,
      { entryId: deps.newId() },
      deps.clock.now(),
    );
    if (!outcome.applied) return 'already-applied';
    await deps.persons.save(outcome.person, person.version, []);
    return 'applied';
  });
}

/**
 * Records a relapse during post-rehab management once per case and, for an active person,
 * opens a mandatory determination referral whose event the health sector acts on (saved
 * with the person, so it leaves through the outbox).
 */
export async function recordRelapseUseCase(
  deps: RegistryDeps,
  personId: string,
  relapse: RelapseReport,
): Promise<'referred' | 'recorded' | 'already-recorded'> {
  return withKnownPerson(deps, personId, async (person) => {
    const ids = { referralId: deps.newId(), entryId: deps.newId(), referralEntryId: deps.newId() };
    const outcome = recordRelapse(person, relapse, ids, deps.clock.now(), deps.clock.today());
    if (!outcome.applied) return 'already-recorded';
    const { referral } = outcome;
    const events = referral
      ? [
          personEvent(determinationReferred, person.id, registryActor(referral.referringUnitCode), {
            personId: person.id,
            referralId: referral.id,
            reason: 'post-rehab-use',
            mandatory: referral.mandatory,
            referredOn: referral.referredOn,
            referringUnitCode: referral.referringUnitCode,
            person: snapshotOf(outcome.person),
            ...(referral.note ? { note: referral.note } : {}),
          }),
        ]
      : [];
    await deps.persons.save(outcome.person, person.version, events);
    return referral ? 'referred' : 'recorded';
  });
}
