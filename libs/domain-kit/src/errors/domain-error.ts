/**
 * Transport-neutral errors. Domain and use-case code throws these; the HTTP layer maps
 * each kind to one status (service-kit's problem middleware) and consumers decide retry
 * versus dead-letter from `retriable`. Every error carries a stable `code` with its
 * message in English and Vietnamese, so clients can branch on the code and show the text.
 */

/** A stable error code with its human messages; `{name}` placeholders take `params`. */
export interface ErrorCode {
  readonly code: string;
  readonly en: string;
  readonly vi: string;
}

/** Declares an error code once, next to the rule that raises it. */
export function errorCode(code: string, en: string, vi: string): ErrorCode {
  return Object.freeze({ code, en, vi });
}

/** What went wrong, independent of any transport. */
export type ErrorKind =
  | 'invalid-input'
  | 'rule-violated'
  | 'not-found'
  | 'conflict'
  | 'unauthenticated'
  | 'not-allowed'
  | 'precondition-failed'
  | 'precondition-required'
  | 'unavailable';

/** One problem with one input field (a JSON path such as `residence.unitCode`). */
export interface FieldIssue {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface DomainErrorOptions {
  /** Values for `{placeholders}` in the messages. */
  readonly params?: Readonly<Record<string, string | number>>;
  /** The input field the error is about, when there is one. */
  readonly field?: string;
  /** Per-field issues for validation errors. */
  readonly issues?: readonly FieldIssue[];
  /** Legal reference of the rule, e.g. "Law 73/2021/QH14 Art. 23". */
  readonly legalRef?: string;
  /** Extra machine-readable facts for the client (never personal data). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** Base class of every expected error; anything else is a bug (500). */
export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly errorCode: ErrorCode;
  readonly options: DomainErrorOptions;

  constructor(kind: ErrorKind, errorCode: ErrorCode, options: DomainErrorOptions = {}) {
    super(interpolate(errorCode.en, options.params), { cause: options.cause });
    this.name = 'DomainError';
    this.kind = kind;
    this.errorCode = errorCode;
    this.options = options;
  }

  get code(): string {
    return this.errorCode.code;
  }

  /** Retrying cannot help input, rule, authorisation or not-found errors. */
  get retriable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'conflict';
  }

  /** The message in the requested language. */
  messageIn(language: 'en' | 'vi'): string {
    return interpolate(this.errorCode[language], this.options.params);
  }
}

/** Fills `{name}` placeholders; unknown names stay visible rather than vanish. */
export function interpolate(
  template: string,
  params: Readonly<Record<string, string | number>> | undefined,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
