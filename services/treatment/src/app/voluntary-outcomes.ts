// How a voluntary episode ends, as use cases: completion certified by the office the regime
// names (commune chairman for home/community, form 26a; the facility, form 26b), which opens
// post-rehab management at the commune of residence (Law 73/2021/QH14 Art. 40); or a
// violation (quitting, not carrying it out, a positive test), the record that opens the
// compulsory case (Law 73/2021/QH14 Art. 32-33). Each opens its follow-on case once.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import type { Trigger } from '../domain/compulsory/index.ts';
import {
  completeVoluntary,
  openPostRehabCase,
  recordVoluntaryViolation,
  voluntaryTransitions,
  type VoluntaryBreach,
} from '../domain/index.ts';
import { officeOf } from './actors.ts';
import type { StepResult } from './case-steps.ts';
import { compulsoryCaseFor } from './compulsory-opening.ts';
import { type TreatmentDeps } from './deps.ts';
import { voluntaryStep, type VoluntaryCall } from './voluntary.ts';
import type { VoluntaryModality } from './voluntary-opening.ts';

/** Completion of an episode of `modality`; each modality has its own route and certifier. */
export function completeUseCase(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  modality: VoluntaryModality,
  input: { on?: LocalDate | undefined },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return voluntaryStep(deps, call, 'complete', [modality], async (kase) => {
    const certificateId = deps.newId();
    const next = completeVoluntary(
      kase,
      { on, by: officeOf(call.principal), certificateId },
      deps.rules,
    );
    const person = await deps.persons.get(kase.personId);
    if (!person) {
      throw new RuleViolationError(sharedErrors.personUnknown, {
        params: { personId: kase.personId },
      });
    }
    return {
      next,
      step: 'complete',
      on,
      legalRef: voluntaryTransitions.complete.legalRef,
      certificateId,
      // Post-rehab management is decided where the person lives now, which a move during
      // rehab may have changed.
      follow: (id) =>
        openPostRehabCase(
          {
            caseId: id,
            personId: kase.personId,
            unitCode: person.residenceUnitCode,
            origin: 'voluntary',
            rehabEndedOn: on,
            dateOfBirth: person.dateOfBirth,
          },
          deps.rules,
        ),
    };
  });
}

/** The compulsory-placement trigger each breach is (Law 73/2021/QH14 Art. 32(1)(b)). */
const triggerOf: Record<VoluntaryBreach, Trigger> = {
  quit: 'quit-voluntary-rehab',
  'not-carried-out': 'quit-voluntary-rehab',
  'positive-test': 'used-during-voluntary-rehab',
};

/** A violation record on the episode, which opens the compulsory case. */
export function violationUseCase(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  input: { on?: LocalDate | undefined; kind: VoluntaryBreach; recordNumber?: string | undefined },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return voluntaryStep(
    deps,
    call,
    input.kind,
    ['voluntary-home', 'voluntary-facility'],
    async (kase) => {
      const next = recordVoluntaryViolation(kase, { kind: input.kind, on }, deps.rules);
      return {
        next,
        step: input.kind,
        on,
        legalRef: voluntaryTransitions[input.kind].legalRef,
        follow: await compulsoryCaseFor(deps, {
          personId: kase.personId,
          unitCode: kase.unitCode,
          trigger: triggerOf[input.kind],
          violationRecordId: input.recordNumber ?? `${kase.id}:${input.kind}`,
          on,
        }),
      };
    },
  );
}
