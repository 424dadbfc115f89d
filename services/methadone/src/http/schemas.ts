// Request schemas of /methadone/v1: they validate input (400 naming the field) and generate
// the OpenAPI document.
import { isLocalDate } from '@rehab/domain-kit';
import { freeText } from '@rehab/service-kit';
import { z } from 'zod';
import { STAFF_ROLES } from '../app/ports.ts';
import { DISCHARGE_REASONS, PHASES } from '../domain/index.ts';

export const localDate = z
  .string()
  .refine((value) => isLocalDate(value), 'must be an existing date written YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-03-16' });

const unitCode = z.string().min(2).max(12);
const mg = z.number().int().min(1).max(1000);
const positive = (max: number) => z.number().positive().max(max);

export const idParams = z.object({ id: z.uuid() });
export const flagParams = z.object({ id: z.uuid(), flagId: z.uuid() });
export const countParams = z.object({ id: z.uuid(), countId: z.coerce.number().int().min(1) });
export const dateQuery = z.strictObject({ date: localDate });

export const clinicBody = z.strictObject({
  name: freeText({ max: 300, example: 'Cơ sở điều trị Methadone Tân Lập' }),
  unitCode,
  licensedFrom: localDate,
  licensedTo: localDate,
});

export const siteBody = z.strictObject({
  name: freeText({ max: 300, example: 'Điểm cấp phát thuốc Phú Mỹ' }),
  unitCode,
});

export const staffBody = z.strictObject({
  userId: freeText({ max: 200 }),
  fullName: freeText({ max: 200, example: 'ĐD. Nguyễn Thị Lan' }),
  role: z.enum(STAFF_ROLES),
  from: localDate,
  to: localDate,
});

export const enrolmentBody = z.strictObject({
  personId: z.uuid(),
  clinicId: z.uuid(),
  applicationDate: localDate,
  guardianConsent: z
    .strictObject({
      guardianName: freeText({ max: 200 }),
      relationship: freeText({ max: 100 }),
      signedOn: localDate,
    })
    .optional()
    .describe('Required under 16: the written consent of a guardian (Decree 90/2016)'),
});

export const intakeBody = z.strictObject({
  decision: z.enum(['admitted', 'refused']),
  reason: freeText({ max: 2000 }).optional().describe('Required for a refusal'),
  diagnosis: z
    .strictObject({
      code: z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'must be an ICD-10 code such as F11.2'),
      prescriberUserId: freeText({ max: 200 }),
    })
    .optional()
    .describe("The clinic prescriber's diagnosis of opioid dependence (ICD-10 F11)"),
});

export const orderBody = z.strictObject({
  phase: z.enum(PHASES),
  doseMg: mg,
  startsOn: localDate,
  endsOn: localDate,
});

export const doseBody = z.strictObject({ serviceDate: localDate, siteId: z.uuid(), doseMg: mg });

export const clearFlagBody = z.strictObject({ note: freeText({ max: 2000 }) });

export const guestDosingBody = z.strictObject({ siteId: z.uuid(), from: localDate, to: localDate });

export const takeHomeBody = z.strictObject({
  from: localDate,
  days: z.number().int().min(1).max(60),
  reason: freeText({ max: 2000 }),
});

export const testBody = z.strictObject({
  sampledOn: localDate,
  results: z
    .array(
      z.strictObject({
        substanceClass: z.enum(['opioid', 'ats', 'cannabis', 'other']),
        positive: z.boolean(),
      }),
    )
    .min(1)
    .max(8),
});

export const violationBody = z.strictObject({
  on: localDate,
  kind: freeText({ max: 100, example: 'gây rối trật tự tại cơ sở' }),
  note: freeText({ max: 2000 }).optional(),
});

export const dischargeBody = z.strictObject({
  reason: z.enum(DISCHARGE_REASONS),
  decidedOn: localDate,
});

export const transferBody = z.strictObject({ toClinicId: z.uuid(), on: localDate });
export const completionBody = z.strictObject({ on: localDate });

export const receiptBody = z.strictObject({
  lot: freeText({ max: 60 }),
  bottles: z.number().int().min(1).max(10_000),
  mlPerBottle: positive(10_000),
  mgPerMl: positive(100),
  receivedOn: localDate,
  expiresOn: localDate.optional().describe('The lot’s expiry: doses draw from the first to expire'),
  fromSiteId: z.uuid().optional().describe('Issued by another site (its book is debited)'),
});

export const wastageBody = z.strictObject({
  lot: freeText({ max: 60 }),
  ml: positive(1_000_000),
  reason: freeText({ max: 2000 }),
});

export const countBody = z.strictObject({
  countedOn: localDate,
  lot: freeText({ max: 60 }),
  ml: z.number().min(0).max(10_000_000),
});

export const confirmBody = z.strictObject({ note: freeText({ max: 2000 }).optional() });

export const correctionBody = z.strictObject({
  corrects: z.number().int().min(1),
  note: freeText({ max: 2000 }),
});
