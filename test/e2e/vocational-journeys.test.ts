// The vocational journey of issue 12, across the real registry, assessment, treatment and
// vocational services on the real stack, with one calendar they share: voluntary rehab
// completed → post-rehab management decided, with a support need → a need in the commune's
// queue → training and a job → the person supported, and the support on the registry's
// timeline, and the supported persons and share in reporting's figures for the commune.
// The calendar starts on Monday 2025-07-07, as in treatment-journeys.test.ts.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import {
  createTestIdentityProvider,
  eventually,
  standInSettings,
  testStackEnv,
  uniqueDatabaseUrl,
  type TokenClaims,
} from '@rehab/testing';
import { loadConfig } from '@rehab/service-kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseBody, placementBody } from '../../libs/testing/src/payloads/vocational.ts';
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
import { reportingConfigSchema } from '../../services/reporting/src/config.ts';
import {
  createReportingService,
  type ReportingService,
} from '../../services/reporting/src/service.ts';
import { vocationalConfigSchema } from '../../services/vocational/src/config.ts';
import {
  createVocationalService,
  type VocationalService,
} from '../../services/vocational/src/service.ts';

let day: LocalDate = '2025-07-07';
const clock = { now: () => new Date(), today: () => day };
const moveTo = (next: LocalDate) => {
  day = next;
};

let registry: RegistryUnderTest;
let assessment: AssessmentUnderTest;
let treatment: TreatmentService;
let vocational: VocationalService;
let reporting: ReportingService;
const idp = createTestIdentityProvider();
const serviceConfig = (prefix: string) => ({
  PORT: '0',
  MONGO_URL: uniqueDatabaseUrl(prefix),
  ...standInSettings(),
  KAFKA_BROKERS: testStackEnv().kafkaBrokers.join(','),
  JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
  LOG_LEVEL: 'silent',
  OUTBOX_POLL_MS: '50',
});

beforeAll(async () => {
  const suffix = `-e2e-vocational-${Date.now()}`;
  registry = await startRegistry({
    clock,
    consumeDeterminations: true,
    consumeTreatmentCases: true,
    treatmentCasesFromEnd: true,
    consumerGroupSuffix: suffix,
  });
  assessment = await startAssessment({ clock, consumeRegistry: true, consumerGroupSuffix: suffix });
  treatment = await createTreatmentService(
    loadConfig(treatmentConfigSchema, serviceConfig('treatment')),
    {
      clock,
      consumerGroupSuffix: suffix,
    },
  );
  vocational = await createVocationalService(
    loadConfig(vocationalConfigSchema, serviceConfig('vocational')),
    {
      clock,
      consumerGroupSuffix: suffix,
      consumeFromBeginning: false,
    },
  );
  reporting = await createReportingService(
    loadConfig(reportingConfigSchema, {
      ...serviceConfig('reporting'),
      PSEUDONYM_KEY: 'e2e-pseudonym-key-0123456789',
    }),
    // The shared broker's history of other tests is not this journey's.
    { clock, consumerGroupSuffix: suffix, ignoreEventsBefore: new Date() },
  );
  await Promise.all([
    reporting.consumer?.started,
    registry.service.determinations?.started,
    registry.service.treatmentCases?.started,
    assessment.service.registryConsumer?.started,
    ...treatment.consumers.map((consumer) => consumer.started),
    ...vocational.consumers.map((consumer) => consumer.started),
  ]);
  await certifiedFacilityWithDoctor(assessment);
}, 180_000);
afterAll(async () => {
  await reporting?.stop();
  await vocational?.stop();
  await treatment?.stop();
  await assessment?.stop();
  await registry?.stop();
});

