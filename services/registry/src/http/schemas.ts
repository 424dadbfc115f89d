// Request and response schemas of /registry/v1: they validate requests and generate the
// OpenAPI document, so the contract agency systems build against is this file.
import { z } from 'zod';
import { isLocalDate } from '@rehab/domain-kit';
import { movementKinds, referralReasons } from '@rehab/events';
import { freeText, pageQueryShape, pageSchema } from '@rehab/service-kit';
import type { TreatmentSituation } from '../domain/treatment-situation.ts';
import type { TreatmentCaseKind } from '../domain/treatment-status.ts';

export const localDate = z
  .string()
  .refine((value) => isLocalDate(value), 'must be an existing date written YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-03-15' });
const unitCode = z.string().min(2).max(12).meta({ example: '99001' });
const nationalId = z
  .string()
  .regex(/^\d{12}$/, 'must be exactly 12 digits')
  .meta({ example: '001090012345' });
const personName = freeText({ max: 200, example: 'Nguyễn Văn An' });
const sex = z.enum(['male', 'female']);

export const personIdParams = z.object({ id: z.uuid() });

export const registerPersonBody = z.strictObject({
  fullName: personName,
  dateOfBirth: localDate,
  sex,
  nationalId: nationalId.optional(),
  ethnicity: freeText({ max: 60, example: 'Kinh' }).optional(),
  residence: z.strictObject({ unitCode, address: freeText({ max: 300 }) }),
});

export const updatePersonBody = z
  .strictObject({
    fullName: personName.optional(),
    dateOfBirth: localDate.optional(),
    sex: sex.optional(),
    nationalId: nationalId.optional(),
    ethnicity: freeText({ max: 60 }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

export const detectionBody = z.strictObject({
  detectedAt: localDate,
  sample: z.enum(['urine', 'blood']),
  substances: z
    .array(freeText({ max: 80 }))
    .min(1)
    .max(20)
    .meta({ example: ['methamphetamine'] }),
  decisionDate: localDate.optional(),
});

export const movementBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('residence-change'),
    effectiveOn: localDate,
    toUnitCode: unitCode,
    address: freeText({ max: 300 }),
  }),
  z.strictObject({
    kind: z.literal('absence'),
    effectiveOn: localDate,
    until: localDate.optional(),
    reason: freeText({ max: 500, min: 0 }).optional(),
  }),
  z.strictObject({
    kind: z.enum(
      movementKinds.filter((k) => k !== 'residence-change' && k !== 'absence') as [
        'imprisonment',
        'death',
        'declared-missing',
      ],
    ),
    effectiveOn: localDate,
    note: freeText({ max: 500, min: 0 }).optional(),
  }),
]);

export const referralBody = z.strictObject({
  reason: z.enum(referralReasons),
  referredOn: localDate.optional(),
  note: freeText({ max: 2000, min: 0 }).optional(),
});

export const searchQuery = z.strictObject({
  q: freeText({ max: 200 }).optional(),
  unitCode: unitCode.optional(),
  ...pageQueryShape,
});

export const managementListQuery = z.strictObject({ unitCode, asOf: localDate.optional() });
export const auditQuery = z.strictObject({ personId: z.uuid(), ...pageQueryShape });
export const unitsQuery = z.strictObject({
  level: z.enum(['province', 'district', 'commune']).optional(),
  parent: z.string().optional(),
  validOn: localDate.optional(),
});

const residence = z.object({ unitCode, address: z.string(), from: localDate });
const managementDecision = z.object({
  id: z.string(),
  decisionDate: localDate,
  termEndsOn: localDate,
  unitCode,
  regime: z.string(),
  legalRef: z.string(),
  renewsDecisionId: z.string().optional(),
  decisionDueBy: localDate,
  decidedLate: z.boolean(),
  stop: z.object({ on: localDate, reason: z.string(), legalRef: z.string() }).optional(),
});

