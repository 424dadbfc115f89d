// Voluntary rehab and provider notices on the real stack, under LAW-2021 (cases opened in
// January 2025): home and facility episodes to their certificates and post-rehab
// management, refusals naming the rule with nothing written, violations opening the
// compulsory case once, who may act where, and the 5-working-day notice in the work queue.
import { addDays, createWorkingDayCalendar } from '@rehab/domain-kit';
import {
  caseChanged,
  createEvent,
  createEventBus,
  determinationConcluded,
  type EventBus,
} from '@rehab/events';
import { collectEvents, eventually, testStackEnv, type EventCollector } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treatmentCatalogue } from '../src/catalogue.ts';
import { startTreatment, type TreatmentHarness } from './support.ts';

type Body = Record<string, unknown> & { id: string; version: number; state: string };
type Auth = { Authorization: string };

let h: TreatmentHarness;
let bus: EventBus;
let events: EventCollector;
const calendar = createWorkingDayCalendar();

beforeAll(async () => {
  h = await startTreatment({ today: '2025-01-15' });
  bus = createEventBus(
    { brokers: testStackEnv().kafkaBrokers, clientId: 'voluntary-test' },
    treatmentCatalogue,
  );
  events = await collectEvents(bus, ['treatment.case.v1']);
});
afterAll(async () => {
  await events?.stop();
  await bus?.close();
  await h?.stop();
});

const commune = (roles = ['officer'], orgUnit = '99003') =>
  h.as({ agency: 'commune', orgUnit, roles });
const chairman = () => commune(['chairman']);
const facility = (roles = ['director']) => h.as({ agency: 'facility', orgUnit: '99', roles });
const police = (roles: string[]) => h.as({ agency: 'police', orgUnit: '99003', roles });
const reader = () => h.as({ agency: 'labour', orgUnit: '99', roles: ['officer'] });

const step = (id: string, path: string, auth: Auth, body: object, key?: string) => {
  const call = h.api().post(`/treatment/v1/cases/${id}/voluntary/${path}`).set(auth);
  return (key ? call.set('Idempotency-Key', key) : call).send(body);
};
const read = async (id: string) =>
  (await h.api().get(`/treatment/v1/cases/${id}`).set(reader())).body as Body;
const casesOf = async (personId: string) =>
  (await h.api().get(`/treatment/v1/cases?personId=${personId}`).set(reader())).body
    .items as Body[];
