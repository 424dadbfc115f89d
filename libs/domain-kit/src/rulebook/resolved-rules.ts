// The rules in force on one date, with typed accessors so callers get a Duration or an
// actor name directly and a clear error when the rulebook does not say what they expect.
import type { LocalDate } from '../dates/local-date.ts';
import { RuleNotFoundError, RuleTypeError } from './errors.ts';
import { describeValue } from './values.ts';
import type { Duration, DurationRange, PlainValue, RuleValue } from './values.ts';

/** A rule as written in a rulebook. */
export interface Rule {
  readonly key: string;
  readonly regime: string;
  readonly value: RuleValue;
  readonly legalRef: string;
  /** False for rules whose legal basis is not yet confirmed. */
  readonly confirmed: boolean;
  readonly note?: string;
}

/** A rule's value as resolved for a date, with where it came from. */
export interface ResolvedRule<T> {
  readonly key: string;
  readonly value: T;
  readonly legalRef: string;
  readonly regimeId: string;
  readonly confirmed: boolean;
}

/** The rules in force on one date. */
export interface ResolvedRules {
  readonly date: LocalDate;
  /** Regimes in force on the date, earliest start first. */
  readonly regimeIds: readonly string[];
  keys(): string[];
  has(key: string): boolean;
  get(key: string): ResolvedRule<RuleValue>;
  duration(key: string): ResolvedRule<Duration>;
  range(key: string): ResolvedRule<DurationRange>;
  /** A rule naming who acts (a plain string value). */
  actor(key: string): ResolvedRule<string>;
  value(key: string): ResolvedRule<PlainValue>;
}

/** Wraps the rules chosen for `date` in typed accessors. */
export function createResolvedRules(
  date: LocalDate,
  regimeIds: readonly string[],
  rules: ReadonlyMap<string, Rule>,
): ResolvedRules {
  const get = (key: string): ResolvedRule<RuleValue> => {
    const rule = rules.get(key);
    if (!rule) throw new RuleNotFoundError(key, date, regimeIds);
    const { value, legalRef, regime: regimeId, confirmed } = rule;
    return { key, value, legalRef, regimeId, confirmed };
  };
  const as = <T>(key: string, expected: string, pick: (v: RuleValue) => T | undefined) => {
    const rule = get(key);
    const value = pick(rule.value);
    if (value === undefined) throw new RuleTypeError(key, expected, describeValue(rule.value));
    return { ...rule, value };
  };

  return {
    date,
    regimeIds,
    keys: () => [...rules.keys()].sort(),
    has: (key) => rules.has(key),
    get,
    duration: (key) => as(key, 'duration', (v) => (v.kind === 'duration' ? v.duration : undefined)),
    range: (key) => as(key, 'range', (v) => (v.kind === 'range' ? v.range : undefined)),
    actor: (key) =>
      as(key, 'string value (actor)', (v) =>
        v.kind === 'plain' && typeof v.value === 'string' ? v.value : undefined,
      ),
    value: (key) => as(key, 'plain value', (v) => (v.kind === 'plain' ? v.value : undefined)),
  };
}
