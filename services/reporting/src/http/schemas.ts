// Request and response schemas of /reporting/v1 (they validate and generate OpenAPI).
import { freeText } from '@rehab/service-kit';
import { z } from 'zod';
import { dimensions } from '../domain/breakdowns.ts';

const periodId = z
  .string()
  .regex(
    /^\d{4}(M(0[1-9]|1[0-2])|Q[1-4]|S[12])?$/,
    'must be a period: 2026M01, 2026Q1, 2026S1 or 2026',
  )
  .meta({ example: '2026Q1' });
const unitCode = z
  .string()
  .regex(/^[0-9A-Za-z-]{2,12}$/, 'must be an administrative unit code')
  .meta({ example: '99' });

export const indicatorsQuery = z.strictObject({
  period: periodId,
  unitCode,
  breakdown: z.enum(dimensions).optional(),
});

export const shown = z.union([z.number(), z.string(), z.null()]).meta({
  description: 'A count, a share, the small-count label ("<5") or null when unavailable',
});

const text = z.object({ vi: z.string(), en: z.string() });

export const indicatorsView = z.object({
  period: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().nullable().meta({ description: 'Time of the newest event the figures include' }),
  breakdown: z.enum(dimensions).optional(),
  items: z.array(
    z.object({
      id: z.string(),
      name: text.optional(),
      kind: z.enum(['stock', 'flow', 'ratio']).optional(),
      available: z.boolean(),
      value: shown,
      cells: z.record(z.string(), shown).optional(),
      suppressed: z.boolean(),
      target: z.number().nullable(),
      achieved: z
        .number()
        .nullable()
        .meta({ description: 'Share of the target achieved (1 = met)' }),
    }),
  ),
  activities: z.array(
    z.object({
      id: z.string(),
      name: text,
      value: shown,
      target: z.number().nullable(),
      achieved: z.number().nullable(),
    }),
  ),
});

export const targetParams = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  unitCode,
});

export const targetBody = z
  .record(
    z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be an indicator or activity id'),
    z.number().min(0),
  )
  .meta({ example: { 'compulsory-total': 62, 'voluntary-home': 24 } });

export const activityBody = z.strictObject({
  unitCode,
  period: periodId,
  activity: z.string().regex(/^[a-z0-9-]{2,60}$/),
  value: z.number().min(0),
  note: freeText({ max: 2000, example: 'Tuyên truyền tại nhà văn hóa thôn' }).optional(),
});

export const reportParams = z.strictObject({ period: periodId, unitCode });

export const completenessQuery = z.strictObject({
  period: periodId,
  unitCode: unitCode.default('99'),
});
