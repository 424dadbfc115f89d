// Load test of the treatment service's (labour/social affairs) main paths:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> \
//     -e TOKEN_LABOUR=<token> bench/k6/treatment.ts
// Cases open from events (an "addicted" result), which k6 cannot send; the one case a caller
// opens over HTTP is a compulsory placement from a police violation record. setup() registers
// persons in the registry (police) and opens a compulsory case for each, waiting until the
// treatment knows them (it learns persons from the registry's events). Then four
// constant-arrival-rate scenarios:
//   open       register a person, then POST /treatment/v1/compulsory-cases     RATE/s
//   cases      GET /treatment/v1/cases?personId=...                            2 x RATE/s
//   commune    GET /treatment/v1/due?unitCode=<COMMUNE_CODE>  (a commune's queue)  RATE/s
//   province   GET /treatment/v1/due?unitCode=<PROVINCE_CODE> (all its communes)   RATE/s
// COMMUNE_CODE and PROVINCE_CODE default to the demo province (99001, 99). TOKEN_LABOUR is a
// labour officer of the whole province. Thresholds on http_req_failed and per-endpoint
// p95/p99 fail the run (exit code 99).
import { check, sleep } from 'k6';
import type { Options } from 'k6/options';
import {
  daysAgo,
  demoUnits,
  registerPersonBody,
} from '../../libs/testing/src/payloads/registry.ts';
import { latencyThresholds, load, polling, slo, tokenOf } from './lib/config.ts';
import { errorCode, field, getJson, postJson, type Response } from './lib/http.ts';
import { idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

const API = '/treatment/v1';
const ENDPOINTS = {
  open: 'POST /treatment/v1/compulsory-cases',
  cases: 'GET /treatment/v1/cases?personId',
  commune: 'GET /treatment/v1/due?unitCode=<commune>',
  province: 'GET /treatment/v1/due?unitCode=<province>',
} as const;
const COMMUNE = __ENV.COMMUNE_CODE ?? demoUnits.communes[0];
const PROVINCE = __ENV.PROVINCE_CODE ?? demoUnits.province;
/** Persons with a case each, read by the cases scenario. */
const READ_PERSONS = 20;

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
  // Setup registers persons and waits for the treatment to learn them from Kafka.
  setupTimeout: '5m',
  scenarios: {
    open: scenario('open', load.rate),
    cases: scenario('cases', load.rate * 2),
    commune: scenario('commune', load.rate),
    province: scenario('province', load.rate),
  },
  thresholds: {
    http_req_failed: [`rate<${slo.maxErrorRate}`],
    checks: ['rate>0.99'],
    ...latencyThresholds([ENDPOINTS.open], 'write'),
    ...latencyThresholds([ENDPOINTS.cases, ENDPOINTS.commune, ENDPOINTS.province], 'read'),
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
};

interface Data extends RunData {
  police: string;
  labour: string;
  /** Persons with a compulsory case opened in setup. */
  persons: string[];
}

/** Registers a person in the registry (police); their id, or undefined. */
function registerPerson(police: string, seed: number, endpoint: string): string | undefined {
  const res = postJson('/registry/v1/persons', registerPersonBody(seed), {
    token: police,
    endpoint,
    expected: [201],
  });
  const id = field(res, 'id');
  return typeof id === 'string' ? id : undefined;
}

/**
 * Opens a compulsory case from a violation record of yesterday. The treatment learns persons
 * from the registry's events, so a person registered moments ago may still be unknown (422
 * person-unknown): the request is retried until POLL_TIMEOUT_S. Returns the case id.
 */
function openCompulsory(
  police: string,
  personId: string,
  violationRecordId: string,
  endpoint: string,
): string | undefined {
  const attempts = Math.max(1, Math.ceil(polling.timeoutSeconds / polling.intervalSeconds));
  const body = {
    personId,
    trigger: 'not-registered',
    violationRecordId,
    violationOn: daysAgo(1),
    ordinal: 'first',
  };
  let res: Response | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const last = attempt === attempts;
    res = postJson(`${API}/compulsory-cases`, body, {
      token: police,
      endpoint,
      // Earlier attempts may see person-unknown; only the last one must succeed.
      expected: last ? [201] : [201, 422],
      check: last,
      idempotencyKey: `${violationRecordId}-${attempt}`,
    });
    if (res.status !== 422 || errorCode(res) !== 'person-unknown') break;
    sleep(polling.intervalSeconds);
  }
  const id = res ? field(res, 'id') : undefined;
  check(res, { 'open: compulsory case opened': () => typeof id === 'string' });
  return typeof id === 'string' ? id : undefined;
}

export function setup(): Data {
  const police = tokenOf('police');
  const labour = tokenOf('labour');
  const run = newRun();
  const persons: string[] = [];
  for (let i = 0; i < READ_PERSONS; i++) {
    const personId = registerPerson(police, run.base + 999_000 + i, 'setup');
    if (personId && openCompulsory(police, personId, `${run.runId}-setup-${i}`, 'setup')) {
      persons.push(personId);
    }
  }
  if (persons.length === 0) {
    throw new Error(`setup could not open a compulsory case at ${API}/compulsory-cases`);
  }
  return { ...run, police, labour, persons };
}

export function open(data: Data): void {
  const personId = registerPerson(data.police, iterationSeed(data), 'POST /registry/v1/persons');
  if (!personId) return;
  openCompulsory(data.police, personId, idempotencyKey(data, 'violation'), ENDPOINTS.open);
}

const anyOf = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

export function cases(data: Data): void {
  getJson(`${API}/cases?personId=${anyOf(data.persons)}`, {
    token: data.labour,
    endpoint: ENDPOINTS.cases,
    expected: [200],
  });
}

export function commune(data: Data): void {
  getJson(`${API}/due?unitCode=${COMMUNE}`, {
    token: data.labour,
    endpoint: ENDPOINTS.commune,
    expected: [200],
  });
}

export function province(data: Data): void {
  getJson(`${API}/due?unitCode=${PROVINCE}`, {
    token: data.labour,
    endpoint: ENDPOINTS.province,
    expected: [200],
  });
}
