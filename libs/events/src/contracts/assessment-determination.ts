// Events of the health sector's determination stream (topic assessment.determination.v1),
// keyed by personId. Need-to-know: they carry the result, the substance class and dates,
// never the criteria observed or test results, which stay in the assessment service.
import { z } from 'zod';
import { defineEvent, type TopicSpec } from '../catalogue.ts';
import { localDate, substanceClass, unitCode } from './shared.ts';

export const assessmentDeterminationTopic: TopicSpec = {
  name: 'assessment.determination.v1',
  partitions: 6,
  description: 'Addiction status determinations: requests and their results',
};

export const determinationRequested = defineEvent({
  type: 'assessment.determination.requested.v1',
  topic: assessmentDeterminationTopic,
  summary: 'A determination was requested (a registry referral or a voluntary request)',
  schema: z.object({
    determinationId: z.uuid(),
    personId: z.uuid(),
    origin: z.enum(['referral', 'voluntary']),
    referralId: z.uuid().optional(),
    reason: z.string().optional(),
    requestedOn: localDate,
    facilityId: z.uuid().optional(),
    requestingUnitCode: unitCode.optional(),
  }),
});

export const determinationConcluded = defineEvent({
  type: 'assessment.determination.concluded.v1',
  topic: assessmentDeterminationTopic,
  summary:
    'A certified assessor concluded: addicted or not, with the substance class (Law 73/2021 Art. 27; Circular 18/2021/TT-BYT); a correction supersedes an earlier conclusion',
  schema: z.object({
    determinationId: z.uuid(),
    conclusionId: z.uuid(),
    personId: z.uuid(),
    result: z.enum(['addicted', 'not-addicted']),
    substanceClass: substanceClass.optional(),
    concludedOn: localDate,
    /** The day the requester and the person were notified (the deadline counts from it). */
    notifiedOn: localDate,
    /** Addicted adults, or a 12-17 year old's guardian: register rehab or methadone by this day. */
    registrationDeadline: localDate.optional(),
    facilityId: z.uuid(),
    origin: z.enum(['referral', 'voluntary']),
    referralId: z.uuid().optional(),
    supersedes: z.object({ conclusionId: z.uuid(), reason: z.string().min(1) }).optional(),
  }),
});

/** Every event type of the determination stream. */
export const assessmentDeterminationEvents = [determinationRequested, determinationConcluded];
