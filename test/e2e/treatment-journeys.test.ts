// The treatment journeys of the issue, across the real registry, assessment and treatment
// services on the real stack, with one calendar they all share and the test moves forward:
// (1) found addicted, not registered in time → a compulsory case;
// (2) voluntary rehab completed → post-rehab management → a year later with no use,
//     completed and removed from the list;
// (3) a relapse during post-rehab management → a determination referral in the registry
//     (and the health sector's new determination).
// The calendar starts on Monday 2025-07-07, once the demo province's communes exist (the
// two-tier reform of 1 July 2025): LAW-2021's terms, with TRANSFER-2025's actors. Each
// journey (its own person) starts again on that day, so its cases open under those rules
// (a case opened after 2026-07-01 would take LAW-2025's).
import { addDays, addMonths, type LocalDate } from '@rehab/domain-kit';
import {
  createTestIdentityProvider,
  eventually,
  testStackEnv,
  uniqueDatabaseUrl,
  type TokenClaims,
  standInSettings,
} from '@rehab/testing';
import { loadConfig } from '@rehab/service-kit';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  certifiedFacilityWithDoctor,
  startAssessment,
  type AssessmentUnderTest,
} from '../../services/assessment/test/support.ts';
import {
  personBody,
  startRegistry,
  type RegistryUnderTest,
} from '../../services/registry/test/support.ts';
import { treatmentConfigSchema } from '../../services/treatment/src/config.ts';
import {
  createTreatmentService,
  type TreatmentService,
} from '../../services/treatment/src/service.ts';

const FIRST_DAY: LocalDate = '2025-07-07';
let day: LocalDate = FIRST_DAY;
const clock = { now: () => new Date(), today: () => day };
const moveTo = (next: LocalDate) => {
  day = next;
};

let registry: RegistryUnderTest;
let assessment: AssessmentUnderTest;
let treatment: TreatmentService;
const treatmentIdp = createTestIdentityProvider();

beforeAll(async () => {
  const suffix = `-e2e-treatment-${Date.now()}`;
  registry = await startRegistry({
    clock,
    consumeDeterminations: true,
    consumeTreatmentCases: true,
    // Other files' treatment events are for persons this registry does not know.
    treatmentCasesFromEnd: true,
    consumerGroupSuffix: suffix,
  });
  assessment = await startAssessment({ clock, consumeRegistry: true, consumerGroupSuffix: suffix });
  treatment = await createTreatmentService(
    loadConfig(treatmentConfigSchema, {
      PORT: '0',
      MONGO_URL: uniqueDatabaseUrl('treatment'),
      ...standInSettings(),
      KAFKA_BROKERS: testStackEnv().kafkaBrokers.join(','),
      JWT_PUBLIC_KEY_FILE: treatmentIdp.publicKeyFile,
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_MS: '50',
    }),
    { clock, consumerGroupSuffix: suffix },
  );
  await Promise.all([
    registry.service.determinations?.started,
    registry.service.treatmentCases?.started,
    assessment.service.registryConsumer?.started,
    ...treatment.consumers.map((consumer) => consumer.started),
  ]);
  await certifiedFacilityWithDoctor(assessment);
}, 180_000);
afterAll(async () => {
  await treatment?.stop();
  await assessment?.stop();
  await registry?.stop();
});

const reg = () => request(registry.service.app);
const health = () => request(assessment.service.app);
const care = () => request(treatment.app);
const doctor = () => assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] });
const treatmentToken = (agency: TokenClaims['agency'], roles: string[], orgUnit = '99') => ({
  Authorization: `Bearer ${treatmentIdp.issue({ sub: `${agency}-${roles[0]}`, agency, orgUnit, roles })}`,
});

