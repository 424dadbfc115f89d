import type { LocalDate } from '@rehab/domain-kit';
import { maskNationalId } from '../domain/national-id.ts';
import { managementStatusOn } from '../domain/management.ts';
import type { Person } from '../domain/person.ts';
import { casePhase, currentTreatment } from '../domain/treatment-situation.ts';
import type { TreatmentCaseStatus } from '../domain/treatment-status.ts';

/** A treatment case as readers see it (the applied-event bookkeeping stays inside). */
function treatmentCaseView({ facts: _facts, ...kase }: TreatmentCaseStatus) {
  return { ...kase, phase: casePhase(kase) };
}

/** The current rehab situation with every case it was combined from; absent without cases. */
function treatmentView(cases: readonly TreatmentCaseStatus[]) {
  const current = currentTreatment(cases);
  return current ? { treatment: { ...current, cases: cases.map(treatmentCaseView) } } : {};
}

/** The person as the API shows it; the national ID is masked unless the caller may see it. */
export function personView(person: Person, today: LocalDate, revealNationalId: boolean) {
  const status = managementStatusOn(person.managementDecisions, today);
  const last = person.managementDecisions.at(-1);
  return {
    id: person.id,
    version: person.version,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    ...(person.ethnicity ? { ethnicity: person.ethnicity } : {}),
    ...(person.nationalId
      ? revealNationalId
        ? { nationalId: person.nationalId }
        : { nationalId: maskNationalId(person.nationalId), nationalIdMasked: true }
      : {}),
    lifeStatus: person.lifeStatus,
    residence: person.residence,
    addictionStatus: person.addictionStatus,
    ...(person.substanceClass ? { substanceClass: person.substanceClass } : {}),
    ...(person.registrationDeadline ? { registrationDeadline: person.registrationDeadline } : {}),
    management: {
      status: status.status,
      ...(status.status !== 'none' ? { current: status.decision } : last ? { current: last } : {}),
      ...(status.status === 'stopped' && status.decision.stop
        ? { stopReason: status.decision.stop.reason }
        : {}),
    },
    managementHistory: person.managementDecisions,
    ...treatmentView(person.treatmentCases ?? []),
    ...(person.substitutionTreatment
      ? { substitutionTreatment: person.substitutionTreatment }
      : {}),
    referrals: person.referrals,
    timeline: person.timeline,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

/** What lists show: enough to pick the right person, nothing clinical. */
export function personSummary(person: Person) {
  return {
    id: person.id,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    residence: person.residence,
    addictionStatus: person.addictionStatus,
    lifeStatus: person.lifeStatus,
  };
}
