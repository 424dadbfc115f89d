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
    violation: z.object({ kind: z.string(), on: localDate, legalRef: z.string() }).optional(),
  }),
});

/** Every event type of the treatment case stream. */
export const treatmentCaseEvents = [caseOpened, caseChanged];
