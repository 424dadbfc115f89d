// Load test of the registry's main write and read paths:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> bench/k6/registry.ts
// Three constant-arrival-rate scenarios (open model: the rate holds however slow the
// service gets, so latency shows up as latency, not as fewer requests):
//   register  POST /registry/v1/persons                 RATE/s
//   read      GET  /registry/v1/persons/{id}            2 x RATE/s
//   search    GET  /registry/v1/persons?q=...           RATE/s
// Thresholds on http_req_failed and per-endpoint p95/p99 fail the run (exit code 99).
import { registerPersonBody, searchQueryFor } from '../../libs/testing/src/payloads/registry.ts';
import { load, tokenOf } from './lib/config.ts';
import { field, getJson, postJson } from './lib/http.ts';
import { constantRate, loadTestOptions } from './lib/options.ts';
import { anyOf, idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

const API = '/registry/v1';
const ENDPOINTS = {
  register: 'POST /registry/v1/persons',
  read: 'GET /registry/v1/persons/{id}',
  search: 'GET /registry/v1/persons?q',
} as const;

export const options = loadTestOptions({
  scenarios: {
    register: constantRate('register', load.rate),
    read: constantRate('read', load.rate * 2),
    search: constantRate('search', load.rate),
  },
  write: [ENDPOINTS.register],
  read: [ENDPOINTS.read, ENDPOINTS.search],
});

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
  getJson(`${API}/persons/${anyOf(data.ids)}`, {
    token: data.token,
    endpoint: ENDPOINTS.read,
    expected: [200],
  });
}

export function search(data: Data): void {
  getJson(`${API}/persons?${anyOf(data.queries)}&limit=20`, {
    token: data.token,
    endpoint: ENDPOINTS.search,
    expected: [200],
  });
}
