// Errors name the offending key, date or YAML path so an operator can fix the rulebook
// file or the case data without reading code.
import type { LocalDate } from '../dates/local-date.ts';
import { errorCode } from '../errors/domain-error.ts';
import { RuleViolationError } from '../errors/kinds.ts';

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

export const noRegimeInForce = errorCode(
  'no-regime-in-force',
  'No legal regime of the rules is in force on {date}; the earliest starts on {earliest}',
  'Không có quy định nào có hiệu lực vào ngày {date}; quy định sớm nhất bắt đầu từ ngày {earliest}',
);

/**
 * Thrown when no regime is in force on the requested date: the date lies before the earliest
 * law the rulebook knows. A 422 (the input, not the server, is wrong); `forField` names the
 * request field the date came from.
 */
export class NoRegimeInForceError extends RuleViolationError {
  readonly date: LocalDate;
  readonly earliest: LocalDate | undefined;

  constructor(date: LocalDate, earliest: LocalDate | undefined, field?: string) {
    super(noRegimeInForce, {
      params: { date, earliest: earliest ?? '-' },
      ...(field ? { field } : {}),
    });
    this.name = 'NoRegimeInForceError';
    this.date = date;
    this.earliest = earliest;
  }

  /** The same error about the request field `field`. */
  forField(field: string): NoRegimeInForceError {
    return new NoRegimeInForceError(this.date, this.earliest, field);
  }
}

/**
 * Asks the rulebook a question about the date in request field `field`: a date outside
 * every regime becomes a 422 naming that field.
 */
export function ruledOn<T>(field: string, ask: () => T): T {
  try {
    return ask();
  } catch (error) {
    if (error instanceof NoRegimeInForceError && !error.options.field) throw error.forField(field);
    throw error;
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
