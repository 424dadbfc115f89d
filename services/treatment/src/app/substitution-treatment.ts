// What the methadone service's facts (methadone.treatment.v1) mean here. An admission meets
// the person's duty to register for treatment: their registration-deadline case closes as
// registered for substitution treatment. A completion leads to post-rehab management at the
// residence (Law 73/2021/QH14 Art. 37), opened once per completion.
import { DomainError, maxDate, type LocalDate } from '@rehab/domain-kit';
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
