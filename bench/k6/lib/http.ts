// Thin HTTP helpers: JSON, bearer token, Idempotency-Key on writes, and an `endpoint` tag on
// every request so thresholds and results are per endpoint (not per URL with ids in it).
import { check } from 'k6';
import http from 'k6/http';
import type { RefinedResponse, ResponseType } from 'k6/http';
import { BASE_URL } from './config.ts';

export type Response = RefinedResponse<ResponseType | undefined>;

interface CallOptions {
  token: string;
  /** The endpoint tag, e.g. "POST /persons". */
  endpoint: string;
  /** Status codes that count as success (default 200 and 201). */
  expected?: number[];
  idempotencyKey?: string;
}

function params(options: CallOptions) {
  const expected = options.expected ?? [200, 201];
  return {
    headers: {
      Authorization: `Bearer ${options.token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
    },
    tags: { endpoint: options.endpoint, name: options.endpoint },
    responseCallback: http.expectedStatuses(...expected),
  };
}

export function getJson(path: string, options: CallOptions): Response {
  const res = http.get(`${BASE_URL}${path}`, params(options));
  expectStatus(res, options);
  return res;
}

export function postJson(path: string, body: object, options: CallOptions): Response {
  const res = http.post(`${BASE_URL}${path}`, JSON.stringify(body), params(options));
  expectStatus(res, options);
  return res;
}

function expectStatus(res: Response, options: CallOptions): void {
  const expected = options.expected ?? [200, 201];
  check(
    res,
    { [`${options.endpoint}: status ${expected.join('/')}`]: (r) => expected.includes(r.status) },
    { endpoint: options.endpoint },
  );
}

/** A field of a JSON response body, or undefined when the body is not what was expected. */
export function field(res: Response, name: string): unknown {
  try {
    const body: unknown = res.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)[name]
      : undefined;
  } catch {
    return undefined;
  }
}
