// The assessment part of the demo: a facility certified to determine addiction with one
// certified doctor, and the determinations the registry's referrals opened there, worked
// to a conclusion (a urine test, the criteria observed over more than a month).
import { addDays, type LocalDate } from '@rehab/domain-kit';
import type { TokenClaims } from '../../libs/testing/src/identity.ts';
import { eventually, type Gateway } from './demo-http.ts';

const api = '/assessment/v1';
const FACILITY = {
  name: 'Trung tâm Y tế tỉnh Mẫu',
  unitCode: '99001',
  // From the two-tier reform, when the demo province's communes begin.
  certifiedFrom: '2025-07-01',
  certifiedTo: '2030-12-31',
};
export const DOCTOR = { userId: 'bs-tran-thi-hanh', fullName: 'BS. Trần Thị Hạnh' };

export const healthAdmin: TokenClaims = {
  sub: 'seed-demo-health-admin',
  agency: 'health',
  orgUnit: '99',
  roles: ['admin'],
};
/** The doctor acts as the assessor: the token's subject is the assessor's userId. */
export const doctor: TokenClaims = {
  sub: DOCTOR.userId,
  agency: 'health',
  orgUnit: '99',
  roles: ['doctor'],
};

interface Facility {
  id: string;
  name: string;
}

/** The demo facility and its doctor, registered once (found by name on later runs). */
export async function ensureFacility(
  gw: Gateway,
  adminToken: string,
): Promise<{ facilityId: string; created: boolean }> {
  const { items } = await gw.get<{ items: Facility[] }>(adminToken, `${api}/facilities`);
  let facility = items.find((item) => item.name === FACILITY.name);
  const created = !facility;
  facility ??= await gw.post<Facility>(
    adminToken,
    `${api}/facilities`,
    FACILITY,
    'seed-demo-facility',
  );
  const assessors = await gw.get<{ items: { userId: string }[] }>(
    adminToken,
    `${api}/facilities/${facility.id}/assessors`,
  );
  if (!assessors.items.some((assessor) => assessor.userId === DOCTOR.userId)) {
    await gw.post(
      adminToken,
      `${api}/facilities/${facility.id}/assessors`,
      { ...DOCTOR, certifiedFrom: FACILITY.certifiedFrom, certifiedTo: FACILITY.certifiedTo },
      'seed-demo-assessor',
    );
  }
  return { facilityId: facility.id, created };
}

/**
 * Referrals the assessment received before the facility existed were dead-lettered (no
 * certified facility); replaying them opens their determinations now.
 */
export async function replayReferralsWithoutFacility(
  gw: Gateway,
  operatorToken: string,
): Promise<number> {
  const { items } = await gw.get<{ items: { id: string }[] }>(
    operatorToken,
    `/assessment/v1/ops/dead-letters?group=assessment.registry-persons&replayed=false&limit=200`,
  );
  for (const letter of items) {
    await gw.post(operatorToken, `/assessment/v1/ops/dead-letters/${letter.id}/replay`, {});
  }
  return items.length;
}

const substanceClasses: Record<string, string> = {
  methamphetamine: 'ats',
  MDMA: 'ats',
  heroin: 'opioid',
  cannabis: 'cannabis',
  ketamine: 'other',
};

interface Determination {
  id: string;
  status: 'requested' | 'in-progress' | 'concluded';
  result?: string;
  tests?: unknown[];
  observations?: unknown[];
}

/**
 * Works the person's determination (opened from the registry's referral) to a conclusion
 * today: addicted with three criteria present together for over a month, or not addicted
 * with two. Evidence already recorded is not recorded again.
 */
export async function determine(
  gw: Gateway,
  doctorToken: string,
  input: { personId: string; substance: string | undefined; addicted: boolean; today: LocalDate },
  key: (step: string) => string,
): Promise<'concluded' | 'already concluded'> {
  const [summary] = await eventually(
    `the determination of ${input.personId} (opened from the registry's referral)`,
    () =>
      gw
        .get<{ items: Determination[] }>(
          doctorToken,
          `${api}/determinations?personId=${input.personId}`,
        )
        .then((body) => body.items),
    (items) => items.length > 0,
  );
  if (!summary || summary.status === 'concluded') return 'already concluded';
  const path = `${api}/determinations/${summary.id}`;
  const current = await gw.get<Determination>(doctorToken, path);
  const substanceClass = substanceClasses[input.substance ?? ''] ?? 'ats';
  if ((current.tests ?? []).length === 0) {
    await gw.post(
      doctorToken,
      `${path}/tests`,
      {
        sampledAt: addDays(input.today, -1),
        sample: 'urine',
        results: [{ substanceClass, positive: true }],
      },
      key('test'),
    );
  }
  const criteria = input.addicted
    ? ['craving', 'loss-of-control', 'withdrawal']
    : ['craving', 'harmful-use'];
  const observations = criteria.flatMap((criterion) =>
    [addDays(input.today, -45), addDays(input.today, -3)].map((observedOn) => ({
      criterion,
      present: true,
      observedOn,
      source: 'clinical',
      substanceClass,
    })),
  );
  for (const [i, observation] of observations.entries()) {
    if (i < (current.observations ?? []).length) continue;
    await gw.post(doctorToken, `${path}/observations`, observation, key(`observation-${i}`));
  }
  await gw.post(doctorToken, `${path}/conclusion`, { concludedOn: input.today }, key('conclusion'));
  return 'concluded';
}
