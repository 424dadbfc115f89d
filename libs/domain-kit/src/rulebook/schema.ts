// The rulebook file format, validated with zod so that every problem is reported with the
// YAML path it sits at (e.g. `rules[2].value`), not as a crash later in a service.
import { z } from 'zod';
import { compareDates, isLocalDate } from '../dates/local-date.ts';
import { ruleValueSchema } from './values.ts';

const localDate = z.string().refine(isLocalDate, 'expected an existing date as YYYY-MM-DD');

const regimeSchema = z
  .strictObject({
    id: z.string().min(1),
    validFrom: localDate,
    validTo: localDate.optional(),
    description: z.string().min(1),
    legalBasis: z.string().min(1),
  })
  .refine((r) => !r.validTo || compareDates(r.validFrom, r.validTo) <= 0, {
    message: 'validTo is before validFrom',
    path: ['validTo'],
  });

const ruleSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-zA-Z][\w-]*(\.[a-zA-Z][\w-]*)*$/, 'expected a dotted key like management.term'),
  regime: z.string().min(1),
  value: ruleValueSchema,
  legalRef: z.string().min(1),
  confirmed: z.boolean().default(true),
  note: z.string().optional(),
});

/** Schema of a rulebook YAML file: a service domain's regimes and the rules each defines. */
export const rulebookFileSchema = z
  .strictObject({
    domain: z.string().min(1).optional(),
    regimes: z.array(regimeSchema).min(1),
    rules: z.array(ruleSchema),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.regimes.forEach((regime, i) => {
      if (ids.has(regime.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate regime id "${regime.id}"`,
          path: ['regimes', i, 'id'],
        });
      }
      ids.add(regime.id);
    });
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (!ids.has(rule.regime)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown regime "${rule.regime}"`,
          path: ['rules', i, 'regime'],
        });
      }
      const pair = `${rule.regime}\u0000${rule.key}`;
      if (seen.has(pair)) {
        const message = `"${rule.key}" is defined twice in regime ${rule.regime}`;
        ctx.addIssue({ code: 'custom', message, path: ['rules', i, 'key'] });
      }
      seen.add(pair);
    });
  });

/** A rulebook file after validation. */
export type RulebookFile = z.infer<typeof rulebookFileSchema>;
