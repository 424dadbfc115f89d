// How treatment goes on or ends: the director's discharge (on a ground met, with its legal
// reference), transfer to another clinic (the chain and history move along), completion.
// Each is a fact on methadone.treatment.v1; the enrolment claim is released once it ends.
import { RuleViolationError, ruledOn } from '@rehab/domain-kit';
import { methadoneCompleted, methadoneDischarged, methadoneTransferred } from '@rehab/events';
import {
  complete,
  discharge,
  dischargeGrounds,
  transfer,
  type DischargeReason,
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

export async function dischargeUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: { reason: DischargeReason; decidedOn: string },
): Promise<StoredPatient> {
  const { patient, clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  requireStaff(clinic, caller.principal, ['clinic-director'], today);
  requireNotFuture('decidedOn', body.decidedOn, today);
  const groundRules = ruledOn('decidedOn', () => deps.rules.dischargeGrounds(body.decidedOn));
  const { aggregate } = await deps.patients.change(patientId, (current) => {
    const next = discharge(current, groundRules, body);
    const ground = dischargeGrounds(current, groundRules).find((g) => g.ground === body.reason);
    const event = methadoneEvent(methadoneDischarged, current.personId, caller.principal, {
      ...treatmentFacts(current, clinic),
      dischargedOn: body.decidedOn,
      reasonCategory: body.reason,
      ...(ground ? { legalRef: ground.legalRef } : {}),
    });
    return { next: { ...next, version: current.version }, events: [event], result: undefined };
  });
  await deps.patients.releaseActive(patient.personId, patient.id);
  return aggregate;
}

export async function transferUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: { toClinicId: string; on: string },
): Promise<StoredPatient> {
  const { clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const target = await loadClinic(deps, body.toClinicId, 'toClinicId');
  requireStaff(clinic, caller.principal, ['clinic-director'], deps.clock.today());
  if (target.id === clinic.id) {
    throw new RuleViolationError(appErrors.sameClinic, {
      field: 'toClinicId',
      params: { clinicId: clinic.id },
    });
  }
  const { aggregate } = await deps.patients.change(patientId, (current) => {
    const next = transfer(current, target.id, body.on);
    const event = methadoneEvent(methadoneTransferred, current.personId, caller.principal, {
      ...treatmentFacts(current, target),
      fromClinicId: clinic.id,
      transferredOn: body.on,
    });
    return { next: { ...next, version: current.version }, events: [event], result: undefined };
  });
  return aggregate;
}

export async function completeUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: { on: string },
): Promise<StoredPatient> {
  const { patient, clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  requireStaff(clinic, caller.principal, ['clinic-director'], today);
  requireNotFuture('on', body.on, today);
  const { aggregate } = await deps.patients.change(patientId, (current) => {
    const next = complete(current, body.on);
    const event = methadoneEvent(methadoneCompleted, current.personId, caller.principal, {
      ...treatmentFacts(current, clinic),
      completedOn: body.on,
    });
    return { next: { ...next, version: current.version }, events: [event], result: undefined };
  });
  await deps.patients.releaseActive(patient.personId, patient.id);
  return aggregate;
}
