// The one way a case changes: under the case's lock, load it (jurisdiction checked), check
// its kind and the version the caller saw, let a pure domain step decide, then save the
// new state with its events in the same document (outbox). A step may open a follow-on
// case (post-rehab management after completion, ...): it is bound to the step by a claim,
// so a retried step never opens two.
import { RuleViolationError, errorCode, type LocalDate } from '@rehab/domain-kit';
import { caseChanged, caseOpened, type EventEnvelope } from '@rehab/events';
import { staleVersionError } from '@rehab/service-kit';
import type { TreatmentCase } from '../domain/index.ts';
import type { StoredCase } from '../store/case-repository.ts';
import {
  caseEvent,
  loadCase,
  type Actor,
  type JurisdictionGuard,
  type TreatmentDeps,
} from './deps.ts';

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
  deps.notifyRelay(id);
  return { kase, created: true };
}

/** Runs one domain step on a case (see the file's header). */
export async function runStep<K extends Kind>(
  deps: TreatmentDeps,
  request: StepRequest<K>,
): Promise<StepResult> {
  const result = await deps.lockCase(request.id, async () => {
    const current = await loadCase(deps, request.id, request.guard);
    if (!(request.kinds as readonly Kind[]).includes(current.kind)) {
      throw new RuleViolationError(stepErrors.stepNotForKind, {
        params: { step: request.step, kind: current.kind },
      });
    }
    if (request.expectedVersion !== undefined && request.expectedVersion !== current.version) {
      throw staleVersionError(request.expectedVersion);
    }
    const outcome = await request.decide(current as CaseOfKind<K>);
    // A step that finds nothing to do (a sweep running twice) returns the case itself.
    if (outcome.next === current) return { kase: current, changed: false };
    let opened: StoredCase | undefined;
    if (outcome.follow) {
      const follow = outcome.follow;
      opened = (await openCase(deps, `follow:${request.id}:${outcome.step}`, request.actor, follow))
        .kase;
    }
    const events = [
      caseChangedEvent(outcome, request.actor),
      ...(outcome.events?.(outcome.next) ?? []),
    ];
    const kase = await deps.cases.save(
      { ...outcome.next, version: current.version } as StoredCase,
      current.version,
      events,
    );
    return { kase, opened, changed: true };
  });
  if (result.changed) deps.notifyRelay(request.id);
  return { kase: result.kase, opened: result.opened };
}