/** Police register the person and refer them; a certified doctor finds them addicted today. */
async function foundAddicted(fullName: string): Promise<{ personId: string; unitCode: string }> {
  const police = registry.bearer();
  const person = await reg()
    .post('/registry/v1/persons')
    .set(police)
    .send(personBody({ fullName }));
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  const personId = person.body.id as string;
  const referral = await reg()
    .post(`/registry/v1/persons/${personId}/determination-referrals`)
    .set(police)
    .send({ reason: 'voluntary', referredOn: addDays(day, -60) });
  expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  const [requested] = await eventually(
    () =>
      health()
        .get(`/assessment/v1/determinations?personId=${personId}`)
        .set(doctor())
        .then((res) => res.body.items as { id: string }[]),
    (items) => items.length > 0,
  );
  const determination = `/assessment/v1/determinations/${requested!.id}`;
  await health()
    .post(`${determination}/tests`)
    .set(doctor())
    .send({
      sampledAt: addDays(day, -1),
      sample: 'urine',
      results: [{ substanceClass: 'opioid', positive: true }],
    });
  for (const criterion of ['craving', 'loss-of-control', 'withdrawal']) {
    for (const observedOn of [addDays(day, -50), addDays(day, -2)]) {
      await health().post(`${determination}/observations`).set(doctor()).send({
        criterion,
        present: true,
        observedOn,
        source: 'clinical',
        substanceClass: 'opioid',
      });
    }
  }
  const conclusion = await health()
    .post(`${determination}/conclusion`)
    .set(doctor())
    .send({ concludedOn: day });
  expect(conclusion.body.result, JSON.stringify(conclusion.body)).toBe('addicted');
  // personBody's residence: the commune whose officers act on the case.
  return { personId, unitCode: '99001' };
}

interface CaseBody {
  id: string;
  kind: string;
  state: string;
  unitCode: string;
  registrationDeadline?: LocalDate;
  term?: { endsOn: LocalDate; minimumEndsOn: LocalDate };
  [field: string]: unknown;
}

const labour = () => treatmentToken('labour', ['officer']);
const casesOf = (personId: string) =>
  care()
    .get(`/treatment/v1/cases?personId=${personId}`)
    .set(labour())
    .then((res) => res.body.items as CaseBody[]);
const caseOf = async (personId: string, kind: string) =>
  (
    await eventually(
      () => casesOf(personId),
      (items) => items.some((kase) => kase.kind === kind),
    )
  ).find((kase) => kase.kind === kind)!;

