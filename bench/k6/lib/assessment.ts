// The assessment steps both assessment.ts and journey.ts take: a certified facility with the
// doctor of TOKEN_DOCTOR as its assessor, a voluntary request that waits until the
// assessment knows the person (it learns persons from the registry's events), the evidence
// that makes three criteria present for a month, and the conclusion.
import { check } from 'k6';
import {
  addictedObservations,
  assessorBody,
  conclusionBody,
  facilityBody,
  testBody,
  voluntaryRequestBody,
} from '../../../libs/testing/src/payloads/assessment.ts';
import { localDate } from '../../../libs/testing/src/payloads/registry.ts';
import { field, getJson, postJson, postUntilPersonKnown, type Response } from './http.ts';

export const ASSESSMENT_API = '/assessment/v1';

/** Endpoint tags of the assessment (one series per route, whatever the ids). */
export const ASSESSMENT_ENDPOINTS = {
  request: 'POST /assessment/v1/determinations',
  test: 'POST /assessment/v1/determinations/{id}/tests',
  observation: 'POST /assessment/v1/determinations/{id}/observations',
  conclusion: 'POST /assessment/v1/determinations/{id}/conclusion',
  list: 'GET /assessment/v1/determinations?personId',
  read: 'GET /assessment/v1/determinations/{id}',
} as const;

/** The doctor who records evidence and concludes: their token and its `sub`. */
export interface Doctor {
  token: string;
  userId: string;
}

export interface Facility {
  id: string;
  unitCode: string;
  certifiedFrom: string;
  certifiedTo: string;
}

/** Registers a certified facility (health admin); stops the run when it cannot. */
export function createFacility(admin: string, seed: number, unitCode?: string): string {
  const body = facilityBody({ seed, ...(unitCode ? { unitCode } : {}) });
  const res = postJson(`${ASSESSMENT_API}/facilities`, body, {
    token: admin,
    endpoint: 'setup',
    expected: [201],
  });
  const id = field(res, 'id');
  if (typeof id !== 'string') {
    throw new Error(`setup could not register a facility: ${res.status} ${String(res.body)}`);
  }
  return id;
}

/** Makes the doctor a certified assessor of the facility; 409 (already one) is fine. */
export function ensureAssessor(admin: string, facilityId: string, doctor: Doctor): boolean {
  const res = postJson(
    `${ASSESSMENT_API}/facilities/${facilityId}/assessors`,
    assessorBody(doctor.userId),
    { token: admin, endpoint: 'setup', expected: [201, 409] },
  );
  return res.status === 201 || res.status === 409;
}

/** The facilities certified today (the ones a referral may be assigned to). */
export function certifiedFacilities(token: string): Facility[] {
  const res = getJson(`${ASSESSMENT_API}/facilities`, {
    token,
    endpoint: 'setup',
    expected: [200],
  });
  const items = field(res, 'items');
  const today = localDate(new Date());
  return (Array.isArray(items) ? (items as Facility[]) : []).filter(
    (f) => f.certifiedFrom <= today && today <= f.certifiedTo,
  );
}

/**
 * A voluntary determination request. The assessment learns persons from the registry's
 * events, so a person registered moments ago may still be unknown (422 person-unknown):
 * the request is retried until POLL_TIMEOUT_S. Returns the determination id.
 */
export function requestDetermination(
  token: string,
  personId: string,
  facilityId: string,
  options: { endpoint?: string; idempotencyKey?: string } = {},
): string | undefined {
  const endpoint = options.endpoint ?? ASSESSMENT_ENDPOINTS.request;
  const res = postUntilPersonKnown(
    `${ASSESSMENT_API}/determinations`,
    voluntaryRequestBody(personId, facilityId),
    { token, endpoint, idempotencyKey: options.idempotencyKey },
  );
  const id = field(res, 'id');
  check(res, { 'request: determination opened': () => typeof id === 'string' });
  return typeof id === 'string' ? id : undefined;
}

/**
 * Records a positive urine test (ATS) and the six observations that make three criteria
 * present one month apart, as the doctor. True when every write succeeded.
 */
export function recordEvidence(
  doctor: Doctor,
  determinationId: string,
  idempotencyKey: (step: string) => string,
): boolean {
  const path = `${ASSESSMENT_API}/determinations/${determinationId}`;
  const test = postJson(`${path}/tests`, testBody({ positive: ['ats'] }), {
    token: doctor.token,
    endpoint: ASSESSMENT_ENDPOINTS.test,
    expected: [201],
    idempotencyKey: idempotencyKey('test'),
  });
  if (test.status !== 201) return false;
  let last: Response = test;
  for (const [i, observation] of addictedObservations({ substanceClass: 'ats' }).entries()) {
    last = postJson(`${path}/observations`, observation, {
      token: doctor.token,
      endpoint: ASSESSMENT_ENDPOINTS.observation,
      expected: [201],
      idempotencyKey: idempotencyKey(`observation-${i}`),
    });
    if (last.status !== 201) return false;
  }
  const observations = field(last, 'observations');
  return check(last, {
    'evidence: six observations recorded': () =>
      Array.isArray(observations) && observations.length === 6,
    'evidence: determination in progress': () => field(last, 'status') === 'in-progress',
  });
}

/** Concludes as the doctor (a certified assessor of the facility); the computed result. */
export function conclude(
  doctor: Doctor,
  determinationId: string,
  idempotencyKey: string,
): { result?: string; substanceClass?: string; registrationDeadline?: string } {
  const res = postJson(
    `${ASSESSMENT_API}/determinations/${determinationId}/conclusion`,
    conclusionBody(),
    {
      token: doctor.token,
      endpoint: ASSESSMENT_ENDPOINTS.conclusion,
      expected: [201],
      idempotencyKey,
    },
  );
  const text = (name: string) => {
    const value = field(res, name);
    return typeof value === 'string' ? value : undefined;
  };
  const concluded = {
    result: text('result'),
    substanceClass: text('substanceClass'),
    registrationDeadline: text('registrationDeadline'),
  };
  check(res, {
    'conclusion: addicted (3 criteria for a month)': () => concluded.result === 'addicted',
    'conclusion: substance class ats': () => concluded.substanceClass === 'ats',
    'conclusion: registration deadline (adult)': () => concluded.registrationDeadline !== undefined,
  });
  return concluded;
}
