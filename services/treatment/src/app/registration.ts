import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { caseChanged, caseOpened } from '@rehab/events';
import {
  openRegistrationCase,
  registerVoluntary,
  sweepRegistrationDeadline,
  type RegistrationCase,
  type RegistrationModality,
} from '../domain/index.ts';
import type { StoredCase } from '../store/case-repository.ts';
import {
  appErrors,
  caseEvent,
  loadCase,
  type Actor,
  type JurisdictionGuard,
  type TreatmentDeps,
} from './deps.ts';

const serviceActor: Actor = { agency: 'labour', orgUnit: 'system', sub: 'treatment-service' };

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
  const caseId = await deps.cases.claimDetermination(result.determinationId, deps.newId());
  const existing = await deps.cases.get(caseId);
  if (existing) return existing;
  const person = await deps.persons.get(result.personId);
  if (!person) {
    // The registry's stream may be behind the assessment's: retried, then dead-lettered.
    throw new RuleViolationError(appErrors.personUnknown, {
      params: { personId: result.personId },
    });
  }
  const opened = openRegistrationCase(
    {
      caseId,
      personId: result.personId,
      unitCode: person.residenceUnitCode,
      determinationId: result.determinationId,
      result: 'addicted',
      notifiedOn: result.notifiedOn,
      ...(result.registrationDeadline ? { registrationDeadline: result.registrationDeadline } : {}),
      dateOfBirth: person.dateOfBirth,
    },
    deps.rules,
  );
  const kase: StoredCase = { ...opened, version: 1 };
  const event = caseEvent(caseOpened, kase.personId, serviceActor, {
    caseId,
    personId: kase.personId,
    kind: 'awaiting-registration',
    state: kase.state,
    regime: kase.regime.regime,
    openedOn: kase.openedOn,
    registrationDeadline: opened.registrationDeadline,
  });
  await deps.cases.insert(kase, [event]);
  deps.notifyRelay(caseId);
  return kase;
}

async function change(
  deps: TreatmentDeps,
  id: string,
  guard: JurisdictionGuard,
  actor: Actor,
  decide: (current: RegistrationCase) => RegistrationCase,
): Promise<StoredCase> {
  const saved = await deps.lockCase(id, async () => {
    const current = await loadCase(deps, id, guard);
    if (current.kind !== 'awaiting-registration') return { kase: current, changed: false };
    const next = decide(current);
    if (next === current) return { kase: current, changed: false };
    const event = caseEvent(caseChanged, current.personId, actor, {
      caseId: id,
      personId: current.personId,
      kind: 'awaiting-registration',
      state: next.state,
      regime: next.regime.regime,
      changedOn: next.registration?.on ?? next.violation?.on ?? deps.clock.today(),
      ...(next.violation ? { violation: next.violation } : {}),
    });
    return {
      kase: await deps.cases.save({ ...next, version: current.version }, current.version, [event]),
      changed: true,
    };
  });
  if (saved.changed) deps.notifyRelay(id);
  return saved.kase;
}

/** Registration of voluntary rehab or methadone at the commune, on or before the deadline. */
export function registerUseCase(
  deps: TreatmentDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  id: string,
  input: { on?: LocalDate | undefined; modality: RegistrationModality },
): Promise<StoredCase> {
  const on = input.on ?? deps.clock.today();
  return change(deps, id, guard, actor, (current) =>
    registerVoluntary(current, { on, modality: input.modality }),
  );
}

/** The deadline sweep: overdue cases get the not-registered violation (idempotent). */
export async function sweepUseCase(deps: TreatmentDeps): Promise<number> {
  const today = deps.clock.today();
  let changed = 0;
  for (const kase of await deps.cases.awaitingRegistration()) {
    if (kase.kind !== 'awaiting-registration' || kase.registrationDeadline >= today) continue;
    const after = await change(
      deps,
      kase.id,
      () => undefined,
      serviceActor,
      (current) => sweepRegistrationDeadline(current, today),
    );
    if (after.state === 'overdue') changed += 1;
  }
  return changed;
}