/** The whole queue of a commune, every page (other files' cases share the commune). */
const dueIn = async (unitCode = '99003') => {
  const items: { caseId: string; what: string; overdue: boolean }[] = [];
  for (let cursor: string | undefined; ;) {
    const query = `unitCode=${unitCode}&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await h.api().get(`/treatment/v1/due?${query}`).set(commune())).body;
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
};

/** A person the registry knows, with no "addicted" result (a registration received directly). */
const knownPerson = () => h.knownPerson({ dateOfBirth: '1990-03-02', fullName: 'Lê Văn Hùng' });

/** The assessment's "addicted" result for a person, notified on 2025-01-14. */
const addictedResult = (personId: string) =>
  createEvent(determinationConcluded, {
    source: 'assessment',
    subject: personId,
    actor: { agency: 'health', orgUnit: '99', sub: 'doctor' },
    data: {
      determinationId: uuidv7(),
      conclusionId: uuidv7(),
      personId,
      result: 'addicted',
      substanceClass: 'opioid',
      concludedOn: '2025-01-14',
      notifiedOn: '2025-01-14',
      facilityId: uuidv7(),
      origin: 'referral',
    },
  });

/**
 * An addicted person registered at the commune for `modality`: their episode. The result is
 * published once the person is projected (the harness publishes both at once, and a result
 * parked while the person's event is being projected can be left parked).
 */
async function episodeFromResult(modality: 'voluntary-home' | 'voluntary-facility') {
  const personId = await knownPerson();
  await h.publisher.publish([addictedResult(personId)]);
  const [awaiting] = await eventually(
    () => casesOf(personId),
    (items) => items.length > 0,
    20_000,
  );
  const registered = await h
    .api()
    .post(`/treatment/v1/cases/${awaiting!.id}/registration`)
    .set(commune())
    .send({ modality });
  expect(registered.status).toBe(200);
  expect(registered.body.opened).toMatchObject({ kind: modality });
  const episode = (await casesOf(personId)).find((kase) => kase.kind === modality);
  return { personId, registrationCaseId: awaiting!.id, episode: episode! };
}

async function recordStages(id: string, auth: Auth, stages: [string, string, string][]) {
  for (const [stage, startedOn, on] of stages) {
    const res = await step(id, 'stages', auth, { stage, startedOn, on });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}
const firstThree: [string, string, string][] = [
  ['reception-and-classification', '2025-01-15', '2025-01-20'],
  ['detox-and-treatment', '2025-01-21', '2025-02-20'],
  ['education-and-counselling', '2025-02-21', '2025-03-10'],
];

describe('voluntary home/community rehab (Law 73/2021/QH14 Art. 29-30; Decree 116/2021 Art. 28)', () => {
  it('runs from an addicted result through the chairman decision, three stages and the certificate (form 26a), opening post-rehab management', async () => {
    h.setToday('2025-01-15');
    const { personId, episode } = await episodeFromResult('voluntary-home');
    expect(episode).toMatchObject({
      state: 'awaiting-decision',
      regime: 'LAW-2021',
      decisionDueBy: calendar.addWorkingDays('2025-01-15', 3),
    });
    expect(await dueIn()).toContainEqual(
      expect.objectContaining({ caseId: episode.id, what: 'decide-home-rehab' }),
    );

    const decided = await step(episode.id, 'home-decision', chairman(), {
      termMonths: 6,
      responsible: { kind: 'official', id: 'can-bo-xa-01' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      state: 'in-rehab',
      decision: { by: 'commune-chairman', decidedLate: false },
    });
    expect(decided.body.term).toMatchObject({
      startsOn: '2025-01-15',
      minimumEndsOn: '2025-07-15',
      endsOn: '2025-07-15',
    });

    h.setToday('2025-03-10');
    await recordStages(episode.id, commune(), firstThree);
    const before = await read(episode.id);
    const early = await step(episode.id, 'home-completion', chairman(), {});
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'completion-before-minimum-term',
      legalRef: expect.stringContaining('Law 73/2021/QH14 Art. 30'),
    });
    expect(early.body.errors[0].field).toBe('on');
    expect((await read(episode.id)).version).toBe(before.version);

    h.setToday('2025-07-16');
    const wrongOffice = await step(episode.id, 'home-completion', police(['commune-chief']), {});
    expect(wrongOffice.status).toBe(422);
    expect(wrongOffice.body).toMatchObject({
      code: 'decision-by-wrong-actor',
      legalRef: expect.stringContaining('form 26a'),
    });
    expect((await read(episode.id)).version).toBe(before.version);

    const done = await step(episode.id, 'home-completion', chairman(), {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      state: 'completed',
      certificate: { form: '26a', issuer: 'commune-chairman', issuedOn: '2025-07-16' },
    });
    expect(done.body.opened).toMatchObject({
      kind: 'post-rehab',
      origin: 'voluntary',
      state: 'awaiting-file',
      unitCode: '99003',
    });
    expect((await casesOf(personId)).filter((kase) => kase.kind === 'post-rehab')).toHaveLength(1);
    const [changed] = await events.waitFor(
      (e) =>
        e.subject === personId &&
        e.type === caseChanged.type &&
        (e.data as { step?: string }).step === 'complete',
    );
    expect(changed?.data).toMatchObject({
      caseId: episode.id,
      certificateId: done.body.certificate.id,
      legalRef: expect.stringContaining('26a'),
    });
  });

  it('records a positive test as a violation that opens the compulsory case (used during voluntary rehab)', async () => {
    h.setToday('2025-01-15');
    const { episode } = await episodeFromResult('voluntary-home');
    await step(episode.id, 'home-decision', chairman(), {
      termMonths: 9,
      responsible: { kind: 'provider', id: 'CS-99-02' },
    });
    h.setToday('2025-02-12');
    const positive = await step(episode.id, 'violations', police(['officer']), {
      kind: 'positive-test',
      recordNumber: 'BB-0042',
    });
    expect(positive.status).toBe(200);
    expect(positive.body.violation).toMatchObject({
      kind: 'positive-test-in-rehab',
      on: '2025-02-12',
    });
    expect(positive.body.opened).toMatchObject({
      kind: 'compulsory',
      trigger: { kind: 'used-during-voluntary-rehab', violationRecordId: 'BB-0042' },
    });
  });
});

describe('voluntary facility rehab (Law 73/2021/QH14 Art. 31)', () => {
  it('takes a registration received directly by a facility once, and refuses an unknown person or a second episode', async () => {
    h.setToday('2025-01-15');
    const personId = await knownPerson();
    const register = (body: object, key?: string) => {
      const call = h.api().post('/treatment/v1/voluntary-registrations').set(facility());
      return (key ? call.set('Idempotency-Key', key) : call).send(body);
    };
    const unknown = await register({ personId: uuidv7(), modality: 'voluntary-facility' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('person-unknown');
    const home = await register({ personId, modality: 'voluntary-home' });
    expect(home.status).toBe(403);
    expect(home.body.code).toBe('not-episode-runner');

    const first = await register({ personId, modality: 'voluntary-facility' }, `reg-${personId}`);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'voluntary-facility',
      state: 'awaiting-admission',
      registeredOn: '2025-01-15',
    });
    const retried = await register({ personId, modality: 'voluntary-facility' }, `reg-${personId}`);
    expect(retried.body.id).toBe(first.body.id);
    const again = await register({ personId, modality: 'voluntary-facility' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('voluntary-episode-active');
    expect(await casesOf(personId)).toHaveLength(1);
  });

  it('records a direct registration on the case awaiting registration, so its deadline is met', async () => {
    h.setToday('2025-01-15');
    const personId = await knownPerson();
    await h.publisher.publish([addictedResult(personId)]);
    const [awaiting] = await eventually(
      () => casesOf(personId),
      (items) => items.length > 0,
      20_000,
    );
    const elsewhere = await h
      .api()
      .post('/treatment/v1/voluntary-registrations')
      .set(commune(['officer'], '99001'))
      .send({ personId, modality: 'voluntary-home' });
    expect(elsewhere.status).toBe(403);
    const direct = await h
      .api()
      .post('/treatment/v1/voluntary-registrations')
      .set(facility(['officer']))
      .send({ personId, modality: 'voluntary-facility' });
    expect(direct.status).toBe(201);
    expect(direct.body).toMatchObject({
      kind: 'voluntary-facility',
      registrationCaseId: awaiting!.id,
    });
    expect(await read(awaiting!.id)).toMatchObject({
      state: 'registered',
      registration: { on: '2025-01-15', modality: 'voluntary-facility' },
    });
    expect(await casesOf(personId)).toHaveLength(2);
  });

  it('admits within the 6-12 month range, runs five stages and has the facility director certify (form 26b)', async () => {
    h.setToday('2025-01-15');
    const { episode } = await episodeFromResult('voluntary-facility');
    const tooLong = await step(episode.id, 'facility-admission', facility(['officer']), {
      facilityId: 'CS-99-01',
      termMonths: 13,
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({
      code: 'term-out-of-range',
      legalRef: expect.stringContaining('Art. 30, 31'),
    });
    const admitted = await step(episode.id, 'facility-admission', facility(['officer']), {
      facilityId: 'CS-99-01',
      termMonths: 6,
    });
    expect(admitted.body).toMatchObject({
      state: 'in-rehab',
      version: 2,
      admission: { facilityId: 'CS-99-01' },
    });
    const noticed = await step(episode.id, 'provider-notices', facility(), { about: 'start' });
    expect(noticed.body.notices[0]).toMatchObject({
      about: 'start',
      noticedOn: '2025-01-15',
      noticeLate: false,
    });

    h.setToday('2025-07-20');
    await recordStages(episode.id, facility(['officer']), [
      ...firstThree,
      ['labour-therapy-and-vocational-training', '2025-03-11', '2025-06-10'],
      ['preparation-for-reintegration', '2025-06-11', '2025-07-15'],
    ]);
    const officer = await step(episode.id, 'facility-completion', facility(['officer']), {});
    expect(officer.status).toBe(422);
    expect(officer.body).toMatchObject({
      code: 'decision-by-wrong-actor',
      legalRef: expect.stringContaining('form 26b'),
    });
    const done = await step(episode.id, 'facility-completion', facility(), {});
    expect(done.status).toBe(200);
    expect(done.body.certificate).toMatchObject({ form: '26b', issuer: 'facility-director' });
    expect(done.body.opened).toMatchObject({ kind: 'post-rehab', origin: 'voluntary' });
    expect(done.body.due).toContainEqual(
      expect.objectContaining({ what: 'provider-notice-completion', overdue: false }),
    );
  });

  it('records quitting with a violation and opens the compulsory case once, however the request is repeated', async () => {
    h.setToday('2025-01-15');
    const { personId, episode } = await episodeFromResult('voluntary-facility');
    await step(episode.id, 'facility-admission', facility(), {
      facilityId: 'CS-99-01',
      termMonths: 12,
    });
    h.setToday('2025-02-10');
    const quit = await step(
      episode.id,
      'violations',
      facility(),
      { kind: 'quit' },
      `quit-${episode.id}`,
    );
    expect(quit.status).toBe(200);
    expect(quit.body).toMatchObject({
      state: 'violated',
      violation: { kind: 'quit-voluntary-rehab', on: '2025-02-10' },
    });
    expect(quit.body.opened).toMatchObject({
      kind: 'compulsory',
      trigger: { kind: 'quit-voluntary-rehab' },
    });
    expect(quit.body.due).toContainEqual(
      expect.objectContaining({ what: 'provider-notice-quitting' }),
    );
    const replayed = await step(
      episode.id,
      'violations',
      facility(),
      { kind: 'quit' },
      `quit-${episode.id}`,
    );
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.opened.id).toBe(quit.body.opened.id);
    const repeated = await step(episode.id, 'violations', commune(), { kind: 'quit' });
    expect(repeated.status).toBe(422);
    expect(repeated.body.code).toBe('invalid-transition');
    const compulsory = (await casesOf(personId)).filter((kase) => kase.kind === 'compulsory');
    expect(compulsory.map((kase) => kase.id)).toEqual([quit.body.opened.id]);
  });
});

describe('who may act, the notice obligation and bad input', () => {
  it('refuses a commune officer of another commune and a facility on commune steps, writing nothing', async () => {
    h.setToday('2025-01-15');
    const { episode } = await episodeFromResult('voluntary-home');
    const otherCommune = await step(episode.id, 'home-decision', commune(['chairman'], '99001'), {
      termMonths: 6,
      responsible: { kind: 'official', id: 'x' },
    });
    expect(otherCommune.status).toBe(403);
    expect(otherCommune.body.code).toBe('outside-jurisdiction');
    const facilityDecides = await step(episode.id, 'home-decision', facility(), {
      termMonths: 6,
      responsible: { kind: 'official', id: 'x' },
    });
    expect(facilityDecides.status).toBe(403);
    expect(facilityDecides.body.code).toBe('operation-not-allowed');
    await step(episode.id, 'home-decision', chairman(), {
      termMonths: 6,
      responsible: { kind: 'official', id: 'x' },
    });
    const facilityStage = await step(episode.id, 'stages', facility(), {
      stage: 'reception-and-classification',
      startedOn: '2025-01-15',
    });
    expect(facilityStage.status).toBe(403);
    expect(facilityStage.body.code).toBe('not-episode-runner');
    const otherStage = await step(episode.id, 'stages', commune(['officer'], '99001'), {
      stage: 'reception-and-classification',
      startedOn: '2025-01-15',
    });
    expect(otherStage.status).toBe(403);
    expect((await read(episode.id)).stages).toEqual([]);
  });

  it('shows a provider notice not given within 5 working days as overdue in the commune queue, then records it late', async () => {
    h.setToday('2025-01-15');
    const { episode } = await episodeFromResult('voluntary-facility');
    await step(episode.id, 'facility-admission', facility(), {
      facilityId: 'CS-99-01',
      termMonths: 6,
    });
    const dueBy = calendar.addWorkingDays('2025-01-15', 5);
    h.setToday(addDays(dueBy, 1));
    const queue = await dueIn();
    expect(queue).toContainEqual(
      expect.objectContaining({
        caseId: episode.id,
        what: 'provider-notice-start',
        overdue: true,
        dueBy,
      }),
    );
    expect(queue[0]?.overdue).toBe(true);
    const late = await step(episode.id, 'provider-notices', commune(), { about: 'start' });
    expect(late.status).toBe(200);
    expect(late.body.notices[0]).toMatchObject({ noticedOn: addDays(dueBy, 1), noticeLate: true });
    expect(late.body.timeline.at(-1)).toMatchObject({ event: 'provider-notice-start-late' });
    expect(
      (await dueIn()).filter(
        (item) => item.caseId === episode.id && item.what.startsWith('provider-notice'),
      ),
    ).toEqual([]);
  });

  it('answers a malformed body with 400 naming the field, and a future date with 422 (date-in-future, as everywhere) on `on`', async () => {
    h.setToday('2025-01-15');
    const { episode } = await episodeFromResult('voluntary-home');
    const badTerm = await step(episode.id, 'home-decision', chairman(), {
      termMonths: 'six',
      responsible: { kind: 'official', id: 'x' },
    });
    expect(badTerm.status).toBe(400);
    expect(badTerm.body.errors.map((e: { field: string }) => e.field)).toEqual(['termMonths']);
    const badKind = await step(episode.id, 'home-decision', chairman(), {
      termMonths: 6,
      responsible: { kind: 'neighbour', id: 'x' },
    });
    expect(badKind.body.errors[0].field).toBe('responsible.kind');
    const future = await step(episode.id, 'home-decision', chairman(), {
      on: '2025-01-16',
      termMonths: 6,
      responsible: { kind: 'official', id: 'x' },
    });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('date-in-future');
    expect(future.body.errors[0].field).toBe('on');
    expect((await read(episode.id)).state).toBe('awaiting-decision');
  });

  it('documents every voluntary route in the OpenAPI document with its operation', async () => {
    const spec = await h.api().get('/treatment/openapi.json');
    expect(spec.status).toBe(200);
    const paths = spec.body.paths as Record<string, { post?: { operationId?: string } }>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/treatment/v1/voluntary-registrations',
        ...[
          'home-decision',
          'facility-admission',
          'stages',
          'home-completion',
          'facility-completion',
          'violations',
          'provider-notices',
        ].map((step) => `/treatment/v1/cases/{id}/voluntary/${step}`),
      ]),
    );
    expect(paths['/treatment/v1/cases/{id}/voluntary/facility-completion']?.post?.operationId).toBe(
      'voluntary.certify-facility-completion',
    );
  });
});
