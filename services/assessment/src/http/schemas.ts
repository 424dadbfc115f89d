// Request and response schemas of /assessment/v1 (they validate and generate OpenAPI).
import { freeText } from '@rehab/service-kit';
import { z } from 'zod';
import { isLocalDate } from '@rehab/domain-kit';
import { CRITERIA, SUBSTANCE_CLASSES } from '../domain/index.ts';

export const localDate = z
  .string()
  .refine((value) => isLocalDate(value), 'must be an existing date written YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-03-15' });
const instantOrDate = z
  .string()
  .refine(
    (value) => isLocalDate(value) || !Number.isNaN(Date.parse(value)),
    'must be YYYY-MM-DD or an ISO 8601 instant',
  )
  .meta({ example: '2026-03-15T08:30:00+07:00' });
const substanceClass = z.enum(SUBSTANCE_CLASSES as [string, ...string[]]);

export const idParams = z.object({ id: z.uuid() });

export const facilityBody = z.strictObject({
  name: freeText({ max: 300, example: 'Trung tâm Y tế tỉnh Mẫu' }),
  unitCode: z.string().min(2).max(12),
  certifiedFrom: localDate,
  certifiedTo: localDate,
});

export const assessorBody = z.strictObject({
  userId: freeText({ max: 200 }),
  fullName: freeText({ max: 200, example: 'BS. Trần Thị Hạnh' }),
  certifiedFrom: localDate,
  certifiedTo: localDate,
});

export const voluntaryBody = z.strictObject({
  personId: z.uuid(),
  facilityId: z.uuid(),
  requestedOn: localDate.optional(),
});

export const determinationsQuery = z.strictObject({ personId: z.uuid() });

export const reassignBody = z.strictObject({
  facilityId: z.uuid(),
  reason: freeText({
    max: 1000,
    example: 'Cơ sở được giao đang quá tải; chuyển về cơ sở gần nơi cư trú',
  }),
});

const facilityAssignmentView = z.object({
  facilityId: z.string(),
  assignedOn: localDate,
  basis: z.enum(['commune', 'province', 'chosen', 'reassigned']),
  reason: z.string().optional(),
  by: z.string().optional(),
});

export const testBody = z.strictObject({
  sampledAt: instantOrDate,
  sample: z.enum(['urine', 'blood']),
  results: z
    .array(z.strictObject({ substanceClass, positive: z.boolean() }))
    .min(1)
    .max(8),
});

export const observationBody = z.strictObject({
  criterion: z.enum(CRITERIA as [string, ...string[]]),
  present: z.boolean(),
  observedOn: localDate,
  source: z.enum(['clinical', 'self-or-companion', 'police-dossier']),
  substanceClass,
});

export const conclusionBody = z.strictObject({
  concludedOn: localDate,
  result: z
    .enum(['addicted', 'not-addicted'])
    .optional()
    .describe('Defaults to the computed result'),
  overrideReason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe('Required when result contradicts the computed one'),
  substanceClass: substanceClass.optional(),
  supersedes: z
    .strictObject({ conclusionId: z.uuid(), reason: freeText({ max: 2000 }) })
    .optional(),
});

const conclusionView = z.object({
  id: z.string(),
  concludedOn: localDate,
  assessorUserId: z.string(),
  result: z.enum(['addicted', 'not-addicted']),
  substanceClass: z.string().optional(),
  criteriaMet: z.array(z.string()),
  current: z.boolean(),
});

export const determinationSummary = z.object({
  id: z.string(),
  status: z.enum(['requested', 'in-progress', 'concluded']),
  personId: z.string(),
  facilityId: z.string(),
  origin: z.string(),
  requestedOn: localDate,
  result: z.enum(['addicted', 'not-addicted']).optional(),
  substanceClass: z.string().optional(),
});

export const determinationView = determinationSummary.extend({
  version: z.number().int(),
  /** Every facility assigned, the first first: the legal time counts from its date. */
  facilityHistory: z.array(facilityAssignmentView).min(1),
  firstAssignedOn: localDate,
  tests: z.array(z.record(z.string(), z.unknown())),
  observations: z.array(z.record(z.string(), z.unknown())),
  conclusions: z.array(conclusionView),
});

export const concludedView = determinationView.extend({
  conclusionId: z.string(),
  registrationDeadline: localDate.optional(),
  notify: z.enum(['person', 'guardian']).optional(),
});
