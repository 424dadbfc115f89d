// Errors name the offending key, date or YAML path so an operator can fix the rulebook
// file or the case data without reading code.
import type { LocalDate } from '../dates/local-date.ts';

/** One problem found while validating a rulebook file. */
export interface RulebookIssue {
  /** Where in the file, e.g. `rules[2].value`; `(yaml)` for syntax errors. */
  readonly path: string;
  readonly message: string;
}

/** Thrown by loadRulebook when the YAML is malformed or does not match the schema. */
export class RulebookValidationError extends Error {
  override readonly name = 'RulebookValidationError';
  readonly issues: readonly RulebookIssue[];

  constructor(issues: readonly RulebookIssue[]) {
    super(`Invalid rulebook: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** Thrown when no regime is in force on the requested date. */
export class NoRegimeInForceError extends Error {
  override readonly name = 'NoRegimeInForceError';
  readonly date: LocalDate;

  constructor(date: LocalDate, earliest: LocalDate | undefined) {
    super(
      `No regime is in force on ${date}` + (earliest ? ` (the earliest starts ${earliest})` : ''),
    );
    this.date = date;
  }
}

/** Thrown when no regime in force on the date defines the key. */
export class RuleNotFoundError extends Error {
  override readonly name = 'RuleNotFoundError';
  readonly key: string;
  readonly date: LocalDate;

  constructor(key: string, date: LocalDate, regimeIds: readonly string[]) {
    super(`No rule "${key}" in force on ${date} (regimes: ${regimeIds.join(', ') || 'none'})`);
    this.key = key;
    this.date = date;
  }
}

/** Thrown when a rule exists but holds a different kind of value than asked for. */
export class RuleTypeError extends Error {
  override readonly name = 'RuleTypeError';
  readonly key: string;

  constructor(key: string, expected: string, actual: string) {
    super(`Rule "${key}" holds a ${actual}, not a ${expected}`);
    this.key = key;
  }
}
