// Thin HTTP helpers: JSON, bearer token, Idempotency-Key on writes, and an `endpoint` tag on
// every request so thresholds and results are per endpoint (not per URL with ids in it).
import { check, sleep } from 'k6';
import http from 'k6/http';
import type { RefinedResponse, ResponseType } from 'k6/http';
import { BASE_URL, polling } from './config.ts';

export type Response = RefinedResponse<ResponseType | undefined>;

interface CallOptions {
  token: string;
  /** The endpoint tag, e.g. "POST /persons". */
  endpoint: string;
  /** Status codes that count as success (default 200 and 201). */
  expected?: number[];
  idempotencyKey?: string;
  /** Record the status check (default true); false for an attempt that may be retried. */
  check?: boolean;
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
  if (options.check === false) return;
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

/** The `code` of an error response (e.g. "person-unknown"), or undefined. */
export function errorCode(res: Response): string | undefined {
  const code = field(res, 'code');
  return typeof code === 'string' ? code : undefined;
}

/**
 * Calls `attempt` every `intervalSeconds` until it returns a value (not undefined) or
 * `timeoutSeconds` have passed; the value, or undefined on timeout. For state another
 * service learns from events (Kafka), so it appears after a delay.
 */
export function poll<T>(
  attempt: () => T | undefined,
  { timeoutSeconds, intervalSeconds }: { timeoutSeconds: number; intervalSeconds: number },
): T | undefined {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const value = attempt();
    if (value !== undefined) return value;
    if (Date.now() + intervalSeconds * 1000 > deadline) return undefined;
    sleep(intervalSeconds);
  }
}

/**
 * A write about a person that another service learns from the registry's events: a person
 * registered moments ago may still be unknown there (422 person-unknown), so the request is
 * retried every POLL_INTERVAL_S until POLL_TIMEOUT_S. Each attempt has its own
 * Idempotency-Key (`<idempotencyKey>-<attempt>`). Returns the last attempt's response.
 */
export function postUntilPersonKnown(
  path: string,
  body: object,
  options: { token: string; endpoint: string; idempotencyKey?: string | undefined },
): Response {
  const attempts = Math.max(1, Math.ceil(polling.timeoutSeconds / polling.intervalSeconds));
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    const res = postJson(path, body, {
      token: options.token,
      endpoint: options.endpoint,
      // Earlier attempts may see person-unknown; only the last one must succeed.
      expected: last ? [201] : [201, 422],
      check: last,
      ...(options.idempotencyKey ? { idempotencyKey: `${options.idempotencyKey}-${attempt}` } : {}),
    });
    if (res.status !== 422 || errorCode(res) !== 'person-unknown') return res;
    sleep(polling.intervalSeconds);
    if (last) return res;
  }
}
