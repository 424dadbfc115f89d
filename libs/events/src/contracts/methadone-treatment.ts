// Events of the methadone service's treatment stream (topic methadone.treatment.v1), keyed by
// personId, consumed by treatment (registration duty met, post-rehab management), the
// registry (the person's MMT situation) and reporting. Facts only: never a dose, a test, a
// diagnosis or a flag, which stay in the methadone service.
import { z } from 'zod';
import { defineEvent, type TopicSpec } from '../catalogue.ts';
import { localDate, unitCode } from './shared.ts';

export const methadoneTreatmentTopic: TopicSpec = {
  name: 'methadone.treatment.v1',
  partitions: 6,
  description: 'Methadone maintenance treatment: enrolment, admission, transfer and how it ended',
};

const treatmentFacts = {
  patientId: z.uuid(),
  personId: z.uuid(),
  clinicId: z.uuid(),
  /** The clinic's administrative unit (jurisdiction of its readers). */
  clinicUnitCode: unitCode,
};

export const methadoneEnrolled = defineEvent({
  type: 'methadone.treatment.enrolled.v1',
  topic: methadoneTreatmentTopic,
  summary: 'A person applied for methadone treatment at a clinic (Decree 90/2016)',
  schema: z.object({ ...treatmentFacts, applicationDate: localDate, intakeDeadline: localDate }),
});

export const methadoneAdmitted = defineEvent({
  type: 'methadone.treatment.admitted.v1',
  topic: methadoneTreatmentTopic,
  summary:
    'The clinic director admitted the person: the duty to register for treatment is met (substitution treatment)',
  schema: z.object({ ...treatmentFacts, admittedOn: localDate }),
});

export const methadoneRefused = defineEvent({
  type: 'methadone.treatment.refused.v1',
  topic: methadoneTreatmentTopic,
  summary: 'The clinic director refused the application, with a written reason kept at the clinic',
  schema: z.object({ ...treatmentFacts, refusedOn: localDate }),
});

/** Why treatment ended, as a category (the clinical facts behind it stay in the service). */
export const methadoneDischargeCategory = z.enum([
  'on-request',
  'procedure-violations',
  'opioid-positive-tests',
  'other-drug-positive',
  'harm-to-others',
]);
/** How a discharge ended treatment; every category but "on-request" is a violation. */
export type MethadoneDischargeCategory = z.output<typeof methadoneDischargeCategory>;

export const methadoneDischarged = defineEvent({
  type: 'methadone.treatment.discharged.v1',
  topic: methadoneTreatmentTopic,
  summary:
    'Treatment ended by discharge; quitting or a violation discharge matters to compulsory rehab (Law 73/2021 Art. 32)',
  schema: z.object({
    ...treatmentFacts,
    dischargedOn: localDate,
    reasonCategory: methadoneDischargeCategory,
    legalRef: z.string().optional(),
  }),
});

export const methadoneTransferred = defineEvent({
  type: 'methadone.treatment.transferred.v1',
  topic: methadoneTreatmentTopic,
  summary: 'The patient moved to another clinic; the order chain and history move with them',
  schema: z.object({
    ...treatmentFacts,
    fromClinicId: z.uuid(),
    transferredOn: localDate,
  }),
});

export const methadoneCompleted = defineEvent({
  type: 'methadone.treatment.completed.v1',
  topic: methadoneTreatmentTopic,
  summary:
    'Treatment completed; post-rehab management follows at the residence (Law 73/2021 Art. 37)',
  schema: z.object({ ...treatmentFacts, completedOn: localDate }),
});

/** Every event type of the methadone treatment stream. */
export const methadoneTreatmentEvents = [
  methadoneEnrolled,
  methadoneAdmitted,
  methadoneRefused,
  methadoneDischarged,
  methadoneTransferred,
  methadoneCompleted,
];
