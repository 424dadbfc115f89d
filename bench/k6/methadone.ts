// Load test of the methadone service's morning rush (health):
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> \
//     -e TOKEN_HEALTH_ADMIN=<token> -e TOKEN_MMT_DIRECTOR=<token> -e TOKEN_MMT_PRESCRIBER=<token> \
//     -e TOKEN_MMT_PHARMACIST=<token> -e TOKEN_MMT_NURSE=<token> bench/k6/methadone.ts
// setup() registers a clinic (health admin) with a staff list holding the `sub` of each
// staff token, receives stock, registers PATIENTS persons in the registry (police), enrols
// and admits them (the clinic director, on the prescriber's F11 diagnosis; the methadone
// service learns persons from the registry's events, so enrolment is retried while the
// person is unknown) and writes each an induction order from today. Then:
//   rush     NURSES virtual users share one iteration per patient: POST .../doses   (every dose once)
//   queue    GET /methadone/v1/sites/{id}/today, the nurses' queue                  RATE/s
//   race     50 concurrent attempts on one patient-day: exactly one 201, the rest 409
// Thresholds on http_req_failed, the checks and per-endpoint p95/p99 fail the run (exit 99).
import { check, sleep } from 'k6';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import http from 'k6/http';
import { daysAgo, demoUnits } from '../../libs/testing/src/payloads/registry.ts';
import {
  clinicBody,
  doseBody,
  receiptBody,
  staffBody,
  type StaffRole,
} from '../../libs/testing/src/payloads/methadone.ts';
import { BASE_URL, load, polling, required, tokenOf } from './lib/config.ts';
import { errorCode, field, getJson, postJson } from './lib/http.ts';
import { loadTestOptions } from './lib/options.ts';
import { registerPerson } from './lib/registry.ts';
import { newRun, type RunData } from './lib/seed.ts';

const API = '/methadone/v1';
const ENDPOINTS = {
  dose: 'POST /methadone/v1/patients/{id}/doses',
  queue: 'GET /methadone/v1/sites/{id}/today',
  race: 'POST /methadone/v1/patients/{id}/doses (race)',
} as const;
const PATIENTS = Number(__ENV.PATIENTS ?? 100);
const NURSES = Number(__ENV.NURSES ?? 10);
const today = daysAgo(0);

export const options = loadTestOptions({
  // The race's 50 requests go at once (k6 sends 6 per host in parallel by default).
  batch: 50,
  batchPerHost: 50,
  setupTimeout: '10m',
  scenarios: {
    rush: {
      executor: 'shared-iterations',
      exec: 'rush',
      vus: NURSES,
      iterations: PATIENTS,
      maxDuration: load.duration,
    },
    queue: {
      executor: 'constant-arrival-rate',
      exec: 'queue',
      rate: Math.max(1, Math.round(load.rate / 4)),
      timeUnit: '1s',
      duration: load.duration,
      preAllocatedVUs: 5,
      maxVUs: 20,
    },
    race: {
      executor: 'per-vu-iterations',
      exec: 'race',
      vus: 1,
      iterations: 1,
      startTime: '5s',
    },
  },
  write: [ENDPOINTS.dose],
  read: [ENDPOINTS.queue],
});

interface Data extends RunData {
  nurse: string;
  clinicId: string;
  patients: string[];
  /** Reserved for the race: no dose of today yet. */
  racer: string;
}

/** The `sub` of a bearer token (its payload is base64url JSON). */
function subOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(encoding.b64decode(payload, 'rawurl', 's')) as { sub?: string };
  if (!claims.sub) throw new Error('a staff token has no sub');
  return claims.sub;
}

