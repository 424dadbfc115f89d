import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import {
  openRegistrationCase,
  registerVoluntary,
  registrationTransitions,
  sweepRegistrationDeadline,
  type RegistrationModality,
} from '../domain/index.ts';
import type { StoredCase } from './ports.ts';
import { openCase, runStep, type StepResult } from './case-steps.ts';
import { compulsoryCaseFor } from './compulsory-opening.ts';
import { type Actor, type JurisdictionGuard, type TreatmentDeps } from './deps.ts';
import { voluntaryCaseFor } from './voluntary-opening.ts';

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
    throw new RuleViolationError(sharedErrors.personUnknown, {
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

/**
 * Registration of voluntary rehab or methadone at the commune, on or before the deadline.
 * A voluntary registration opens its episode (awaiting the commune's decision, or the
 * facility's admission) once, however often the step is retried. A methadone registration
 * opens nothing here: enrolment belongs to the methadone service, whose admission event
 * takes this step itself (substitution-treatment.ts).
 */
export async function registerStep(
  deps: TreatmentDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  id: string,
  input: { on?: LocalDate | undefined; modality: RegistrationModality },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  const modality = input.modality;
  return runStep(deps, {
    id,
    actor,
    guard,
    kinds: ['awaiting-registration'],
    step: 'register',
    decide: async (current) => ({
      next: registerVoluntary(current, { on, modality }),
      step: 'register',
      on,
      legalRef: registrationTransitions.register.legalRef,
      follow:
        modality === 'methadone'
          ? undefined
          : await voluntaryCaseFor(deps, {
              personId: current.personId,
              unitCode: current.unitCode,
              modality,
              registeredOn: on,
            }),
    }),
  });
}

/**
 * The deadline sweep: overdue cases get the not-registered violation (idempotent). Its
 * candidates come from the due index (registrations still awaited whose deadline has
 * passed), so it reads those few cases and not every case of the province.
 */
export async function sweepUseCase(deps: TreatmentDeps): Promise<number> {
  const today = deps.clock.today();
  // The index must be complete before it is trusted: finish what a crash left halfway.
  await deps.cases.repairDueIndex();
  const candidates = new Set(
    (await deps.cases.dueBefore(today))
      .filter((entry) => entry.kind === 'awaiting-registration')
      .filter((entry) => entry.state === 'awaiting-registration')
      .map((entry) => entry.caseId),
  );
  let changed = 0;
  const sweepOne = (id: string) =>
    runStep(deps, {
      id,
      actor: serviceActor,
      guard: () => undefined,
      kinds: ['awaiting-registration'],
      step: 'deadline-passed',
      decide: async (current) => {
        const next = sweepRegistrationDeadline(current, today);
        const violation = next.kind === 'awaiting-registration' ? next.violation : undefined;
        if (next !== current) changed += 1;
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
  // Several cases at a time: each waits on its own round trips, and only cases of one commune
  // share a lock (their queue's directory).
  const queue = [...candidates];
  await Promise.all(
    Array.from({ length: SWEEP_PARALLELISM }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await sweepOne(id);
    }),
  );
  return changed;
}

/** Overdue cases the sweep turns at once. */
const SWEEP_PARALLELISM = 8;
