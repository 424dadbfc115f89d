// The one way a case changes: under the case's lock, load it (jurisdiction checked), check
// its kind and the version the caller saw, let a pure domain step decide, then save the
// new state with its events in the same document (outbox). A step may open a follow-on
// case (post-rehab management after completion, ...): it is bound to the step by a claim,
// so a retried step never opens two.
import { RuleViolationError, errorCode, type LocalDate } from '@rehab/domain-kit';
import { caseChanged, caseOpened, type EventEnvelope } from '@rehab/events';
import type { TreatmentCase } from '../domain/index.ts';
import type { StoredCase } from './ports.ts';
import { caseEvent, type Actor, type JurisdictionGuard, type TreatmentDeps } from './deps.ts';

export const stepErrors = {
  stepNotForKind: errorCode(
    'step-not-for-case-kind',
    'Step {step} does not apply to a case of kind {kind}',
    'Bước {step} không áp dụng cho hồ sơ loại {kind}',
  ),
} as const;

type Kind = TreatmentCase['kind'];
export type CaseOfKind<K extends Kind> = Extract<StoredCase, { kind: K }>;

/** What a domain step decided. */
export interface StepOutcome {
  next: TreatmentCase;
  /** The transition's name, as in the state machine's table. */
  step: string;
  on: LocalDate;
  legalRef?: string | undefined;
  certificateId?: string | undefined;
  /** A case this step opens, built once its id is known. */
  follow?: ((id: string) => TreatmentCase) | undefined;
  /** Further events of the step (e.g. a relapse detected). */
  events?: ((kase: TreatmentCase) => EventEnvelope[]) | undefined;
}

export interface StepRequest<K extends Kind> {
  id: string;
  actor: Actor;
  guard: JurisdictionGuard;
  /** The version (ETag) the caller based the step on; checked when given. */
  expectedVersion?: number | undefined;
  kinds: readonly K[];
  step: string;
  decide(current: CaseOfKind<K>): StepOutcome | Promise<StepOutcome>;
}

export interface StepResult {
  kase: StoredCase;
  opened?: StoredCase | undefined;
}

/** The event announcing a new case. */
export function caseOpenedEvent(kase: TreatmentCase, actor: Actor): EventEnvelope {
  return caseEvent(caseOpened, kase.personId, actor, {
    caseId: kase.id,
    personId: kase.personId,
    kind: kase.kind,
    state: kase.state,
    regime: kase.regime.regime,
    unitCode: kase.unitCode,
    openedOn: kase.openedOn,
    ...(kase.kind === 'awaiting-registration'
      ? { registrationDeadline: kase.registrationDeadline }
      : {}),
  });
}

function caseChangedEvent(outcome: StepOutcome, actor: Actor): EventEnvelope {
  const kase = outcome.next;
  const violation = 'violation' in kase ? kase.violation : undefined;
  // The vocational service acts on support needs recorded during post-rehab management.
  const supportNeed =
    kase.kind === 'post-rehab' && outcome.step === 'record-support-need'
      ? kase.supportNeeds.at(-1)?.need
      : undefined;
  return caseEvent(caseChanged, kase.personId, actor, {
    caseId: kase.id,
    personId: kase.personId,
    kind: kase.kind,
    state: kase.state,
    regime: kase.regime.regime,
    unitCode: kase.unitCode,
    changedOn: outcome.on,
    step: outcome.step,
    ...(outcome.legalRef ? { legalRef: outcome.legalRef } : {}),
    ...(violation && violation.on === outcome.on ? { violation } : {}),
    ...(outcome.certificateId ? { certificateId: outcome.certificateId } : {}),
    ...(supportNeed ? { supportNeed } : {}),
  });
}

/**
 * Inserts a new case under `key` unless the key already names one (then that case is
 * returned unchanged): opening is idempotent per key.
 */
export async function openCase(
  deps: TreatmentDeps,
  key: string,
  actor: Actor,
  build: (id: string) => TreatmentCase,
): Promise<{ kase: StoredCase; created: boolean }> {
  const id = await deps.cases.claim(key, deps.newId());
  const existing = await deps.cases.get(id);
  if (existing) return { kase: existing, created: false };
  const kase = { ...build(id), version: 1 } as StoredCase;
  await deps.cases.insert(kase, [caseOpenedEvent(kase, actor)]);
  return { kase, created: true };
}

/** Runs one domain step on a case (see the file's header). */
export async function runStep<K extends Kind>(
  deps: TreatmentDeps,
  request: StepRequest<K>,
): Promise<StepResult> {
  const outcome = await deps.cases.change(
    request.id,
    async (current) => {
      if (!(request.kinds as readonly Kind[]).includes(current.kind)) {
        throw new RuleViolationError(stepErrors.stepNotForKind, {
          params: { step: request.step, kind: current.kind },
        });
      }
      const decided = await request.decide(current as CaseOfKind<K>);
      // A step that finds nothing to do (a sweep running twice) leaves the case as it is.
      if (decided.next === current) return { result: undefined };
      const opened = decided.follow
        ? (
            await openCase(
              deps,
              `follow:${request.id}:${decided.step}`,
              request.actor,
              decided.follow,
            )
          ).kase
        : undefined;
      const events = [
        caseChangedEvent(decided, request.actor),
        ...(decided.events?.(decided.next) ?? []),
      ];
      return {
        next: { ...decided.next, version: current.version } as StoredCase,
        events,
        result: opened,
      };
    },
    {
      check: (current) => request.guard(current.unitCode),
      expectedVersion: request.expectedVersion,
    },
  );
  return { kase: outcome.aggregate, opened: outcome.result };
}
