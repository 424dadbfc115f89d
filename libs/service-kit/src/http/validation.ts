import type { z } from 'zod';
import { errorCode, InputError, type FieldIssue } from '@rehab/domain-kit';

const invalidRequest = errorCode(
  'invalid-request',
  'The request is invalid: {fields}',
  'Yêu cầu không hợp lệ: {fields}',
);

/** Where a value came from, prefixed to field paths only for headers and the query. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/**
 * Parses one part of a request with its schema; on failure throws an InputError whose
 * issues name each offending field (`residence.unitCode`, `query.asOf`), so the client
 * can point at the field. Nothing has been written at this point.
 */
export function parseRequestPart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: RequestPart,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    field: fieldPath(part, issue.path),
    code: issue.code,
    message: issue.message,
  }));
  throw new InputError(invalidRequest, {
    params: { fields: [...new Set(issues.map((i) => i.field))].join(', ') },
    issues,
    ...(issues[0] ? { field: issues[0].field } : {}),
  });
}

function fieldPath(part: RequestPart, path: readonly PropertyKey[]): string {
  const inner = path.map((segment) => String(segment)).join('.');
  if (part === 'body') return inner || '(body)';
  return inner ? `${part}.${inner}` : part;
}
