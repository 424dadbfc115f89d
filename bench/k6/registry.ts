// Load test of the registry's main write and read paths:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> bench/k6/registry.ts
// Three constant-arrival-rate scenarios (open model: the rate holds however slow the
// service gets, so latency shows up as latency, not as fewer requests):
//   register  POST /registry/v1/persons                 RATE/s
//   read      GET  /registry/v1/persons/{id}            2 x RATE/s
//   search    GET  /registry/v1/persons?q=...           RATE/s
// Thresholds on http_req_failed and per-endpoint p95/p99 fail the run (exit code 99).
import type { Options } from 'k6/options';
import { registerPersonBody, searchQueryFor } from '../../libs/testing/src/payloads/registry.ts';
import { latencyThresholds, load, slo, tokenOf } from './lib/config.ts';
import { field, getJson, postJson } from './lib/http.ts';
import { idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

const API = '/registry/v1';
const ENDPOINTS = {
  register: 'POST /registry/v1/persons',
  read: 'GET /registry/v1/persons/{id}',
  search: 'GET /registry/v1/persons?q',
} as const;

const scenario = (exec: string, rate: number) => ({
  executor: 'constant-arrival-rate' as const,
  exec,
  rate,
  timeUnit: '1s',
  duration: load.duration,
  preAllocatedVUs: load.preAllocatedVUs,
  maxVUs: load.maxVUs,
});

export const options: Options = {
  scenarios: {
    register: scenario('register', load.rate),
    read: scenario('read', load.rate * 2),
    search: scenario('search', load.rate),
  },
  thresholds: {
    http_req_failed: [`rate<${slo.maxErrorRate}`],
    checks: ['rate>0.99'],
    ...latencyThresholds([ENDPOINTS.register], 'write'),
    ...latencyThresholds([ENDPOINTS.read, ENDPOINTS.search], 'read'),
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
};

interface Data extends RunData {
  token: string;
  /** Persons registered in setup, read by the read scenario. */
  ids: string[];
  /** Search queries matching persons registered in setup. */
  queries: string[];
}

export function setup(): Data {
  const token = tokenOf('police');
  const run = newRun();
  const ids: string[] = [];
  const queries: string[] = [];
  for (let i = 0; i < 20; i++) {
    const body = registerPersonBody(run.base + 999_000 + i);
    const res = postJson(`${API}/persons`, body, { token, endpoint: 'setup' });
    const id = field(res, 'id');
    if (typeof id === 'string') ids.push(id);
    queries.push(searchQueryFor(body));
  }
  if (ids.length === 0) throw new Error(`setup could not register anyone at ${API}/persons`);
  return { ...run, token, ids, queries };
}

export function register(data: Data): void {
  const seed = iterationSeed(data);
  postJson(`${API}/persons`, registerPersonBody(seed, { withNationalId: true }), {
    token: data.token,
    endpoint: ENDPOINTS.register,
    expected: [201],
    idempotencyKey: idempotencyKey(data, 'register'),
  });
}

export function read(data: Data): void {
  const id = data.ids[Math.floor(Math.random() * data.ids.length)];
  getJson(`${API}/persons/${id}`, { token: data.token, endpoint: ENDPOINTS.read, expected: [200] });
}

export function search(data: Data): void {
  const query = data.queries[Math.floor(Math.random() * data.queries.length)];
  getJson(`${API}/persons?${query}&limit=20`, {
    token: data.token,
    endpoint: ENDPOINTS.search,
    expected: [200],
  });
}
