// Events of the vocational service's support stream (topic vocational.support.v1), keyed by
// personId (a business loan by its loan id). Need-to-know: kind, date, unit and amounts,
// never a name; the reporting service counts the supported share from them, the registry
// shows a person's support history on the timeline.
import { z } from 'zod';
import { defineEvent, type TopicSpec } from '../catalogue.ts';
import { localDate, unitCode } from './shared.ts';

export const vocationalSupportTopic: TopicSpec = {
  name: 'vocational.support.v1',
  partitions: 6,
  description:
    'Support after rehab: needs opened, counselling, training, job placements and follow-ups, preferential loans',
};

/** The kinds of support given to a person (each one counts toward the supported share). */
export const vocationalSupportKind = z.enum(['counselling', 'training', 'job-placement', 'loan']);

export const supportNeedOpened = defineEvent({
  type: 'vocational.need.opened.v1',
  topic: vocationalSupportTopic,
  summary:
    'A post-rehab person needs support (a post-rehab management decision or a completed methadone treatment): the denominator of the supported share',
  schema: z.object({
    personId: z.uuid(),
    /** The post-rehab case (or methadone treatment) the need belongs to. */
    episodeId: z.string().min(1),
    source: z.enum(['post-rehab-management', 'methadone-completion']),
    unitCode,
    openedOn: localDate,
    needs: z.array(z.enum(['schooling', 'vocational-training', 'job', 'loan'])),
  }),
});

export const supportGiven = defineEvent({
  type: 'vocational.support.given.v1',
  topic: vocationalSupportTopic,
  summary:
    'A support was given to a post-rehab person (Decision 1393/QĐ-LĐTBXH; loans under Decision 08/2026/QĐ-TTg)',
  schema: z.object({
    /** The record of the support (counselling session, enrolment, placement, loan). */
    supportId: z.uuid(),
    personId: z.uuid(),
    kind: vocationalSupportKind,
    on: localDate,
    unitCode,
    /** Training: `enrolled`, `completed` or `dropped`. */
    status: z.string().min(1).optional(),
    provider: z.string().min(1).optional(),
    amountVnd: z.number().int().positive().optional(),
    termMonths: z.number().int().positive().optional(),
  }),
});

export const placementFollowedUp = defineEvent({
  type: 'vocational.placement.followed-up.v1',
  topic: vocationalSupportTopic,
  summary: 'A job placement was followed up at 3, 6 or 12 months: still employed or not',
  schema: z.object({
    placementId: z.uuid(),
    personId: z.uuid(),
    months: z.number().int().positive(),
    on: localDate,
    stillEmployed: z.boolean(),
    unitCode,
  }),
});

export const employerLoanGranted = defineEvent({
  type: 'vocational.employer-loan.granted.v1',
  topic: vocationalSupportTopic,
  summary:
    'A preferential loan to a business employing post-rehab persons (Decision 08/2026/QĐ-TTg); no person is named',
  schema: z.object({
    loanId: z.uuid(),
    unitCode,
    on: localDate,
    amountVnd: z.number().int().positive(),
    workers: z.number().int().positive(),
    postRehabWorkers: z.number().int().positive(),
  }),
});

/** Every event type of the vocational support stream. */
export const vocationalSupportEvents = [
  supportNeedOpened,
  supportGiven,
  placementFollowedUp,
  employerLoanGranted,
];
