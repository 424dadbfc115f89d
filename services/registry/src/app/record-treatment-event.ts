import { determinationReferred, type EventActor } from '@rehab/events';
import { recordRelapse, type RelapseReport } from '../domain/treatment-relapse.ts';
import { applyTreatmentCaseFact, type TreatmentCaseFact } from '../domain/treatment-status.ts';
import { personEvent, type RegistryDeps } from './deps.ts';
import { snapshotOf } from './snapshot.ts';
import { takeIntoRecordOnce } from './take-into-record.ts';

// The registry refers on its own initiative here, as the police of the person's commune.
const registryActor = (unitCode: string): EventActor => ({
  agency: 'police',
  orgUnit: unitCode,
  sub: 'registry-service',
});

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
  return takeIntoRecordOnce(deps, personId, (person) =>
    applyTreatmentCaseFact(person, fact, { entryId: deps.newId() }, deps.clock.now()),
  );
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
  const changed = await deps.persons.change(personId, (person) => {
    const ids = { referralId: deps.newId(), entryId: deps.newId(), referralEntryId: deps.newId() };
    const outcome = recordRelapse(person, relapse, ids, deps.clock.now(), deps.clock.today());
    if (!outcome.applied) return { result: 'already-recorded' as const };
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
    return { next: outcome.person, events, result: referral ? 'referred' : 'recorded' } as const;
  });
  return changed.result;
}
