// Load test of the assessment's (health) main write and read paths:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> \
//     -e TOKEN_HEALTH_ADMIN=<token> -e TOKEN_DOCTOR=<token> -e DOCTOR_USER_ID=<its sub> \
//     bench/k6/assessment.ts
// setup() registers a certified facility with the doctor as its assessor, and persons in
// the registry (police), waiting until the assessment knows them (it learns persons from
// the registry's events). Then three constant-arrival-rate scenarios:
//   determine  one voluntary determination, start to end, per iteration        RATE/s
//                POST /assessment/v1/determinations                 (health admin)
//                POST /assessment/v1/determinations/{id}/tests         (doctor)
//                POST /assessment/v1/determinations/{id}/observations  (doctor, 6 x)
//                POST /assessment/v1/determinations/{id}/conclusion    (doctor)
//   list       GET /assessment/v1/determinations?personId=...                  RATE/s
//   read       GET /assessment/v1/determinations/{id}                          2 x RATE/s
// Thresholds on http_req_failed and per-endpoint p95/p99 fail the run (exit code 99).
import {
  ASSESSMENT_API,
  ASSESSMENT_ENDPOINTS as ENDPOINTS,
  conclude,
  createFacility,
  ensureAssessor,
  recordEvidence,
  requestDetermination,
  type Doctor,
} from './lib/assessment.ts';
import { load, required, tokenOf } from './lib/config.ts';
import { getJson } from './lib/http.ts';
import { constantRate, loadTestOptions } from './lib/options.ts';
import { registerPerson } from './lib/registry.ts';
import { anyOf, idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

/** Persons the write scenario requests determinations for (each gets many). */
const WRITE_PERSONS = 50;
/** Persons with one determination each, read by the read scenarios (a steady list size). */
const READ_PERSONS = 20;

export const options = loadTestOptions({
  // Setup registers persons and waits for the assessment to learn them from Kafka.
  setupTimeout: '5m',
  scenarios: {
    determine: constantRate('determine', load.rate),
    list: constantRate('list', load.rate),
    read: constantRate('read', load.rate * 2),
  },
  write: [ENDPOINTS.request, ENDPOINTS.test, ENDPOINTS.observation, ENDPOINTS.conclusion],
  read: [ENDPOINTS.list, ENDPOINTS.read],
});

interface Data extends RunData {
  admin: string;
  doctor: Doctor;
  facilityId: string;
  /** Persons known to the assessment, for new determinations. */
  writePersons: string[];
  /** Persons with one determination each, and those determinations, for the reads. */
  readPersons: string[];
  determinations: string[];
}

export function setup(): Data {
  const police = tokenOf('police');
  const admin = tokenOf('healthAdmin');
  const doctor: Doctor = {
    token: tokenOf('doctor'),
    userId: required('DOCTOR_USER_ID', 'the sub claim of TOKEN_DOCTOR'),
  };
  const run = newRun();
  const facilityId = createFacility(admin, run.base, __ENV.FACILITY_UNIT_CODE);
  if (!ensureAssessor(admin, facilityId, doctor)) {
    throw new Error(`setup could not make ${doctor.userId} an assessor of ${facilityId}`);
  }

  const persons: string[] = [];
  for (let i = 0; i < WRITE_PERSONS + READ_PERSONS; i++) {
    const id = registerPerson(police, run.base + 999_000 + i);
    if (id) persons.push(id);
  }
  const readPersons = persons.slice(0, READ_PERSONS);
  const writePersons = persons.slice(READ_PERSONS);
  // One determination per read person; the retry on person-unknown waits for the projection.
  const determinations: string[] = [];
  for (const personId of readPersons) {
    const id = requestDetermination(admin, personId, facilityId, { endpoint: 'setup' });
    if (id) determinations.push(id);
  }
  if (determinations.length === 0 || writePersons.length === 0) {
    throw new Error(
      `setup: ${persons.length} persons registered, ${determinations.length} known to the assessment`,
    );
  }
  return { ...run, admin, doctor, facilityId, writePersons, readPersons, determinations };
}

export function determine(data: Data): void {
  const key = (step: string) => idempotencyKey(data, step);
  const personId = data.writePersons[iterationSeed(data) % data.writePersons.length] as string;
  const id = requestDetermination(data.admin, personId, data.facilityId, {
    idempotencyKey: key('request'),
  });
  if (!id) return;
  if (!recordEvidence(data.doctor, id, key)) return;
  conclude(data.doctor, id, key('conclusion'));
}

export function list(data: Data): void {
  getJson(`${ASSESSMENT_API}/determinations?personId=${anyOf(data.readPersons)}`, {
    token: data.admin,
    endpoint: ENDPOINTS.list,
    expected: [200],
  });
}

export function read(data: Data): void {
  getJson(`${ASSESSMENT_API}/determinations/${anyOf(data.determinations)}`, {
    token: data.doctor.token,
    endpoint: ENDPOINTS.read,
    expected: [200],
  });
}
