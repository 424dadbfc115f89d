// What the API answers about a patient: the record and, once met, the discharge grounds with
// their legal references.
import type { LocalDate } from '@rehab/domain-kit';
import type { StoredPatient } from '../app/ports.ts';
import { dischargeGrounds, openFlags, orderInForce, type MethadoneRules } from '../domain/index.ts';

export function patientView(patient: StoredPatient, rules: MethadoneRules, today: LocalDate) {
  const inForce = orderInForce(patient.orders, today);
  return {
    id: patient.id,
    version: patient.version,
    personId: patient.personId,
    clinicId: patient.clinicId,
    status: patient.status,
    applicationDate: patient.applicationDate,
    intakeDeadline: patient.intakeDeadline,
    ...(patient.guardianConsent ? { guardianConsent: patient.guardianConsent } : {}),
    ...(patient.intake ? { intake: patient.intake } : {}),
    ...(inForce ? { phase: inForce.phase, orderInForce: inForce } : {}),
    orders: patient.orders,
    flags: patient.flags,
    openFlags: openFlags(patient).map((f) => f.id),
    consecutiveMisses: patient.consecutiveMisses,
    ...(patient.sweptThrough ? { sweptThrough: patient.sweptThrough } : {}),
    missedDays: patient.missedDays,
    guestDosing: patient.guestDosing,
    takeHomes: patient.takeHomes,
    tests: patient.tests,
    violations: patient.violations,
    transfers: patient.transfers,
    ...(patient.ended ? { ended: patient.ended } : {}),
    dischargeGrounds:
      patient.status === 'admitted' ? dischargeGrounds(patient, rules.dischargeGrounds(today)) : [],
  };
}
