// Seeds the demo province through the public API (via the gateway, never the database):
// - registry: about 100 persons in communes 99001..99006 at different stages of the police
//   workflow (demo-people.ts), unless the registry already has persons;
// - assessment: a certified facility and doctor, who work the determinations opened from
//   the registry's referrals of some persons to a conclusion today (demo-assessment.ts);
// - treatment: journeys of every kind of case, from today's results and from histories
//   since 2025 (demo-journeys.ts, demo-histories.ts), then the deadline sweep;
// - vocational: courses, enrolments, job placements, a certified loan list and its loans for
//   the persons under post-rehab management (demo-vocational.ts);
// - methadone: a clinic with a dispensing point, staff, stock, about 40 patients in every
//   phase with a month of dosing history and some misses, one open count discrepancy
//   (demo-methadone.ts), for persons no treatment journey uses.
// - reporting: the province's targets shaped like the Sơn Dương 2024 plan and this quarter's
//   commune activities (demo-reporting.ts).
// Deterministic (seeded PRNG) apart from dates relative to today in Vietnam. A second run
// adds nothing: the registry part is skipped, the facility is found by name, determinations
// already concluded and treatment steps already taken are left alone (demo-treatment.ts).
//
//   node --conditions=source scripts/seed/demo.ts     (GATEWAY_URL, default http://127.0.0.1:8080)
//   SEED_PERSONS=100 SEED=20260101 SEED_CONCURRENCY=8
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { todayIn } from '@rehab/domain-kit';
import type { TokenClaims } from '../../libs/testing/src/identity.ts';
import { ensureFacility, healthAdmin, replayReferralsWithoutFacility } from './demo-assessment.ts';
import { gateway, SeedError, tokenSigner } from './demo-http.ts';
import { treatmentJourneys } from './demo-journeys.ts';
import { planPeople } from './demo-people.ts';
import { communes } from './demo-random.ts';
import { seedRegistry } from './demo-registry.ts';
import { assignJourneys, labourOfficer, runJourney } from './demo-treatment.ts';
import { seedVocational } from './demo-vocational.ts';
import { seedMethadone } from './demo-methadone.ts';
import { seedReporting } from './demo-reporting.ts';
import { eachLimited } from '../../libs/events/src/each-limited.ts';

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const personCount = Number(process.env.SEED_PERSONS ?? 100);
const seed = Number(process.env.SEED ?? 20260101);
const concurrency = Math.max(1, Number(process.env.SEED_CONCURRENCY ?? 8));

const policeOfficer: TokenClaims = {
  sub: 'seed-demo',
  agency: 'police',
  orgUnit: '99',
  roles: ['officer'],
};
const itOperator: TokenClaims = {
  sub: 'seed-demo-it-operator',
  agency: 'it',
  orgUnit: '99',
  roles: ['operator'],
};

async function main(): Promise<void> {
  const started = performance.now();
  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(join(rootDir, '.data', 'keys', 'dev-jwt.key.pem'), 'utf8');
  } catch {
    throw new SeedError('no development key at .data/keys/dev-jwt.key.pem; run npm start first');
  }
  const sign = tokenSigner(privateKeyPem);
  const gw = gateway(process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080');
  const today = todayIn('Asia/Ho_Chi_Minh');
  const people = planPeople(seed, personCount, today);

  // The facility first: the referrals registered next are assigned to it as they arrive.
  const facility = await ensureFacility(gw, sign(healthAdmin));
  const registry = await seedRegistry(gw, sign(policeOfficer), people, { seed, concurrency });
  if (facility.created && registry.seeded === 0) {
    await replayReferralsWithoutFacility(gw, sign(itOperator));
  }
  const failures = [...registry.failures];

  const { assigned, unassigned } = assignJourneys(
    treatmentJourneys(today),
    people,
    registry.ids,
    today,
  );
  const kinds = new Map<string, number>();
  let journeysDone = 0;
  let taken = 0;
  let already = 0;
  const run = { gw, sign, today, seed };
  await eachLimited(assigned, Math.min(concurrency, 4), async (assignment) => {
    try {
      const outcome = await runJourney(run, assignment);
      for (const kase of outcome.cases.values()) {
        kinds.set(kase.kind, (kinds.get(kase.kind) ?? 0) + 1);
      }
      taken += outcome.taken;
      already += outcome.already;
      journeysDone++;
    } catch (error) {
      failures.push(
        `journey ${assignment.journey.id} (person #${assignment.person.index}): ${(error as Error).message}`,
      );
    }
  });
  if (unassigned.length > 0) failures.push(`no seeded person for: ${unassigned.join(', ')}`);

  // Support after rehab for the persons the journeys brought under post-rehab management.
  const vocational = await seedVocational({ gw, sign, today }).catch((error: unknown) => {
    failures.push(`vocational: ${(error as Error).message}`);
    return 'vocational: failed';
  });

  // Methadone patients: persons no treatment journey uses (an admission closes a person's
  // registration case in treatment, which would change those journeys).
  const inJourneys = new Set(assigned.map((assignment) => assignment.person.index));
  const methadonePersons = people
    .filter((person) => !inJourneys.has(person.index) && registry.ids.has(person.index))
    .map((person) => ({
      id: registry.ids.get(person.index) ?? '',
      dateOfBirth: person.register.dateOfBirth,
    }));
  const methadone = await seedMethadone({
    gw,
    sign,
    today,
    persons: methadonePersons,
    concurrency: Math.min(concurrency, 4),
  }).catch((error: unknown) => {
    failures.push(`methadone: ${(error as Error).message}`);
    return 'methadone: failed';
  });

  // Targets and activities last: the figures they are read against come from the events above.
  const reporting = await seedReporting({
    gw,
    baseUrl: process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
    sign,
    today,
  }).catch((error: unknown) => {
    failures.push(`reporting: ${(error as Error).message}`);
    return 'reporting: failed';
  });

  const sweep = await gw.post<{ overdue: number }>(
    sign(itOperator),
    '/treatment/v1/ops/sweep',
    undefined,
  );
  const queue = await gw.get<{ overdue: number; items: unknown[]; nextCursor?: string }>(
    sign(labourOfficer),
    '/treatment/v1/due?unitCode=99&limit=200',
  );

  if (failures.length > 0) {
    console.error(`seed: ${failures.length} failures; first ones:`);
    for (const failure of failures.slice(0, 5)) console.error(`  ${failure}`);
  }
  const caseKinds = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seed: ${registry.summary} in communes ${communes[0]}..${communes.at(-1)}`);
  console.log(
    `seed: assessment and treatment: ${journeysDone}/${assigned.length + unassigned.length} journeys, ${taken} steps taken now, ${already} already taken; cases: ${caseKinds || 'none'}`,
  );
  console.log(`seed: ${vocational}`);
  console.log(`seed: ${methadone}`);
  console.log(`seed: ${reporting}`);
  console.log(
    `seed: work queue of province 99: ${queue.items.length}${queue.nextCursor ? '+' : ''} items, ${queue.overdue} overdue (the sweep found ${sweep.overdue} registrations newly overdue)`,
  );
  console.log(
    `seed: ${gw.requests} requests, ${seconds} s${failures.length ? `, ${failures.length} FAILED` : ''}`,
  );
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof SeedError ? error.message : String(error)}`);
  process.exit(1);
});
