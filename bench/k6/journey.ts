// The cross-agency journey of one person, with a check at every step:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> bench/k6/journey.ts
// Steps today (registry, police):
//   1. register the person             POST /registry/v1/persons
//   2. record a positive test (60 days ago), opening the management decision
//   3. record another positive test (3 days ago), renewing it: repeat use
//   4. refer for addiction determination (repeat-use)
// Coming with the services that own them (each a function in STEPS below):
//   5. determination concluded (assessment, health: issue 3)  TOKEN_HEALTH
//   6. registered for rehab (treatment, labour: issue 4)       TOKEN_LABOUR
// A journey stops at the first failed step; `journey_completed` counts the ones that finish.
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import {
  detectionBody,
  referralBody,
  registerPersonBody,
} from '../../libs/testing/src/payloads/registry.ts';
import { latencyThresholds, load, slo, tokenOf } from './lib/config.ts';
import { field, postJson } from './lib/http.ts';
import { idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

const ENDPOINTS = {
  register: 'POST /registry/v1/persons',
  detection: 'POST /registry/v1/persons/{id}/drug-use-detections',
  referral: 'POST /registry/v1/persons/{id}/determination-referrals',
} as const;

const completed = new Counter('journey_completed');
const journeyDuration = new Trend('journey_duration', true);

export const options: Options = {
  scenarios: {
    journey: {
      executor: 'constant-arrival-rate',
      rate: load.rate,
      timeUnit: '1s',
      duration: load.duration,
      preAllocatedVUs: load.preAllocatedVUs,
      maxVUs: load.maxVUs,
    },
  },
  thresholds: {
    http_req_failed: [`rate<${slo.maxErrorRate}`],
    checks: ['rate>0.99'],
    ...latencyThresholds(Object.values(ENDPOINTS), 'write'),
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
};

interface Data extends RunData {
  police: string;
}

/** What the steps so far learned about the person. */
interface Journey {
  data: Data;
  seed: number;
  personId?: string;
}

type Step = (journey: Journey) => boolean;

const registerStep: Step = (journey) => {
  const res = postJson('/registry/v1/persons', registerPersonBody(journey.seed), {
    token: journey.data.police,
    endpoint: ENDPOINTS.register,
    expected: [201],
    idempotencyKey: idempotencyKey(journey.data, 'register'),
  });
  const id = field(res, 'id');
  journey.personId = typeof id === 'string' ? id : undefined;
  return check(res, { 'register: person id returned': () => journey.personId !== undefined });
};

const detectionStep =
  (daysBefore: number, label: string): Step =>
  (journey) => {
    const res = postJson(
      `/registry/v1/persons/${journey.personId}/drug-use-detections`,
      detectionBody({ seed: journey.seed, daysBefore }),
      {
        token: journey.data.police,
        endpoint: ENDPOINTS.detection,
        expected: [201],
        idempotencyKey: idempotencyKey(journey.data, label),
      },
    );
    const management = field(res, 'management') as { status?: string } | undefined;
    return check(res, { [`${label}: management active`]: () => management?.status === 'active' });
  };

const referralStep: Step = (journey) => {
  const res = postJson(
    `/registry/v1/persons/${journey.personId}/determination-referrals`,
    referralBody('repeat-use', { note: 'Tái sử dụng trong thời gian quản lý (k6)' }),
    {
      token: journey.data.police,
      endpoint: ENDPOINTS.referral,
      expected: [201],
      idempotencyKey: idempotencyKey(journey.data, 'referral'),
    },
  );
  const referrals = field(res, 'referrals');
  return check(res, {
    'referral: mandatory referral recorded': () =>
      Array.isArray(referrals) &&
      referrals.some(
        (r: { reason?: string; mandatory?: boolean }) =>
          r.reason === 'repeat-use' && r.mandatory === true,
      ),
  });
};

// Steps 5 and 6 are added here when assessment (issue 3) and treatment (issue 4) exist:
// the determination arrives as an event, so they poll the assessment API for the referral
// and conclude it with TOKEN_HEALTH, then register the rehab episode with TOKEN_LABOUR.
const STEPS: readonly [string, Step][] = [
  ['register', registerStep],
  ['first detection', detectionStep(60, 'first detection')],
  ['repeat detection', detectionStep(3, 'repeat detection')],
  ['referral', referralStep],
];

export function setup(): Data {
  return { ...newRun(), police: tokenOf('police') };
}

export default function (data: Data): void {
  const started = Date.now();
  const journey: Journey = { data, seed: iterationSeed(data) };
  for (const [, step] of STEPS) {
    if (!step(journey)) return;
  }
  completed.add(1);
  journeyDuration.add(Date.now() - started);
}
