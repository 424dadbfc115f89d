// Events of the treatment service's case stream (topic treatment.case.v1), keyed by
// personId, consumed by the registry (timeline and status) and by reporting.
import { z } from 'zod';
import { defineEvent, type TopicSpec } from '../catalogue.ts';
import { localDate } from './shared.ts';

export const treatmentCaseTopic: TopicSpec = {
  name: 'treatment.case.v1',
  partitions: 6,
  description:
    'Treatment cases: registration deadlines, rehab episodes, compulsory placement, post-rehab management',
};

const caseFacts = {
  caseId: z.uuid(),
  personId: z.uuid(),
  kind: z.enum([
    'awaiting-registration',
    'voluntary-home',
    'voluntary-facility',
    'compulsory',
    'post-rehab',
  ]),
  state: z.string().min(1),
  regime: z.string().min(1),
  /** The commune responsible for the case (absent on events published before it was added). */
  unitCode: z.string().min(2).max(12).optional(),
};

export const caseOpened = defineEvent({
  type: 'treatment.case.opened.v1',
  topic: treatmentCaseTopic,
  summary: 'A case was opened (e.g. awaiting registration after an addicted result)',
  schema: z.object({
    ...caseFacts,
    openedOn: localDate,
    registrationDeadline: localDate.optional(),
  }),
});

export const caseChanged = defineEvent({
  type: 'treatment.case.changed.v1',
  topic: treatmentCaseTopic,
  summary: 'A case moved to another state; a violation record is the basis of compulsory placement',
  schema: z.object({
    ...caseFacts,
    changedOn: localDate,
    /** The transition that was taken (e.g. `complete`, `court-decide`), for timelines. */
    step: z.string().min(1).optional(),
    legalRef: z.string().optional(),
    violation: z.object({ kind: z.string(), on: localDate, legalRef: z.string() }).optional(),
    /** A completion or release certificate issued by this step. */
    certificateId: z.string().min(1).optional(),
    /** A support need recorded during post-rehab management, for the vocational service. */
    supportNeed: z.enum(['schooling', 'vocational-training', 'job', 'loan']).optional(),
  }),
});

export const relapseDetected = defineEvent({
  type: 'treatment.relapse.detected.v1',
  topic: treatmentCaseTopic,
  summary:
    'Drug use was detected during post-rehab management: the registry refers the person for determination (Law 73/2021 Art. 27(1)(d)) and it is the basis of compulsory placement (Art. 32(1)(d))',
  schema: z.object({
    caseId: z.uuid(),
    personId: z.uuid(),
    unitCode: z.string().min(2).max(12),
    detectedOn: localDate,
    legalRef: z.string().min(1),
  }),
});

/** Every event type of the treatment case stream. */
export const treatmentCaseEvents = [caseOpened, caseChanged, relapseDetected];
