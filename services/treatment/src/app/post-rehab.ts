// Post-rehab management (Law 73/2021/QH14 Art. 40, 43; Decree 116/2021/ND-CP Art. 77-82):
// opening a case by hand, and the steps up to the management decision. Rehab steps that
// end (voluntary completion, compulsory release) open their post-rehab case themselves as
// a follow-on; opening by hand serves a province moving persons already released from
// paper, and a methadone treatment completed before that service exists. The steps during
// management are in post-rehab-management.ts.
import { errorCode, RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import {
  decidePostRehab,
  openFile,
  openPostRehabCase,
  postRehabActiveStates,
  postRehabTransitions,
  reportIn,
  type PostRehabCase,
  type PostRehabOrigin,
  type PostRehabStep,
} from '../domain/index.ts';
import type { StoredCase } from './ports.ts';
import { openCase, runStep, type StepOutcome, type StepResult } from './case-steps.ts';
import { type Actor, type JurisdictionGuard, type TreatmentDeps } from './deps.ts';

export const postRehabAppErrors = {
  alreadyUnderPostRehab: errorCode(
    'post-rehab-already-open',
    'Person {personId} already has post-rehab management open ({caseId}, {state})',
    'Người {personId} đang có hồ sơ quản lý sau cai nghiện ({caseId}, {state})',
  ),
} as const;

/** Who calls a post-rehab step on which case, and the version they saw (If-Match). */
export interface PostRehabCall {
  id: string;
  actor: Actor;
  guard: JurisdictionGuard;
  expectedVersion?: number | undefined;
}

/** A step's result: the case, and what else the step sets off (its step name if not `step`). */
type Change = Partial<Omit<StepOutcome, 'next' | 'on' | 'step'>> & {
  next: PostRehabCase;
  step?: PostRehabStep;
};

/** Runs `step` of the post-rehab table on a post-rehab case, under runStep's guarantees. */
export function postRehabStep(
  deps: TreatmentDeps,
  call: PostRehabCall,
  step: PostRehabStep,
  on: LocalDate,
  change: (current: PostRehabCase) => PostRehabCase | Change | Promise<Change>,
): Promise<StepResult> {
  return runStep(deps, {
    id: call.id,
    actor: call.actor,
    guard: call.guard,
    expectedVersion: call.expectedVersion,
    kinds: ['post-rehab'],
    step,
    decide: async (current) => {
      const changed = await change(current);
      const outcome: Change = 'next' in changed ? changed : { next: changed };
      const taken = outcome.step ?? step;
      return {
        ...outcome,
        step: taken,
        on,
        legalRef: outcome.legalRef ?? postRehabTransitions[taken].legalRef,
      };
    },
  });
}

export interface OpenPostRehabInput {
  personId: string;
  origin: PostRehabOrigin;
  rehabEndedOn: LocalDate;
  sourceReference?: string | undefined;
}

/**
 * Opens post-rehab management in the commune where the person lives, once per (person,
 * origin, end of rehab): a resent request returns the case it opened. A person has one
 * post-rehab management at a time, so another open one is refused; the check runs under a
 * per-person lock so that two different requests cannot both pass it.
 */
export async function openPostRehabUseCase(
  deps: TreatmentDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: OpenPostRehabInput,
): Promise<{ kase: StoredCase; created: boolean }> {
  const person = await deps.persons.get(input.personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, {
      field: 'personId',
      params: { personId: input.personId },
    });
  }
  guard(person.residenceUnitCode);
  return deps.cases.exclusive(`post-rehab-person:${input.personId}`, async () => {
    const other = (await deps.cases.byPerson(input.personId)).find(
      (kase) =>
        kase.kind === 'post-rehab' &&
        postRehabActiveStates.includes(kase.state) &&
        !(kase.origin === input.origin && kase.rehabEndedOn === input.rehabEndedOn),
    );
    if (other) {
      throw new RuleViolationError(postRehabAppErrors.alreadyUnderPostRehab, {
        legalRef: postRehabTransitions.decide.legalRef,
        params: { personId: input.personId, caseId: other.id, state: other.state },
      });
    }
    return openCase(
      deps,
      `post-rehab:${input.personId}:${input.origin}:${input.rehabEndedOn}`,
      actor,
      (caseId) =>
        openPostRehabCase(
          {
            caseId,
            personId: input.personId,
            unitCode: person.residenceUnitCode,
            origin: input.origin,
            rehabEndedOn: input.rehabEndedOn,
            dateOfBirth: person.dateOfBirth,
            sourceReference: input.sourceReference,
          },
          deps.rules,
        ),
    );
  });
}

/** The person released from compulsory rehab reports to the commune (5 working days). */
export const reportInUseCase = (deps: TreatmentDeps, call: PostRehabCall, on: LocalDate) =>
  postRehabStep(deps, call, 'report-in', on, (current) => reportIn(current, on, deps.rules));

/** The commune police's proposal (form 50) opens the file (3 working days). */
export const openFileUseCase = (deps: TreatmentDeps, call: PostRehabCall, on: LocalDate) =>
  postRehabStep(deps, call, 'open-file', on, (current) => openFile(current, on, deps.rules));

/**
 * The management decision (form 51) by the office the case's regime names (the commune
 * chairman under LAW-2021); the term runs from it: 1 year, or 2 after an adult's
 * compulsory rehab.
 */
export const decidePostRehabUseCase = (
  deps: TreatmentDeps,
  call: PostRehabCall,
  decision: { on: LocalDate; by: string },
) =>
  postRehabStep(deps, call, 'decide', decision.on, (current) => {
    const next = decidePostRehab(current, decision, deps.rules);
    return { next, legalRef: next.term?.legalRef };
  });
