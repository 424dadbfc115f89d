// The cross-agency journey of one person, with a check at every step:
//   k6 run -e BASE_URL=https://rehab.example.gov.vn -e TOKEN_POLICE=<token> \
//     -e TOKEN_HEALTH_ADMIN=<token> -e TOKEN_DOCTOR=<token> -e DOCTOR_USER_ID=<its sub> \
//     bench/k6/journey.ts
// Steps (each a function in STEPS below):
//   registry, police (TOKEN_POLICE)
//   1. register the person             POST /registry/v1/persons
//   2. record a positive test (60 days ago), opening the management decision
//   3. record another positive test (3 days ago), renewing it: repeat use
//   4. refer for addiction determination (repeat-use)
//   assessment, health (TOKEN_HEALTH_ADMIN, TOKEN_DOCTOR)
//   5. the referral opened a determination (Kafka): poll GET /assessment/v1/determinations?personId
//   6. record evidence as the doctor: a positive test, three criteria present a month apart
//   7. conclude as the doctor (a certified assessor of the facility): addicted
//   registry, police
//   8. the registry learned the result (Kafka): poll GET /registry/v1/persons/{id} until
//      addictionStatus is addicted and the management stopped (determined-addicted)
// Coming with the service that owns it:
//   9. registered for rehab (treatment, labour: issue 4)       TOKEN_LABOUR
// A journey stops at the first failed step; `journey_completed` counts the ones that finish.
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import {
  detectionBody,
  referralBody,
  registerPersonBody,
} from '../../libs/testing/src/payloads/registry.ts';
import {
  ASSESSMENT_API,
  ASSESSMENT_ENDPOINTS,
  certifiedFacilities,
  conclude,
  createFacility,
  ensureAssessor,
  recordEvidence,
  type Doctor,
} from './lib/assessment.ts';
import { load, polling, required, tokenOf } from './lib/config.ts';
import { field, getJson, poll, postJson } from './lib/http.ts';
import { constantRate, loadTestOptions } from './lib/options.ts';
import { idempotencyKey, iterationSeed, newRun, type RunData } from './lib/seed.ts';

const ENDPOINTS = {
  register: 'POST /registry/v1/persons',
  detection: 'POST /registry/v1/persons/{id}/drug-use-detections',
  referral: 'POST /registry/v1/persons/{id}/determination-referrals',
  test: ASSESSMENT_ENDPOINTS.test,
  observation: ASSESSMENT_ENDPOINTS.observation,
  conclusion: ASSESSMENT_ENDPOINTS.conclusion,
} as const;

/** Reads that poll for what a service learned from another's events. */
const POLLS = {
  determinations: ASSESSMENT_ENDPOINTS.list,
  person: 'GET /registry/v1/persons/{id}',
} as const;

const completed = new Counter('journey_completed');
const journeyDuration = new Trend('journey_duration', true);

export const options = loadTestOptions({
  scenarios: { journey: constantRate('default', load.rate) },
  write: Object.values(ENDPOINTS),
  read: Object.values(POLLS),
});

interface Data extends RunData {
  police: string;
  healthAdmin: string;
  doctor: Doctor;
}

/** What the steps so far learned about the person. */
interface Journey {
  data: Data;
  seed: number;
  personId?: string;
  determinationId?: string;
  facilityId?: string;
}

/** Facilities this VU already made the doctor an assessor of. */
const assessorAt = new Set<string>();

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

/** Waits until the referral has opened a determination in the assessment (an event). */
const determinationOpenedStep: Step = (journey) => {
  interface Summary {
    id?: string;
    origin?: string;
    status?: string;
    facilityId?: string;
  }
  const found = poll(() => {
    const res = getJson(`${ASSESSMENT_API}/determinations?personId=${journey.personId}`, {
      token: journey.data.healthAdmin,
      endpoint: POLLS.determinations,
      expected: [200],
    });
    const items = field(res, 'items');
    return Array.isArray(items)
      ? (items as Summary[]).find((d) => d.origin === 'referral' && d.status === 'requested')
      : undefined;
  }, polling);
  journey.determinationId = found?.id;
  journey.facilityId = found?.facilityId;
  return check(found, {
    'determination: opened from the referral': (d) => d?.id !== undefined,
  });
};

/** Records the evidence as the doctor, an assessor of the facility the referral went to. */
const evidenceStep: Step = (journey) => {
  const { data, facilityId, determinationId } = journey;
  if (!facilityId || !determinationId) return false;
  if (!assessorAt.has(facilityId)) {
    if (!ensureAssessor(data.healthAdmin, facilityId, data.doctor)) return false;
    assessorAt.add(facilityId);
  }
  return recordEvidence(data.doctor, determinationId, (step) => idempotencyKey(data, step));
};

const conclusionStep: Step = (journey) => {
  if (!journey.determinationId) return false;
  const concluded = conclude(
    journey.data.doctor,
    journey.determinationId,
    idempotencyKey(journey.data, 'conclusion'),
  );
  return concluded.result === 'addicted';
};

/** Waits until the registry learned the result (an event): addicted, management stopped. */
const registryResultStep: Step = (journey) => {
  interface Person {
    addictionStatus?: string;
    management?: { status?: string; stopReason?: string };
  }
  let last: Person | undefined;
  const updated = poll(() => {
    const res = getJson(`/registry/v1/persons/${journey.personId}`, {
      token: journey.data.police,
      endpoint: POLLS.person,
      expected: [200],
    });
    try {
      last = res.json() as Person;
    } catch {
      last = undefined;
    }
    return last?.addictionStatus === 'addicted' &&
      last.management?.stopReason === 'determined-addicted'
      ? last
      : undefined;
  }, polling);
  return check(updated ?? last, {
    'registry: addiction status addicted': (p) => p?.addictionStatus === 'addicted',
    'registry: management stopped (determined-addicted)': (p) =>
      p?.management?.stopReason === 'determined-addicted',
  });
};

// FUTURE (treatment, labour: issue 4): register the rehab episode with TOKEN_LABOUR before
// the registration deadline, and check the registry shows it. Add it to STEPS when the
// treatment service exists.
const STEPS: readonly [string, Step][] = [
  ['register', registerStep],
  ['first detection', detectionStep(60, 'first detection')],
  ['repeat detection', detectionStep(3, 'repeat detection')],
  ['referral', referralStep],
  ['determination opened', determinationOpenedStep],
  ['evidence', evidenceStep],
  ['conclusion', conclusionStep],
  ['registry result', registryResultStep],
  // ['rehab registration', rehabRegistrationStep],  // treatment (issue 4)
];

export function setup(): Data {
  const run = newRun();
  const healthAdmin = tokenOf('healthAdmin');
  const doctor: Doctor = {
    token: tokenOf('doctor'),
    userId: required('DOCTOR_USER_ID', 'the sub claim of TOKEN_DOCTOR'),
  };
  // A referral goes to a facility certified on its date in the person's province: make
  // sure there is one. The doctor becomes an assessor of whichever one it is (evidence step).
  if (certifiedFacilities(healthAdmin).length === 0) {
    createFacility(healthAdmin, run.base, __ENV.FACILITY_UNIT_CODE);
  }
  return { ...run, police: tokenOf('police'), healthAdmin, doctor };
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
