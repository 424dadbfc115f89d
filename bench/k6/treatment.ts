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
import { check } from 'k6';
import { daysAgo, demoUnits } from '../../libs/testing/src/payloads/registry.ts';
import { load, tokenOf } from './lib/config.ts';
import { field, getJson, postUntilPersonKnown } from './lib/http.ts';
import { constantRate, loadTestOptions } from './lib/options.ts';
import { registerPerson } from './lib/registry.ts';
import { anyOf, idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

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

export const options = loadTestOptions({
  // Setup registers persons and waits for the treatment to learn them from Kafka.
  setupTimeout: '5m',
  scenarios: {
    open: constantRate('open', load.rate),
    cases: constantRate('cases', load.rate * 2),
    commune: constantRate('commune', load.rate),
    province: constantRate('province', load.rate),
  },
  write: [ENDPOINTS.open],
  read: [ENDPOINTS.cases, ENDPOINTS.commune, ENDPOINTS.province],
});

interface Data extends RunData {
  police: string;
  labour: string;
  /** Persons with a compulsory case opened in setup. */
  persons: string[];
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
  const body = {
    personId,
    trigger: 'not-registered',
    violationRecordId,
    violationOn: daysAgo(1),
    ordinal: 'first',
  };
  const res = postUntilPersonKnown(`${API}/compulsory-cases`, body, {
    token: police,
    endpoint,
    idempotencyKey: violationRecordId,
  });
  const id = field(res, 'id');
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
