// Rule values as written in YAML: a duration with one unit (`{ months: 12 }`), a range in
// one unit (`{ minMonths: 6, maxMonths: 12 }`), or a plain scalar such as an actor name.
import { z } from 'zod';

/** Units a legal term or deadline can be expressed in. */
export const DURATION_UNITS = ['years', 'months', 'weeks', 'days', 'workingDays', 'hours'] as const;

/** A unit of a Duration. */
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** A length of time in a single unit, e.g. 12 months or 5 working days. */
export interface Duration {
  readonly unit: DurationUnit;
  readonly amount: number;
}

/** An inclusive range of lengths in one unit, e.g. 6 to 12 months. */
export interface DurationRange {
  readonly unit: DurationUnit;
  readonly min: number;
  readonly max: number;
}

/** A scalar rule value: an actor, a flag, a count. */
export type PlainValue = string | number | boolean;

/** A rule's value, tagged by kind. */
export type RuleValue =
  | { readonly kind: 'duration'; readonly duration: Duration }
  | { readonly kind: 'range'; readonly range: DurationRange }
  | { readonly kind: 'plain'; readonly value: PlainValue };

const capitalize = (unit: string): string => unit.charAt(0).toUpperCase() + unit.slice(1);
const isAmount = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0;

const EXPECTED =
  'expected a duration like { months: 12 } (units: ' +
  DURATION_UNITS.join(', ') +
  '), a range like { minMonths: 6, maxMonths: 12 }, or a string/number/boolean';

function classify(input: Record<string, unknown>): RuleValue | undefined {
  const entries = Object.entries(input);
  if (entries.length === 1) {
    const [[key, amount]] = entries as [[string, unknown]];
    const unit = DURATION_UNITS.find((u) => u === key);
    return unit && isAmount(amount) ? { kind: 'duration', duration: { unit, amount } } : undefined;
  }
  if (entries.length === 2) {
    for (const unit of DURATION_UNITS) {
      const min = input[`min${capitalize(unit)}`];
      const max = input[`max${capitalize(unit)}`];
      if (isAmount(min) && isAmount(max) && min <= max) {
        return { kind: 'range', range: { unit, min, max } };
      }
    }
  }
  return undefined;
}

/** Zod schema turning a YAML rule value into a tagged RuleValue. */
export const ruleValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown())])
  .transform((input, ctx): RuleValue => {
    if (typeof input !== 'object') return { kind: 'plain', value: input };
    const value = classify(input);
    if (value) return value;
    ctx.issues.push({ code: 'custom', message: EXPECTED, input });
    return z.NEVER;
  });

/** Human wording for a kind of rule value, used in error messages. */
export function describeValue(value: RuleValue): string {
  return value.kind === 'plain' ? `${typeof value.value} value` : value.kind;
}
