// Load test of the vocational service's (labour/social affairs) main paths:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> \
//     -e TOKEN_LABOUR=<token> bench/k6/vocational.ts
// Needs open from events (a post-rehab management decision), which k6 cannot send; the
// service learns persons from the registry's events. setup() registers persons in the
// registry (police) and records one counselling session for each, retrying until the
// vocational service knows them. Then four constant-arrival-rate scenarios:
//   commune      GET /vocational/v1/needs?unitCode=<COMMUNE_CODE>   (a commune's queue)   RATE/s
//   province     GET /vocational/v1/needs?unitCode=<PROVINCE_CODE>  (all its communes)    RATE/s
//   counselling  POST /vocational/v1/persons/{id}/counselling                            RATE/s
//   placement    POST /vocational/v1/placements                                          RATE/s
// COMMUNE_CODE and PROVINCE_CODE default to the demo province (99001, 99). TOKEN_LABOUR is a
// labour officer of the whole province. Thresholds on http_req_failed and per-endpoint
// p95/p99 fail the run (exit code 99).
import { check } from 'k6';
import { demoUnits, daysAgo } from '../../libs/testing/src/payloads/registry.ts';
import { counsellingBody, placementBody } from '../../libs/testing/src/payloads/vocational.ts';
import { load, tokenOf } from './lib/config.ts';
import { getJson, postJson, postUntilPersonKnown } from './lib/http.ts';
import { constantRate, loadTestOptions } from './lib/options.ts';
import { registerPerson } from './lib/registry.ts';
import { anyOf, idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

const API = '/vocational/v1';
const ENDPOINTS = {
  commune: 'GET /vocational/v1/needs?unitCode=<commune>',
  province: 'GET /vocational/v1/needs?unitCode=<province>',
  counselling: 'POST /vocational/v1/persons/{id}/counselling',
  placement: 'POST /vocational/v1/placements',
} as const;
const COMMUNE = __ENV.COMMUNE_CODE ?? demoUnits.communes[0];
const PROVINCE = __ENV.PROVINCE_CODE ?? demoUnits.province;
/** Persons known to the vocational service, used by the write scenarios. */
const PERSONS = 20;

export const options = loadTestOptions({
  // Setup registers persons and waits for the vocational service to learn them from Kafka.
  setupTimeout: '5m',
  scenarios: {
    commune: constantRate('commune', load.rate),
    province: constantRate('province', load.rate),
    counselling: constantRate('counselling', load.rate),
    placement: constantRate('placement', load.rate),
  },
  write: [ENDPOINTS.counselling, ENDPOINTS.placement],
  read: [ENDPOINTS.commune, ENDPOINTS.province],
});

interface Data extends RunData {
  labour: string;
  persons: string[];
}

/**
 * Records a counselling session for a person registered moments ago: until the vocational
 * service has the registry's event, it answers 422 person-unknown, so the request is retried
 * until POLL_TIMEOUT_S. True once recorded.
 */
function firstCounselling(labour: string, personId: string, key: string): boolean {
  const res = postUntilPersonKnown(
    `${API}/persons/${personId}/counselling`,
    counsellingBody(daysAgo(1)),
    { token: labour, endpoint: 'setup', idempotencyKey: key },
  );
  return check(res, { 'setup: person known to the vocational service': (r) => r.status === 201 });
}

export function setup(): Data {
  const police = tokenOf('police');
  const labour = tokenOf('labour');
  const run = newRun();
  const persons: string[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const id = registerPerson(police, run.base + 998_000 + i);
    if (id && firstCounselling(labour, id, `${run.runId}-setup-${i}`)) persons.push(id);
  }
  if (persons.length === 0) throw new Error(`setup could not make a person known at ${API}`);
  return { ...run, labour, persons };
}

export function commune(data: Data): void {
  getJson(`${API}/needs?unitCode=${COMMUNE}`, {
    token: data.labour,
    endpoint: ENDPOINTS.commune,
    expected: [200],
  });
}

export function province(data: Data): void {
  getJson(`${API}/needs?unitCode=${PROVINCE}`, {
    token: data.labour,
    endpoint: ENDPOINTS.province,
    expected: [200],
  });
}

export function counselling(data: Data): void {
  postJson(`${API}/persons/${anyOf(data.persons)}/counselling`, counsellingBody(daysAgo(0)), {
    token: data.labour,
    endpoint: ENDPOINTS.counselling,
    expected: [201],
    idempotencyKey: idempotencyKey(data, 'counselling'),
  });
}

export function placement(data: Data): void {
  const seed = iterationSeed(data);
  postJson(`${API}/placements`, placementBody(seed, anyOf(data.persons), daysAgo(seed % 30)), {
    token: data.labour,
    endpoint: ENDPOINTS.placement,
    expected: [201],
    idempotencyKey: idempotencyKey(data, 'placement'),
  });
}