const treatmentCaseKind = z.enum([
  'awaiting-registration',
  'voluntary-home',
  'voluntary-facility',
  'compulsory',
  'post-rehab',
] as const satisfies readonly TreatmentCaseKind[]);
const treatmentCase = z.object({
  caseId: z.string(),
  kind: treatmentCaseKind,
  state: z.string().describe("The treatment service's state of the case, e.g. in-rehab"),
  regime: z.string().meta({ example: 'LAW-2025' }),
  unitCode: unitCode.optional(),
  openedOn: localDate.optional().describe('Absent until the case-opened event has arrived'),
  registrationDeadline: localDate.optional(),
  since: localDate.describe('First day of the current state'),
  step: z.string().optional().describe('The last step announced'),
  certificateId: z.string().optional(),
  phase: z.enum(['running', 'completed', 'closed']),
});
const treatment = z
  .object({
    situation: z.enum([
      'awaiting-registration',
      'voluntary-rehab',
      'compulsory',
      'post-rehab-management',
      'completed',
      'closed',
    ] as const satisfies readonly TreatmentSituation[]),
    caseId: z.string().describe('The case the situation is taken from'),
    kind: treatmentCaseKind,
    state: z.string(),
    since: localDate,
    setting: z.enum(['home', 'facility']).optional(),
    registrationDeadline: localDate.optional(),
    certificateId: z.string().optional(),
    otherRunningCaseIds: z.array(z.string()).optional(),
    cases: z.array(treatmentCase),
  })
  .describe(
    "Where the person stands in rehab, from the treatment service's events (treatment.case.v1): the most recently opened running case, or how the last one ended; absent before any case",
  );

export const personView = z.object({
  id: z.string(),
  version: z.number().int(),
  fullName: z.string(),
  dateOfBirth: localDate,
  sex,
  ethnicity: z.string().optional(),
  nationalId: z
    .string()
    .optional()
    .describe('Full number for agencies the policy allows; masked otherwise'),
  nationalIdMasked: z.boolean().optional(),
  lifeStatus: z.enum(['active', 'deceased', 'missing']),
  residence,
  addictionStatus: z.enum(['unknown', 'addicted', 'not-addicted']),
  substanceClass: z.string().optional(),
  registrationDeadline: localDate.optional(),
  management: z
    .object({
      status: z.enum(['none', 'active', 'ended', 'stopped']),
      current: managementDecision.optional(),
      stopReason: z.string().optional(),
    })
    .describe('The current decision, or the last one with its stopReason'),
  managementHistory: z.array(managementDecision),
  treatment: treatment.optional(),
  substitutionTreatment: z
    .object({
      patientId: z.string(),
      clinicId: z.string(),
      clinicUnitCode: unitCode,
      status: z.enum(['applied', 'on-mmt', 'refused', 'discharged', 'completed']),
      since: localDate,
      enrolledOn: localDate.optional(),
      admittedOn: localDate.optional(),
      ended: z
        .object({
          on: localDate,
          how: z.enum(['refused', 'discharged', 'completed']),
          reasonCategory: z.string().optional(),
        })
        .optional(),
    })
    .optional()
    .describe(
      'Methadone maintenance treatment from methadone.treatment.v1: clinic, since when, how it ended (never doses, tests or diagnoses)',
    ),
  referrals: z.array(
    z.object({
      id: z.string(),
      reason: z.string(),
      mandatory: z.boolean(),
      referredOn: localDate,
      referringUnitCode: unitCode,
      note: z.string().optional(),
      treatmentCaseId: z
        .string()
        .optional()
        .describe('The post-rehab case whose relapse led to the referral'),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.string(),
      on: localDate,
      recordedAt: z.string(),
      kind: z.string(),
      summary: z.string(),
      source: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const personSummaryView = personView.pick({
  id: true,
  fullName: true,
  dateOfBirth: true,
  sex: true,
  residence: true,
  addictionStatus: true,
  lifeStatus: true,
});
export const registeredView = personView.extend({ possibleDuplicates: z.array(personSummaryView) });
export const personPage = pageSchema(personSummaryView);
export const managementListView = z.object({
  unitCode,
  asOf: localDate,
  items: z.array(
    z.object({
      person: personSummaryView,
      decisionId: z.string(),
      decisionDate: localDate,
      termEndsOn: localDate,
      regime: z.string(),
    }),
  ),
});
