// methadone.treatment.v1 events as the registry's substitution facts (undefined for any
// other event).
import {
  methadoneAdmitted,
  methadoneCompleted,
  methadoneDischarged,
  methadoneEnrolled,
  methadoneRefused,
  methadoneTransferred,
  type EventEnvelope,
} from '@rehab/events';
import type { SubstitutionFact } from '../domain/substitution-treatment.ts';

export function substitutionFactOf(
  event: EventEnvelope,
): { personId: string; fact: SubstitutionFact } | undefined {
  const fact = (
    data: { personId: string; patientId: string; clinicId: string; clinicUnitCode: string },
    change: SubstitutionFact['change'],
    on: string,
    extra: Partial<SubstitutionFact> = {},
  ) => ({
    personId: data.personId,
    fact: {
      eventId: event.id,
      change,
      patientId: data.patientId,
      clinicId: data.clinicId,
      clinicUnitCode: data.clinicUnitCode,
      on,
      ...extra,
    },
  });
  switch (event.type) {
    case methadoneEnrolled.type: {
      const data = methadoneEnrolled.schema.parse(event.data);
      return fact(data, 'enrolled', data.applicationDate);
    }
    case methadoneAdmitted.type: {
      const data = methadoneAdmitted.schema.parse(event.data);
      return fact(data, 'admitted', data.admittedOn);
    }
    case methadoneRefused.type: {
      const data = methadoneRefused.schema.parse(event.data);
      return fact(data, 'refused', data.refusedOn);
    }
    case methadoneDischarged.type: {
      const data = methadoneDischarged.schema.parse(event.data);
      return fact(data, 'discharged', data.dischargedOn, {
        reasonCategory: data.reasonCategory,
        ...(data.legalRef ? { legalRef: data.legalRef } : {}),
      });
    }
    case methadoneTransferred.type: {
      const data = methadoneTransferred.schema.parse(event.data);
      return fact(data, 'transferred', data.transferredOn);
    }
    case methadoneCompleted.type: {
      const data = methadoneCompleted.schema.parse(event.data);
      return fact(data, 'completed', data.completedOn);
    }
    default:
      return undefined;
  }
}
