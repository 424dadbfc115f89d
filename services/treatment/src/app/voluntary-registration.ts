// A voluntary rehab registration received directly by the commune or a facility (form
// 22/23), rather than on the case an "addicted" result opened (Decree 116/2021/ND-CP Art. 28).
import {
  ageOn,
  NotAllowedError,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import type { Principal } from '@rehab/service-kit';
import type { StoredCase } from './ports.ts';
import { openCase } from './case-steps.ts';
import { type JurisdictionGuard, type TreatmentDeps } from './deps.ts';
import { registerStep } from './registration.ts';
import { voluntaryErrors } from './voluntary.ts';
import {
  isActiveVoluntary,
  voluntaryCaseFor,
  type VoluntaryModality,
} from './voluntary-opening.ts';

export interface DirectRegistration {
  personId: string;
  modality: VoluntaryModality;
  on?: LocalDate | undefined;
}

/**
 * A registration received directly by the commune or a facility (form 22/23). A person still
 * awaiting registration after an "addicted" result has it recorded on that case, so the
 * registration deadline is met (or refused when passed) exactly as at the commune; otherwise
 * the episode opens on its own. A person has one voluntary episode at a time.
 */
export async function registerDirectUseCase(
  deps: TreatmentDeps,
  principal: Principal,
  guard: JurisdictionGuard,
  input: DirectRegistration,
): Promise<{ kase: StoredCase; registrationCaseId?: string }> {
  const on = input.on ?? deps.clock.today();
  const person = await deps.persons.get(input.personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, {
      field: 'personId',
      params: { personId: input.personId },
    });
  }
  guard(person.residenceUnitCode);
  if (principal.agency === 'facility' && input.modality !== 'voluntary-facility') {
    throw new NotAllowedError(voluntaryErrors.notEpisodeRunner, {
      params: { agency: 'facility', step: 'register', kind: input.modality, runner: 'the commune' },
    });
  }
  const minor = deps.rules.forCase(on).minorAge();
  const age = ageOn(person.dateOfBirth, on);
  if (age < minor.min) {
    throw new RuleViolationError(sharedErrors.underMinimumAge, {
      legalRef: minor.legalRef,
      params: { age, minimum: minor.min },
    });
  }
  const cases = await deps.cases.byPerson(input.personId);
  const active = cases.find(isActiveVoluntary);
  if (active) {
    throw new RuleViolationError(voluntaryErrors.episodeActive, {
      field: 'personId',
      params: { caseId: active.id },
    });
  }
  const awaiting = cases.find((kase) => kase.state === 'awaiting-registration');
  if (awaiting) {
    // A voluntary registration always opens its episode as the step's follow-on case.
    const { kase, opened } = await registerStep(deps, principal, guard, awaiting.id, {
      on,
      modality: input.modality,
    });
    return { kase: opened ?? kase, registrationCaseId: awaiting.id };
  }
  // Keyed by how many episodes the person had: two copies of one registration racing past
  // the check above open one episode, and the next episode after this one gets a new key.
  const episodes = cases.filter((kase) => kase.kind === input.modality).length;
  const build = await voluntaryCaseFor(deps, {
    personId: input.personId,
    unitCode: person.residenceUnitCode,
    modality: input.modality,
    registeredOn: on,
  });
  const key = `voluntary-registration:${input.personId}:${input.modality}:${episodes}`;
  const { kase } = await openCase(deps, key, principal, build);
  return { kase };
}
