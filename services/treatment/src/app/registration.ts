import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import {
  openRegistrationCase,
  registerVoluntary,
  registrationTransitions,
  sweepRegistrationDeadline,
  type RegistrationModality,
} from '../domain/index.ts';
import type { StoredCase } from '../store/case-repository.ts';
import { openCase, runStep } from './case-steps.ts';
import { compulsoryCaseFor } from './compulsory-opening.ts';
import { appErrors, type Actor, type JurisdictionGuard, type TreatmentDeps } from './deps.ts';

export const serviceActor: Actor = {
  agency: 'labour',
  orgUnit: 'system',
  sub: 'treatment-service',
};

/**
 * From an "addicted" result: a case awaiting registration with its 5-working-day deadline
 * (Decree 116/2021 Art. 3, 28), in the commune of residence known from the registry's
 * events. One case per result, however often the event arrives.
 */
export async function openFromResultUseCase(
  deps: TreatmentDeps,
  result: {
    determinationId: string;
    personId: string;
    notifiedOn: LocalDate;
    registrationDeadline?: LocalDate | undefined;
  },
): Promise<StoredCase> {
  const person = await deps.persons.get(result.personId);
  if (!person) {
    // The registry's stream may be behind the assessment's: retried, then dead-lettered.
    throw new RuleViolationError(appErrors.personUnknown, {
      params: { personId: result.personId },
    });
  }
  const { kase } = await openCase(
    deps,
    `determination:${result.determinationId}`,
    serviceActor,
    (caseId) =>
      openRegistrationCase(
        {
          caseId,
          personId: result.personId,
          unitCode: person.residenceUnitCode,
          determinationId: result.determinationId,
          result: 'addicted',
          notifiedOn: result.notifiedOn,
          ...(result.registrationDeadline
            ? { registrationDeadline: result.registrationDeadline }
            : {}),
          dateOfBirth: person.dateOfBirth,
        },
        deps.rules,
      ),
  );
  return kase;
}

/** Registration of voluntary rehab or methadone at the commune, on or before the deadline. */
export async function registerUseCase(
  deps: TreatmentDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  id: string,
  input: { on?: LocalDate | undefined; modality: RegistrationModality },
): Promise<StoredCase> {
  const on = input.on ?? deps.clock.today();
  const { kase } = await runStep(deps, {
    id,
    actor,
    guard,
    kinds: ['awaiting-registration'],
    step: 'register',
    decide: (current) => ({
      next: registerVoluntary(current, { on, modality: input.modality }),
      step: 'register',
      on,
      legalRef: registrationTransitions.register.legalRef,
    }),
  });
  return kase;
}

/** The deadline sweep: overdue cases get the not-registered violation (idempotent). */
export async function sweepUseCase(deps: TreatmentDeps): Promise<number> {
  const today = deps.clock.today();
  let changed = 0;
  for (const candidate of await deps.cases.inStates(['awaiting-registration'])) {
    if (candidate.kind !== 'awaiting-registration' || candidate.registrationDeadline >= today) {
      continue;
    }
    const { kase } = await runStep(deps, {
      id: candidate.id,
      actor: serviceActor,
      guard: () => undefined,
      kinds: ['awaiting-registration'],
      step: 'deadline-passed',
      decide: async (current) => {
        const next = sweepRegistrationDeadline(current, today);
        const violation = next.kind === 'awaiting-registration' ? next.violation : undefined;
        return {
          next,
          step: 'deadline-passed',
          on: violation?.on ?? today,
          legalRef: registrationTransitions['deadline-passed'].legalRef,
          // The violation record is the basis of compulsory placement: its case opens now.
          ...(violation && next !== current
            ? {
                follow: await compulsoryCaseFor(deps, {
                  personId: current.personId,
                  unitCode: current.unitCode,
                  trigger: 'not-registered',
                  violationRecordId: `${current.id}:not-registered`,
                  on: violation.on,
                }),
              }
            : {}),
        };
      },
    });
    if (kase.state === 'overdue') changed += 1;
  }
  return changed;
}