const reg = () => request(registry.service.app);
const health = () => request(assessment.service.app);
const care = () => request(treatment.app);
const work = () => request(vocational.app);
const doctor = () => assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] });
const token = (agency: TokenClaims['agency'], roles: string[], orgUnit = '99') => ({
  Authorization: `Bearer ${idp.issue({ sub: `${agency}-${roles[0]}`, agency, orgUnit, roles })}`,
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
  await reg()
    .post(`/registry/v1/persons/${personId}/determination-referrals`)
    .set(police)
    .send({ reason: 'voluntary', referredOn: addDays(day, -60) });
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
  return { personId, unitCode: '99001' };
}

interface CaseBody {
  id: string;
  kind: string;
  state: string;
  term?: { endsOn: LocalDate; minimumEndsOn: LocalDate };
  opened?: CaseBody;
}

async function step(id: string, path: string, auth: { Authorization: string }, body: object) {
  const res = await care().post(`/treatment/v1/cases/${id}/${path}`).set(auth).send(body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body as CaseBody;
}

describe('the vocational journey across registry, assessment, treatment, vocational and reporting', () => {
  it('voluntary completion → post-rehab management → a need in the commune queue → training and a job → the supported share in reporting', async () => {
    const { personId, unitCode } = await foundAddicted('Phạm Thị Xuân');
    const chairman = token('commune', ['chairman'], unitCode);
    const officer = token('commune', ['officer'], unitCode);
    const cases = () =>
      care()
        .get(`/treatment/v1/cases?personId=${personId}`)
        .set(token('labour', ['officer']))
        .then((res) => res.body.items as CaseBody[]);
    const [awaiting] = await eventually(cases, (items) => items.length > 0);
    const episode = (
      await step(awaiting!.id, 'registration', officer, { modality: 'voluntary-home' })
    ).opened!;
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
    const postRehab = completed.opened!;
    await step(postRehab.id, 'post-rehab/file', officer, {});
    const decisionOn = day;
    await step(postRehab.id, 'post-rehab/decision', chairman, {});
    await step(postRehab.id, 'post-rehab/support-needs', officer, { need: 'vocational-training' });

    // The need is in the commune's queue, with the need the treatment service recorded.
    const labour = token('labour', ['officer']);
    const queued = async (status: string) =>
      (
        await work()
          .get(`/vocational/v1/needs?unitCode=${unitCode}&status=${status}&limit=200`)
          .set(labour)
      ).body.items as {
        personId: string;
        fullName?: string;
        daysWaited: number;
        needs: string[];
      }[];
    const [waiting] = await eventually(
      async () => (await queued('waiting')).filter((item) => item.personId === personId),
      (items) => items.length === 1 && items[0]!.needs.includes('vocational-training'),
      30_000,
    );
    expect(waiting).toMatchObject({ fullName: 'Phạm Thị Xuân', daysWaited: 0 });
    const file = await vocational.deps.files.get(personId);
    expect(file?.completions).toEqual([
      expect.objectContaining({ kind: 'voluntary-rehab', sourceId: episode.id }),
    ]);
    expect(file?.episodes[0]).toMatchObject({ episodeId: postRehab.id, decisionOn });

    // Ten days later the person is trained, then placed in a job.
    moveTo(addDays(decisionOn, 10));
    expect((await queued('waiting')).find((item) => item.personId === personId)?.daysWaited).toBe(
      10,
    );
    const course = await work()
      .post('/vocational/v1/courses')
      .set(labour)
      .send(courseBody(3, { unitCode, startsOn: day, endsOn: addDays(day, 60), capacity: 10 }));
    expect(course.status, JSON.stringify(course.body)).toBe(201);
    const enrolment = await work()
      .post(`/vocational/v1/courses/${course.body.id}/enrolments`)
      .set(labour)
      .send({ personId });
    expect(enrolment.status, JSON.stringify(enrolment.body)).toBe(201);
    moveTo(addDays(day, 60));
    const outcome = await work()
      .post(`/vocational/v1/courses/${course.body.id}/enrolments/${enrolment.body.id}/outcome`)
      .set(labour)
      .send({ status: 'completed', certificate: 'CC-2026/001' });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    const placement = await work()
      .post('/vocational/v1/placements')
      .set(labour)
      .send(placementBody(3, personId, day));
    expect(placement.status, JSON.stringify(placement.body)).toBe(201);

    expect((await queued('waiting')).some((item) => item.personId === personId)).toBe(false);
    expect((await queued('supported')).some((item) => item.personId === personId)).toBe(true);

    // The registry shows the support history on the person's timeline, without the trainer's name.
    const shown = await eventually(
      () =>
        reg()
          .get(`/registry/v1/persons/${personId}`)
          .set(registry.bearer())
          .then(
            (res) =>
              res.body as {
                timeline: { kind: string; summary: string; details: { supportKind?: string } }[];
              },
          ),
      (body) => body.timeline.filter((entry) => entry.kind === 'vocational-support').length >= 3,
      30_000,
    );
    const support = shown.timeline.filter((entry) => entry.kind === 'vocational-support');
    expect(support.map((entry) => entry.details.supportKind)).toEqual([
      'training',
      'training',
      'job-placement',
    ]);
    expect(support.map((entry) => entry.summary)).toContain('Vocational training (completed)');

    // Reporting counts the support from the events, without names: the commune's persons
    // supported after rehab in the year, and the share of those with a need.
    const figure = (items: { id: string; value: unknown }[], id: string) =>
      items.find((item) => item.id === id)?.value;
    const figures = await eventually(
      () =>
        request(reporting.app)
          .get(`/reporting/v1/indicators?period=${day.slice(0, 4)}&unitCode=${unitCode}`)
          .set(token('police', ['analyst']))
          .then((res) => (res.body as { items?: { id: string; value: unknown }[] }).items ?? []),
      (items) => Number(figure(items, 'post-rehab-supported') ?? 0) >= 1,
      60_000,
    );
    expect(Number(figure(figures, 'post-rehab-supported'))).toBeGreaterThanOrEqual(1);
    expect(Number(figure(figures, 'post-rehab-supported-share'))).toBeGreaterThan(0);

    // The follow-up at 3 months appears in the work queue when it is due.
    moveTo(addDays(day, 92));
    const due = await work().get(`/vocational/v1/needs?unitCode=${unitCode}`).set(labour);
    expect(
      (due.body.followUpsDue as { placementId: string; months: number }[]).filter(
        (item) => item.placementId === placement.body.id,
      ),
    ).toEqual([expect.objectContaining({ months: 3 })]);
  }, 180_000);
});
