// Enrolment and the intake decision (Decree 90/2016; Decree 141/2024 [unconfirmed]).
import { ConflictError, RuleViolationError, sharedErrors } from '@rehab/domain-kit';
import { methadoneAdmitted, methadoneEnrolled, methadoneRefused } from '@rehab/events';
import {
  acceptApplication,
  decideIntake,
  isActive,
  type GuardianConsent,
} from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import {
  loadClinic,
  loadPatient,
  methadoneEvent,
  requireNotFuture,
  requireStaff,
  treatmentFacts,
  type Caller,
  type MethadoneDeps,
} from './deps.ts';
import type { StoredPatient } from './ports.ts';

export interface EnrolmentInput {
  personId: string;
  clinicId: string;
  applicationDate: string;
  guardianConsent?: GuardianConsent | undefined;
}

/**
 * One enrolment in treatment per person at any clinic: a claim on the person binds it. A
 * claim whose patient has ended is released and taken; one whose patient never came to
 * exist (a failed insert) is taken over by the kit once old (patient-repository.ts).
 */
async function claimEnrolment(deps: MethadoneDeps, personId: string, patientId: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const claim = await deps.patients.claimActive(personId, patientId);
    if (claim.claimed) return;
    const holder = await deps.patients.get(claim.holder);
    // No holder yet: its enrolment is being written right now (a dead writer's claim is
    // taken over by the kit once old). An ended one frees the person.
    if (!holder || isActive(holder)) {
      throw new ConflictError(appErrors.alreadyInTreatment, {
        field: 'personId',
        params: { patientId: claim.holder },
        details: {
          patientId: claim.holder,
          ...(holder ? { clinicId: holder.clinicId, status: holder.status } : {}),
        },
      });
    }
    await deps.patients.releaseActive(personId, claim.holder);
  }
  throw new ConflictError(appErrors.alreadyInTreatment, {
    field: 'personId',
    params: { patientId: '-' },
  });
}

export async function enrolUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  input: EnrolmentInput,
): Promise<StoredPatient> {
  const clinic = await loadClinic(deps, input.clinicId, 'clinicId');
  caller.requireJurisdiction(clinic.unitCode);
  const today = deps.clock.today();
  requireStaff(clinic, caller.principal, ['clinic-director', 'prescriber', 'nurse'], today);
  requireNotFuture('applicationDate', input.applicationDate, today);
  const person = await deps.persons.get(input.personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, {
      field: 'personId',
      params: { personId: input.personId },
    });
  }
  const deadline = acceptApplication(deps.rules, { ...input, dateOfBirth: person.dateOfBirth });
  const patient: StoredPatient = {
    id: deps.newId(),
    version: 1,
    personId: input.personId,
    clinicId: clinic.id,
    status: 'applied',
    applicationDate: input.applicationDate,
    intakeDeadline: deadline.date,
    ...(input.guardianConsent ? { guardianConsent: input.guardianConsent } : {}),
    orders: [],
    flags: [],
    consecutiveMisses: 0,
    missedDays: [],
    guestDosing: [],
    takeHomes: [],
    tests: [],
    violations: [],
    transfers: [],
  };
  await claimEnrolment(deps, input.personId, patient.id);
  const event = methadoneEvent(methadoneEnrolled, patient.personId, caller.principal, {
    ...treatmentFacts(patient, clinic),
    applicationDate: patient.applicationDate,
    intakeDeadline: patient.intakeDeadline,
  });
  try {
    await deps.patients.insert(patient, [event]);
  } catch (error) {
    await deps.patients.releaseActive(input.personId, patient.id);
    throw error;
  }
  return patient;
}

export interface IntakeInput {
  decision: 'admitted' | 'refused';
  reason?: string | undefined;
  diagnosis?: { code: string; prescriberUserId: string } | undefined;
}

/** The clinic director's written decision: admitted or refused (with reasons). */
export async function intakeUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  input: IntakeInput,
): Promise<StoredPatient> {
  const { patient, clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  const director = requireStaff(clinic, caller.principal, ['clinic-director'], today);
  if (input.diagnosis) {
    const diagnosedBy = clinic.staff.some(
      (s) => s.userId === input.diagnosis?.prescriberUserId && s.role === 'prescriber',
    );
    if (!diagnosedBy) {
      throw new RuleViolationError(appErrors.diagnosisNotByPrescriber, {
        field: 'diagnosis.prescriberUserId',
        params: { userId: input.diagnosis.prescriberUserId, clinicId: clinic.id },
      });
    }
  }
  const opioidResultReceived = await deps.opioidResults.hasOpioidResult(patient.personId);
  const { aggregate } = await deps.patients.change(patientId, (current) => {
    const next = decideIntake(current, {
      decision: input.decision,
      decidedOn: today,
      decidedBy: director.userId,
      reason: input.reason,
      diagnosisCode: input.diagnosis?.code,
      opioidResultReceived,
    });
    const facts = treatmentFacts(current, clinic);
    const event =
      next.status === 'admitted'
        ? methadoneEvent(methadoneAdmitted, current.personId, caller.principal, {
            ...facts,
            admittedOn: today,
          })
        : methadoneEvent(methadoneRefused, current.personId, caller.principal, {
            ...facts,
            refusedOn: today,
          });
    return { next: { ...next, version: current.version }, events: [event], result: next.status };
  });
  if (aggregate.status === 'refused')
    await deps.patients.releaseActive(patient.personId, patient.id);
  return aggregate;
}
