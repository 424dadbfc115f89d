import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { trace } from '@opentelemetry/api';
import { DomainError, errorCode, type ErrorKind, type FieldIssue } from '@rehab/domain-kit';
import type { Logger } from 'pino';
import { preferredLanguage, type Language } from './language.ts';

const statusByKind: Record<ErrorKind, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  'not-allowed': 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'rule-violated': 422,
  'precondition-required': 428,
  unavailable: 503,
};

export const problemContentType = 'application/problem+json; charset=utf-8';

/** RFC 9457 problem details, plus our stable `code` and per-field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  errors?: readonly FieldIssue[];
  legalRef?: string;
  requestId?: string;
  traceId?: string;
  [extension: string]: unknown;
}

const unexpected = errorCode(
  'internal-error',
  'An unexpected error occurred; it has been logged with the request id',
  'Đã xảy ra lỗi không mong muốn; lỗi đã được ghi lại cùng mã yêu cầu',
);
const routeNotFound = errorCode(
  'route-not-found',
  'No such endpoint: {method} {path}',
  'Không có đường dẫn này: {method} {path}',
);
const malformedJson = errorCode(
  'malformed-json',
  'The request body is not valid JSON',
  'Nội dung yêu cầu không phải JSON hợp lệ',
);
const bodyTooLarge = errorCode(
  'body-too-large',
  'The request body is larger than allowed',
  'Nội dung yêu cầu vượt quá kích thước cho phép',
);

/** Builds the problem document for an error in the caller's language. */
export function toProblem(
  error: DomainError,
  language: Language,
  instance: string,
  requestId?: string,
  status = statusByKind[error.kind],
): Problem {
  const { field, issues, legalRef, details } = error.options;
  const fieldIssues =
    issues ?? (field ? [{ field, code: error.code, message: error.messageIn(language) }] : []);
  // Extensions first, so no detail can overwrite the core members (status above all).
  const problem: Problem = {
    ...(details ?? {}),
    type: `urn:rehab:problem:${error.code}`,
    title: error.messageIn(language),
    status,
    detail: error.messageIn(language),
    code: error.code,
    instance,
  };
  if (fieldIssues.length > 0) problem.errors = fieldIssues;
  if (legalRef) problem.legalRef = legalRef;
  if (requestId) problem.requestId = requestId;
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  if (traceId) problem.traceId = traceId;
  return problem;
}

/** Writes a problem response. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type(problemContentType).send(JSON.stringify(problem));
}

/** 404 for unknown paths, as problem+json. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(
      new DomainError('not-found', routeNotFound, {
        params: { method: req.method, path: req.path },
      }),
    );
  };
}

/**
 * The single place that turns errors into HTTP responses: expected errors become
 * problem+json with their status; body-parser failures become 400/413; anything else
 * is logged as a bug and answered with a generic 500 that leaks nothing.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const language = preferredLanguage(req);
    const requestId = res.locals.requestId as string | undefined;
    const known = asDomainError(error);
    if (known) {
      if (known.kind === 'unavailable') logger.warn({ err: error, requestId }, known.message);
      // 413 is the one status without a kind of its own: only body-parser raises it.
      const status = known.errorCode === bodyTooLarge ? 413 : undefined;
      sendProblem(res, toProblem(known, language, req.originalUrl, requestId, status));
      return;
    }
    logger.error({ err: error, requestId }, 'unhandled error');
    const bug = new DomainError('unavailable', unexpected);
    sendProblem(res, toProblem(bug, language, req.originalUrl, requestId, 500));
  };
}

function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error && typeof error === 'object' && 'type' in error) {
    const type = (error as { type: unknown }).type;
    if (type === 'entity.parse.failed') return new DomainError('invalid-input', malformedJson);
    if (type === 'entity.too.large') return new DomainError('invalid-input', bodyTooLarge);
  }
  return undefined;
}
