// Effective-dated rulebooks. Layering choice: for a date we take every regime in force on
// that date (validFrom <= date <= validTo) and, for each key, the rule from the regime that
// started most recently among those defining it (file order breaks ties, later wins). So a
// narrow regime such as TRANSFER-2025 overrides only the keys it lists and inherits the rest
// from LAW-2021, with no explicit `extends` chain to maintain when regimes overlap.
import { parse } from 'yaml';
import type { z } from 'zod';
import { compareDates, isOnOrAfter, isOnOrBefore, parseLocalDate } from '../dates/local-date.ts';
import type { LocalDate } from '../dates/local-date.ts';
import { NoRegimeInForceError, RulebookValidationError } from './errors.ts';
import { createResolvedRules } from './resolved-rules.ts';
import type { ResolvedRules, Rule } from './resolved-rules.ts';
import { rulebookFileSchema } from './schema.ts';

/** A legal regime: a period during which a set of rules applies. */
export interface Regime {
  readonly id: string;
  readonly validFrom: LocalDate;
  /** Last day in force (inclusive); open-ended when absent. */
  readonly validTo?: LocalDate;
  readonly description: string;
  readonly legalBasis: string;
}

/** A service domain's regimes and rules, queryable by date. */
export interface Rulebook {
  readonly domain?: string;
  readonly regimes: readonly Regime[];
  readonly rules: readonly Rule[];
  /** Regimes in force on `date`, earliest start first. */
  regimesOn(date: LocalDate): Regime[];
  /** Ids of the regimes in force on `date`, to record on a case which regimes opened it. */
  regimeIdsOn(date: LocalDate): string[];
  /** The rules in force on `date`; throws NoRegimeInForceError when no regime covers it. */
  resolve(date: LocalDate): ResolvedRules;
}

function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return text || '(root)';
}

function toIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Parses and validates a rulebook from YAML text; errors name the bad path. */
export function loadRulebook(yamlText: string): Rulebook {
  let data: unknown;
  try {
    data = parse(yamlText);
  } catch (error) {
    throw new RulebookValidationError([{ path: '(yaml)', message: (error as Error).message }]);
  }
  const result = rulebookFileSchema.safeParse(data);
  if (!result.success) throw new RulebookValidationError(toIssues(result.error));
  return createRulebook(result.data);
}

/** Builds a rulebook from already-validated regimes and rules. */
export function createRulebook(source: {
  domain?: string;
  regimes: readonly Regime[];
  rules: readonly Rule[];
}): Rulebook {
  // Stable sort keeps file order for regimes starting on the same day.
  const regimes = [...source.regimes].sort((a, b) => compareDates(a.validFrom, b.validFrom));
  const rules = [...source.rules];

  const regimesOn = (date: LocalDate): Regime[] => {
    parseLocalDate(date);
    return regimes.filter(
      (r) => isOnOrAfter(date, r.validFrom) && (!r.validTo || isOnOrBefore(date, r.validTo)),
    );
  };

  const resolve = (date: LocalDate): ResolvedRules => {
    const inForce = regimesOn(date);
    if (inForce.length === 0) throw new NoRegimeInForceError(date, regimes[0]?.validFrom);
    const chosen = new Map<string, Rule>();
    // Later-starting regimes are visited last, so their rules overwrite earlier ones.
    for (const regime of inForce) {
      for (const rule of rules) if (rule.regime === regime.id) chosen.set(rule.key, rule);
    }
    return createResolvedRules(
      date,
      inForce.map((r) => r.id),
      chosen,
    );
  };

  return {
    ...(source.domain === undefined ? {} : { domain: source.domain }),
    regimes,
    rules,
    regimesOn,
    regimeIdsOn: (date) => regimesOn(date).map((r) => r.id),
    resolve,
  };
}
