// What the methadone service's facts (methadone.treatment.v1) mean here. An admission meets
// the person's duty to register for treatment: their registration-deadline case closes as
// registered for substitution treatment. A completion leads to post-rehab management at the
// residence (Law 73/2021/QH14 Art. 37), opened once per completion. A discharge for
// violations is a ground of compulsory placement (Art. 32(1)(c), 33(1)(c)): its case opens
// from the clinic's decision, once per discharge.
import { DomainError, maxDate, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import type { MethadoneDischargeCategory } from '@rehab/events';
import { openCompulsoryUseCase } from './compulsory.ts';
import { openPostRehabUseCase } from './post-rehab.ts';
import { registerStep, serviceActor } from './registration.ts';
import type { TreatmentDeps } from './deps.ts';
import type { StoredCase } from './ports.ts';

const anyUnit = () => undefined;

/** Closes every registration case still awaited; returns the cases closed. */
export async function substitutionAdmittedUseCase(
  deps: TreatmentDeps,
  admission: { personId: string; admittedOn: LocalDate },
): Promise<string[]> {
  const awaited = (await deps.cases.byPerson(admission.personId)).filter(
    (kase): kase is Extract<StoredCase, { kind: 'awaiting-registration' }> =>
      kase.kind === 'awaiting-registration' && kase.state === 'awaiting-registration',
  );
  const closed: string[] = [];
  for (const kase of awaited) {
    // Admitted before the result was notified: the duty is met from the notification.
    const on = maxDate(admission.admittedOn, kase.notifiedOn);
    try {
      await registerStep(deps, serviceActor, anyUnit, kase.id, { on, modality: 'methadone' });
      closed.push(kase.id);
    } catch (error) {
      // Admitted after the deadline: the case stays for the deadline sweep's violation.
      if (error instanceof DomainError && !error.retriable) continue;
      throw error;
    }
  }
  return closed;
}

/** Opens post-rehab management after a completed substitution treatment (once). */
export async function substitutionCompletedUseCase(
  deps: TreatmentDeps,
  completion: { personId: string; patientId: string; completedOn: LocalDate },
): Promise<string> {
  const { kase } = await openPostRehabUseCase(deps, serviceActor, anyUnit, {
    personId: completion.personId,
    origin: 'methadone',
    rehabEndedOn: completion.completedOn,
    sourceReference: `methadone-patient:${completion.patientId}`,
  });
  return kase.id;
}

/**
 * Opens the compulsory case of a discharge for violations, the clinic's decision being its
 * record; returns the case, or nothing when the discharge is no ground or the law's rules
 * keep the case from opening (a placement already under way, a child under 12). A discharge
 * on request is the patient's choice, not a violation: it opens nothing.
 */
export async function substitutionDischargedUseCase(
  deps: TreatmentDeps,
  discharge: {
    personId: string;
    patientId: string;
    dischargedOn: LocalDate;
    reasonCategory: MethadoneDischargeCategory;
  },
): Promise<string | undefined> {
  if (discharge.reasonCategory === 'on-request') return undefined;
  const earlier = await deps.cases.byPerson(discharge.personId);
  const placedBefore = earlier.some(
    (kase) => kase.kind === 'compulsory' && kase.placement.admission !== undefined,
  );
  try {
    const { kase } = await openCompulsoryUseCase(deps, serviceActor, anyUnit, {
      personId: discharge.personId,
      trigger: 'discharged-from-methadone',
      violationRecordId: `methadone-discharge:${discharge.patientId}:${discharge.dischargedOn}`,
      violationOn: discharge.dischargedOn,
      ordinal: placedBefore ? 'repeat' : 'first',
    });
    return kase.id;
  } catch (error) {
    // A person not yet known is the consumer's to retry (and dead-letter), never to drop.
    const personUnknown =
      error instanceof DomainError && error.code === sharedErrors.personUnknown.code;
    if (error instanceof DomainError && !error.retriable && !personUnknown) return undefined;
    throw error;
  }
}
