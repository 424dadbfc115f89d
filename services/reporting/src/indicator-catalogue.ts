// Loads indicators.yaml: every entry checked, every reference to another indicator resolved,
// so a bad catalogue stops the service at start-up rather than giving wrong figures.
import { parse } from 'yaml';
import { z } from 'zod';
import { dimensions } from './domain/breakdowns.ts';
import { flowFacts, stockFacts } from './domain/facts.ts';
import type { IndicatorCatalogue } from './domain/indicators.ts';

const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const definition = text.extend({ reference: z.string().min(1) });
const id = z.string().regex(/^[a-z0-9-]{2,60}$/);

const indicator = z.object({
  id,
  name: text,
  definition,
  kind: z.enum(['stock', 'flow', 'ratio']),
  fact: z.enum([...stockFacts, ...flowFacts]).optional(),
  at: z.enum(['start', 'end']).optional(),
  sumOf: z.array(id).min(2).optional(),
  numerator: id.optional(),
  denominator: id.optional(),
  breakdowns: z.array(z.enum(dimensions)),
  sources: z.array(z.string().min(1)).min(1),
  table: z.object({ section: z.string().min(1), row: z.string().min(1) }),
});

const fileSchema = z
  .object({
    breakdowns: z.object({
      sex: z.array(z.string().min(1)).min(1),
      ageBand: z
        .array(
          z.object({
            id: z.string().min(1),
            minAge: z.number().int().min(0).optional(),
            maxAge: z.number().int().min(0).optional(),
          }),
        )
        .min(1),
      ethnicity: z.array(z.string().min(1)).min(1),
      substance: z.array(z.string().min(1)).min(1),
      modality: z.array(z.string().min(1)).min(1),
    }),
    indicators: z.array(indicator).min(1),
    activities: z.array(z.object({ id, name: text, definition, unit: z.enum(['count', 'share']) })),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.indicators.forEach((entry, index) => {
      const issue = (message: string) =>
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', index],
          message: `${entry.id}: ${message}`,
        });
      if (ids.has(entry.id)) issue('duplicate id');
      ids.add(entry.id);
      const refs = [...(entry.sumOf ?? []), entry.numerator, entry.denominator].filter(Boolean);
      for (const ref of refs)
        if (!file.indicators.some((other) => other.id === ref))
          issue(`names unknown indicator ${ref}`);
      if (entry.kind === 'ratio' && !(entry.numerator && entry.denominator))
        issue('a ratio needs numerator and denominator');
      if (entry.kind !== 'ratio' && !entry.fact && !entry.sumOf) issue('needs a fact or sumOf');
      if (entry.kind === 'flow' && entry.fact && stockFacts.some((f) => f === entry.fact))
        issue(`a flow cannot count the stock ${entry.fact}`);
      if (entry.kind === 'stock' && entry.fact && flowFacts.some((f) => f === entry.fact))
        issue(`a stock cannot count the flow ${entry.fact}`);
    });
    for (const [index, activity] of file.activities.entries())
      if (ids.has(activity.id))
        ctx.addIssue({
          code: 'custom',
          path: ['activities', index],
          message: `${activity.id}: also an indicator id`,
        });
  });

/** Parses and checks the catalogue; throws naming the bad entry. */
export function parseIndicatorCatalogue(yamlText: string): IndicatorCatalogue {
  const file = fileSchema.parse(parse(yamlText));
  const { ageBand, ...values } = file.breakdowns;
  return {
    ageBands: ageBand,
    dimensionValues: { ...values, ageBand: ageBand.map((band) => band.id) },
    indicators: file.indicators,
    activities: file.activities,
  };
}