/** POST a step as the given caller, expecting it to be taken. */
async function step(id: string, path: string, auth: { Authorization: string }, body: object) {
  const res = await care().post(`/treatment/v1/cases/${id}/${path}`).set(auth).send(body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body as CaseBody & { opened?: CaseBody };
}

const registryPerson = (personId: string) =>
  reg()
    .get(`/registry/v1/persons/${personId}`)
    .set(registry.bearer())
    .then((res) => res.body);

/** Walks a person from the result through home rehab (6 months) to the chairman's certificate. */
async function completesHomeRehab(personId: string, unitCode: string) {
  const chairman = treatmentToken('commune', ['chairman'], unitCode);
  const officer = treatmentToken('commune', ['officer'], unitCode);
  const awaiting = await caseOf(personId, 'awaiting-registration');
  const registered = await step(awaiting.id, 'registration', officer, {
    modality: 'voluntary-home',
  });
  const episode = registered.opened!;
  expect(episode).toMatchObject({ kind: 'voluntary-home', state: 'awaiting-decision' });
  const decided = await step(episode.id, 'voluntary/home-decision', chairman, {
    termMonths: 6,
    responsible: { kind: 'official', id: 'can-bo-xa-01' },
  });
  const start = day;
  const stages: [string, number, number][] = [
    ['reception-and-classification', 0, 5],
    ['detox-and-treatment', 6, 40],
    ['education-and-counselling', 41, 90],
  ];
  for (const [stage, from, to] of stages) {
    moveTo(addDays(start, to));
    await step(episode.id, 'voluntary/stages', officer, {
      stage,
      startedOn: addDays(start, from),
      on: addDays(start, to),
    });
  }
  moveTo(decided.term!.minimumEndsOn);
  const completed = await step(episode.id, 'voluntary/home-completion', chairman, {});
  expect(completed).toMatchObject({ state: 'completed', certificate: { form: '26a' } });
  expect(completed.opened).toMatchObject({ kind: 'post-rehab', state: 'awaiting-file' });
  return { postRehab: completed.opened!, chairman, officer };
}

describe('treatment journeys across the registry, assessment and treatment', () => {
  beforeEach(() => moveTo(FIRST_DAY));

  it('a person found addicted who does not register in time ends in a compulsory case', async () => {
    const { personId } = await foundAddicted('Nguyễn Văn Được');
    const awaiting = await caseOf(personId, 'awaiting-registration');
    expect(awaiting.state).toBe('awaiting-registration');

    moveTo(addDays(awaiting.registrationDeadline!, 1));
    const sweep = await care()
      .post('/treatment/v1/ops/sweep')
      .set(treatmentToken('it', ['operator']));
    expect(sweep.status).toBe(200);
    const compulsory = await caseOf(personId, 'compulsory');
    expect(compulsory).toMatchObject({ state: 'dossier-in-preparation', unitCode: '99001' });
    expect((await casesOf(personId)).find((kase) => kase.id === awaiting.id)).toMatchObject({
      state: 'overdue',
      violation: { kind: 'not-registered' },
    });

    const shown = await eventually(
      () => registryPerson(personId),
      (body) => body.treatment?.situation === 'compulsory',
    );
    expect(shown.treatment).toMatchObject({
      caseId: compulsory.id,
      state: 'dossier-in-preparation',
    });
  }, 180_000); // the sweep also visits the overdue cases of every other test's persons

  it('one who completes voluntary rehab is managed after rehab and, a year later with no use, removed from the list', async () => {
    const { personId, unitCode } = await foundAddicted('Trần Thị Ánh Tuyết');
    const { postRehab, chairman, officer } = await completesHomeRehab(personId, unitCode);
    await step(postRehab.id, 'post-rehab/file', officer, {});
    const decided = await step(postRehab.id, 'post-rehab/decision', chairman, {});
    expect(decided).toMatchObject({ state: 'under-management' });
    await step(postRehab.id, 'post-rehab/tests', officer, {
      on: addMonths(day, 0),
      result: 'negative',
    });

    moveTo(addDays(decided.term!.endsOn, 1));
    const done = await step(postRehab.id, 'post-rehab/completion', chairman, {});
    expect(done).toMatchObject({ state: 'completed', certificate: { form: '54' } });
    const list = await care()
      .get(`/treatment/v1/post-rehab-cases?unitCode=${unitCode}`)
      .set(officer);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(postRehab.id);

    const shown = await eventually(
      () => registryPerson(personId),
      (body) => body.treatment?.situation === 'completed',
    );
    expect(shown.treatment.caseId).toBe(postRehab.id);
  });

  it('a relapse during post-rehab management opens a determination referral in the registry', async () => {
    const { personId, unitCode } = await foundAddicted('Lê Hoàng Phúc');
    const { postRehab, chairman, officer } = await completesHomeRehab(personId, unitCode);
    await step(postRehab.id, 'post-rehab/file', officer, {});
    await step(postRehab.id, 'post-rehab/decision', chairman, {});
    moveTo(addDays(day, 30));
    const relapsed = await step(postRehab.id, 'post-rehab/tests', officer, { result: 'positive' });
    expect(relapsed.state).toBe('relapsed');
    expect(relapsed.opened).toMatchObject({ kind: 'compulsory' });

    const shown = await eventually(
      () => registryPerson(personId),
      (body) => (body.referrals as { reason: string }[]).some((r) => r.reason === 'post-rehab-use'),
    );
    expect(
      (shown.referrals as { reason: string; referredOn: string }[]).filter(
        (r) => r.reason === 'post-rehab-use',
      ),
    ).toEqual([expect.objectContaining({ referredOn: day })]);
    // The health sector receives the referral and opens a new determination.
    const determinations = await eventually(
      () =>
        health()
          .get(`/assessment/v1/determinations?personId=${personId}`)
          .set(doctor())
          .then((res) => res.body.items as { status: string }[]),
      (items) => items.length === 2,
    );
    expect(determinations.filter((d) => d.status === 'requested')).toHaveLength(1);
  });
});
