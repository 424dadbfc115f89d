import { DomainError, type DomainErrorOptions, type ErrorCode } from './domain-error.ts';

/** Malformed or missing input (HTTP 400). */
export class InputError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('invalid-input', code, options);
    this.name = 'InputError';
  }
}

/** Well-formed input that a legal or business rule refuses (HTTP 422). */
export class RuleViolationError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('rule-violated', code, options);
    this.name = 'RuleViolationError';
  }
}

/** The addressed record does not exist, or the caller may not know it exists (HTTP 404). */
export class NotFoundError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('not-found', code, options);
    this.name = 'NotFoundError';
  }
}

/** The request collides with existing state, e.g. a duplicate (HTTP 409). */
export class ConflictError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('conflict', code, options);
    this.name = 'ConflictError';
  }
}

/** No valid credentials (HTTP 401). */
export class NotAuthenticatedError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('unauthenticated', code, options);
    this.name = 'NotAuthenticatedError';
  }
}

/** Valid credentials that the policy refuses for this operation (HTTP 403). */
export class NotAllowedError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('not-allowed', code, options);
    this.name = 'NotAllowedError';
  }
}

/** The client's version is stale (HTTP 412). */
export class PreconditionFailedError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('precondition-failed', code, options);
    this.name = 'PreconditionFailedError';
  }
}

/** An update came without the version it is based on (HTTP 428). */
export class PreconditionRequiredError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('precondition-required', code, options);
    this.name = 'PreconditionRequiredError';
  }
}

/** A dependency (database, broker) is unreachable; worth retrying (HTTP 503). */
export class UnavailableError extends DomainError {
  constructor(code: ErrorCode, options?: DomainErrorOptions) {
    super('unavailable', code, options);
    this.name = 'UnavailableError';
  }
}
