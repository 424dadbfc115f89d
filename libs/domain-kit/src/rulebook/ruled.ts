// The shapes of answers derived from a rulebook, shared by every service's rules module so
// one legal fact is carried one way everywhere: the answer and where it came from.
import type { Duration } from './values.ts';
import type { LocalDate } from '../dates/local-date.ts';
import type { ResolvedRule } from './resolved-rules.ts';

/** Where a rule-derived answer came from, so records can cite their legal basis. */
export interface RuleSource {
  regime: string;
  legalRef: string;
  /** False when the rule's legal basis is not yet confirmed (e.g. under LAW-2025). */
  confirmed: boolean;
}

/** A computed date with the rule it came from. */
export interface RuledDate extends RuleSource {
  date: LocalDate;
}

/** An actor role named by the rulebook (e.g. `commune-chairman`). */
export interface RuledActor extends RuleSource {
  actor: string;
}

/** An inclusive range of months allowed for a term, and the rule key that sets it. */
export interface RuledMonths extends RuleSource {
  min: number;
  max: number;
  key: string;
}

/** A number the rulebook sets (e.g. the minimum number of rehab stages). */
export interface RuledCount extends RuleSource {
  count: number;
}

/** A duration the rulebook sets. */
export interface RuledDuration extends RuleSource {
  duration: Duration;
}

/** The source of a resolved rule. */
export function sourceOf(
  rule: Pick<ResolvedRule<unknown>, 'regimeId' | 'legalRef' | 'confirmed'>,
): RuleSource {
  return { regime: rule.regimeId, legalRef: rule.legalRef, confirmed: rule.confirmed };
}