function admitted(
  data: {
    police: string;
    director: string;
    prescriber: string;
    nurse: string;
    clinicId: string;
    prescriberSub: string;
  },
  seed: number,
): string | undefined {
  const personId = registerPerson(data.police, seed);
  if (!personId) return undefined;
  const attempts = Math.max(1, Math.ceil(polling.timeoutSeconds / polling.intervalSeconds));
  let patientId: unknown;
  for (let attempt = 1; attempt <= attempts && typeof patientId !== 'string'; attempt++) {
    const res = postJson(
      `${API}/patients`,
      { personId, clinicId: data.clinicId, applicationDate: today },
      { token: data.nurse, endpoint: 'setup', expected: [201, 422], check: false },
    );
    if (res.status === 201) patientId = field(res, 'id');
    else if (errorCode(res) === 'person-unknown') sleep(polling.intervalSeconds);
    else break;
  }
  if (typeof patientId !== 'string') return undefined;
  postJson(
    `${API}/patients/${patientId}/intake`,
    { decision: 'admitted', diagnosis: { code: 'F11.2', prescriberUserId: data.prescriberSub } },
    { token: data.director, endpoint: 'setup', expected: [201] },
  );
  postJson(
    `${API}/patients/${patientId}/orders`,
    { phase: 'induction', doseMg: 20, startsOn: today, endsOn: daysAgo(-6) },
    { token: data.prescriber, endpoint: 'setup', expected: [201] },
  );
  return patientId;
}

export function setup(): Data {
  const run = newRun();
  const admin = tokenOf('healthAdmin');
  const police = tokenOf('police');
  const staff: Record<StaffRole, string> = {
    'clinic-director': required('TOKEN_MMT_DIRECTOR', 'bearer token of a health clinic-director'),
    prescriber: required('TOKEN_MMT_PRESCRIBER', 'bearer token of a health prescriber'),
    pharmacist: required('TOKEN_MMT_PHARMACIST', 'bearer token of a health pharmacist'),
    nurse: required('TOKEN_MMT_NURSE', 'bearer token of a health nurse'),
  };
  const clinic = postJson(
    `${API}/clinics`,
    clinicBody(`k6 clinic ${run.runId}`, demoUnits.communes[2] ?? '99003', today),
    {
      token: admin,
      endpoint: 'setup',
      expected: [201],
    },
  );
  const clinicId = field(clinic, 'id');
  if (typeof clinicId !== 'string')
    throw new Error(`setup could not register a clinic at ${BASE_URL}${API}/clinics`);
  for (const role of Object.keys(staff) as StaffRole[]) {
    postJson(
      `${API}/clinics/${clinicId}/staff`,
      staffBody(subOf(staff[role]), `k6 ${role}`, role, today),
      {
        token: admin,
        endpoint: 'setup',
        expected: [201],
      },
    );
  }
  postJson(
    `${API}/sites/${clinicId}/stock/receipts`,
    receiptBody(`K6-${run.runId}`, 20, today, '2030-12-31'),
    {
      token: staff.pharmacist,
      endpoint: 'setup',
      expected: [201],
    },
  );
  const context = {
    police,
    director: staff['clinic-director'],
    prescriber: staff.prescriber,
    nurse: staff.nurse,
    clinicId,
    prescriberSub: subOf(staff.prescriber),
  };
  const patients: string[] = [];
  for (let i = 0; i <= PATIENTS; i++) {
    const id = admitted(context, run.base + 990_000 + i);
    if (id) patients.push(id);
  }
  const racer = patients.pop();
  if (!racer || patients.length === 0) throw new Error('setup could not admit patients');
  return { ...run, nurse: staff.nurse, clinicId, patients, racer };
}

export function rush(data: Data): void {
  const patientId = data.patients[exec.scenario.iterationInTest % data.patients.length];
  postJson(`${API}/patients/${patientId}/doses`, doseBody(today, data.clinicId, 20), {
    token: data.nurse,
    endpoint: ENDPOINTS.dose,
    expected: [201],
  });
}

export function queue(data: Data): void {
  getJson(`${API}/sites/${data.clinicId}/today`, {
    token: data.nurse,
    endpoint: ENDPOINTS.queue,
    expected: [200],
  });
}

export function race(data: Data): void {
  const request = {
    method: 'POST',
    url: `${BASE_URL}${API}/patients/${data.racer}/doses`,
    body: JSON.stringify(doseBody(today, data.clinicId, 20)),
    params: {
      headers: { Authorization: `Bearer ${data.nurse}`, 'Content-Type': 'application/json' },
      tags: { endpoint: ENDPOINTS.race, name: ENDPOINTS.race },
      responseCallback: http.expectedStatuses(201, 409),
    },
  };
  const responses = http.batch(Array.from({ length: 50 }, () => request));
  const created = responses.filter((r) => r.status === 201).length;
  const refused = responses.filter((r) => r.status === 409).length;
  check(null, {
    'race: exactly one dose of 50 attempts': () => created === 1,
    'race: the other 49 are 409': () => refused === 49,
  });
}
