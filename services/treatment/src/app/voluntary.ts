// Use cases of a voluntary rehab episode (Law 73/2021/QH14 Art. 28-31; Decree 116/2021/ND-CP
// Art. 28): the commune's decision on home/community rehab, the admission to a facility, the
// stages and the providers' notices. A registration received directly is in
// voluntary-registration.ts, completion and violations in voluntary-outcomes.ts. The policy
// file decides which agency and role may call each; the rulebook decides which office the
// case's regime names for a decision.
import { errorCode, NotAllowedError, type LocalDate } from '@rehab/domain-kit';
import type { Principal } from '@rehab/service-kit';
import {
  admitToFacility,
  decideHomeRehab,
  recordProviderNotice,
  recordStage,
  voluntaryTransitions,
  type NoticeSubject,
  type RehabStage,
  type VoluntaryCase,
} from '../domain/index.ts';
import { officeOf } from './actors.ts';
import { runStep, type StepOutcome, type StepResult } from './case-steps.ts';
import type { JurisdictionGuard, TreatmentDeps } from './deps.ts';
import type { VoluntaryModality } from './voluntary-opening.ts';

export const voluntaryErrors = {
  notEpisodeRunner: errorCode(
    'not-episode-runner',
    'A {agency} caller may not take the step "{step}" on a {kind} episode: it is run by {runner}',
    'Người dùng thuộc {agency} không được thực hiện bước "{step}" đối với đợt cai nghiện {kind}: việc này do {runner} thực hiện',
  ),
  episodeActive: errorCode(
    'voluntary-episode-active',
    'The person already has a voluntary rehab episode in progress ({caseId})',
    'Người này đang có một đợt cai nghiện tự nguyện chưa kết thúc ({caseId})',
  ),
} as const;

/** Who calls a step on which case, as the HTTP layer has checked it. */
export interface VoluntaryCall {
  id: string;
  principal: Principal;
  guard: JurisdictionGuard;
  expectedVersion?: number | undefined;
}

type Step = keyof typeof voluntaryTransitions | 'provider-notice';

/**
 * A facility runs its own episodes only; the commune's official (or the provider it assigned)
 * runs home/community rehab, so the commune does not record a facility's stages. The policy
 * cannot see the case's kind, hence this check after loading it.
 */
function requireEpisodeRunner(principal: Principal, kase: VoluntaryCase, step: Step): void {
  const facilityOnHome = principal.agency === 'facility' && kase.kind === 'voluntary-home';
  const communeOnFacilityStage =
    principal.agency === 'commune' && kase.kind === 'voluntary-facility' && step === 'record-stage';
  if (facilityOnHome || communeOnFacilityStage) {
    throw new NotAllowedError(voluntaryErrors.notEpisodeRunner, {
      params: {
        agency: principal.agency,
        step,
        kind: kase.kind,
        runner: kase.kind === 'voluntary-home' ? 'the commune' : 'the facility',
      },
    });
  }
}

/** One step on a voluntary episode of the given kinds, through runStep. */
export function voluntaryStep(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  step: Step,
  kinds: readonly VoluntaryModality[],
  decide: (kase: VoluntaryCase) => StepOutcome | Promise<StepOutcome>,
): Promise<StepResult> {
  return runStep(deps, {
    id: call.id,
    actor: call.principal,
    guard: call.guard,
    expectedVersion: call.expectedVersion,
    kinds,
    step,
    decide: (current) => {
      requireEpisodeRunner(call.principal, current, step);
      return decide(current);
    },
  });
}

/** The commune's decision on home/community rehab (form 24), by the office the regime names. */
export function decideHomeUseCase(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  input: {
    on?: LocalDate | undefined;
    termMonths: number;
    responsible: { kind: 'official' | 'provider'; id: string };
  },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return voluntaryStep(deps, call, 'decide-home', ['voluntary-home'], (kase) => ({
    next: decideHomeRehab(
      kase,
      {
        on,
        by: officeOf(call.principal),
        termMonths: input.termMonths,
        responsible: input.responsible,
      },
      deps.rules,
    ),
    step: 'decide-home',
    on,
    legalRef: voluntaryTransitions['decide-home'].legalRef,
  }));
}

/** Admission to the facility, which starts the term. */
export function admitUseCase(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  input: { on?: LocalDate | undefined; facilityId: string; termMonths: number },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return voluntaryStep(deps, call, 'admit', ['voluntary-facility'], (kase) => ({
    next: admitToFacility(
      kase,
      { on, facilityId: input.facilityId, termMonths: input.termMonths },
      deps.rules,
    ),
    step: 'admit',
    on,
    legalRef: voluntaryTransitions.admit.legalRef,
  }));
}

/** A stage done, `on` being the day it ended. */
export function recordStageUseCase(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  input: { on?: LocalDate | undefined; stage: RehabStage; startedOn: LocalDate },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return voluntaryStep(
    deps,
    call,
    'record-stage',
    ['voluntary-home', 'voluntary-facility'],
    (kase) => ({
      next: recordStage(kase, { stage: input.stage, startedOn: input.startedOn, completedOn: on }),
      step: 'record-stage',
      on,
      legalRef: voluntaryTransitions['record-stage'].legalRef,
    }),
  );
}

/** A provider's notice of start, quitting or completion, received by the commune on `on`. */
export function providerNoticeUseCase(
  deps: TreatmentDeps,
  call: VoluntaryCall,
  input: { on?: LocalDate | undefined; about: NoticeSubject },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return voluntaryStep(
    deps,
    call,
    'provider-notice',
    ['voluntary-home', 'voluntary-facility'],
    (kase) => {
      const next = recordProviderNotice(kase, { about: input.about, noticedOn: on });
      return {
        next,
        step: `provider-notice-${input.about}`,
        on,
        legalRef: next.notices.find((n) => n.about === input.about)?.legalRef,
      };
    },
  );
}
