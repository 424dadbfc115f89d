// Post-rehab management over HTTP on the real stack (Law 73/2021/QH14 Art. 27, 32, 40, 43;
// Decree 116/2021/ND-CP Art. 77-82). Cases end rehab on 2025-09-01, so they keep the
// 2025 regimes (the commune chairman decides and certifies) whatever day the clock shows.
import { createWorkingDayCalendar, type LocalDate } from '@rehab/domain-kit';
import {
  caseChanged,
  createEventBus,
  relapseDetected,
  treatmentCaseTopic,
  type EventBus,
} from '@rehab/events';
import { collectEvents, testStackEnv, type EventCollector } from '@rehab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treatmentCatalogue } from '../src/catalogue.ts';
import { startTreatment, type TreatmentHarness } from './support.ts';

let h: TreatmentHarness;
let bus: EventBus;
let events: EventCollector;

beforeAll(async () => {
  h = await startTreatment({ today: '2025-10-01' });
  bus = createEventBus(
    { brokers: testStackEnv().kafkaBrokers, clientId: 'post-rehab-test' },
    treatmentCatalogue,
  );
  events = await collectEvents(bus, [treatmentCaseTopic.name]);
}, 60_000);
afterAll(async () => {
  await events?.stop();
  await bus?.close();
  await h?.stop();
});

const commune = (roles: string[], orgUnit = '99003') => h.as({ agency: 'commune', orgUnit, roles });
const officer = () => commune(['officer']);
const chairman = () => commune(['chairman']);
const ENDED = '2025-09-01';

/** A person the registry registered in commune 99003 (the only fact post-rehab needs). */
const person = (dateOfBirth = '1990-05-05') =>
  h.knownPerson({ dateOfBirth, fullName: 'Lê Văn Hùng' });

const openFor = (
  personId: string,
  origin = 'voluntary',
  rehabEndedOn: LocalDate = ENDED,
  token = officer(),
) =>
  h
    .api()
    .post('/treatment/v1/post-rehab-cases')
    .set(token)
    .send({ personId, origin, rehabEndedOn, sourceReference: 'GCN 15/2025' });

const step = (id: string, path: string, body: object, token = officer()) =>
  h.api().post(`/treatment/v1/cases/${id}/post-rehab/${path}`).set(token).send(body);

const read = (id: string) => h.api().get(`/treatment/v1/cases/${id}`).set(officer());

/** A person under management from a decision on 2025-09-05. */
async function managed(origin = 'voluntary', dateOfBirth = '1990-05-05') {
  const personId = await person(dateOfBirth);
  const opened = await openFor(personId, origin);
  expect(opened.status).toBe(201);
  const id = opened.body.id as string;
  if (opened.body.state === 'awaiting-report') {
    expect((await step(id, 'report-in', { on: '2025-09-03' })).status).toBe(200);
  }
  expect((await step(id, 'file', { on: '2025-09-04' })).status).toBe(200);
  const decided = await step(id, 'decision', { on: '2025-09-05' }, chairman());
  expect(decided.status).toBe(200);
  return { personId, id, decided };
}

describe('post-rehab management (Law 73/2021/QH14 Art. 40; Decree 116/2021 Art. 77-82)', () => {
  it('opens, files and decides a 1-year term, assigns a helper, records contacts and a support need, refuses completion before the term ends and certifies it after (form 54)', async () => {
    h.setToday('2025-10-01');
    const personId = await person();
    const opened = await openFor(personId);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      kind: 'post-rehab',
      state: 'awaiting-file',
      unitCode: '99003',
      origin: 'voluntary',
      // 3 working days; 1-2 September 2025 are the National Day holiday.
      fileDueBy: createWorkingDayCalendar().addWorkingDays(ENDED, 3),
    });
    const resent = await openFor(personId);
    expect(resent.status).toBe(200);
    expect(resent.body.id).toBe(opened.body.id);
    const id = opened.body.id as string;

    expect((await step(id, 'file', { on: '2025-09-03' })).body.state).toBe('awaiting-decision');
    const decided = await step(id, 'decision', { on: '2025-09-04' }, chairman());
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      state: 'under-management',
      term: { startsOn: '2025-09-04', endsOn: '2026-09-04', extensionDays: 0 },
    });
    expect(
      (await step(id, 'helper', { helperId: 'tnv-0301', on: '2025-09-10' })).body.helper,
    ).toEqual({
      id: 'tnv-0301',
      assignedOn: '2025-09-10',
    });
    expect((await step(id, 'contacts', { on: '2025-09-15' })).status).toBe(200);
    expect((await step(id, 'tests', { on: '2025-09-20', result: 'negative' })).status).toBe(200);
    const need = await step(id, 'support-needs', { need: 'vocational-training' });
    expect(need.body.supportNeeds).toEqual([
      { need: 'vocational-training', recordedOn: '2025-10-01' },
    ]);
    await events.waitFor(
      (event) =>
        event.subject === personId &&
        event.type === caseChanged.type &&
        (event.data as { step?: string }).step === 'record-support-need',
    );

    // The commune's list shows the case; reading it is a read of the person, in the trail.
    const listed = await h
      .api()
      .get('/treatment/v1/post-rehab-cases?unitCode=99003')
      .set(h.as({ agency: 'labour', orgUnit: '99', roles: ['officer'] }));
    expect(listed.body.items.some((item: { id: string }) => item.id === id)).toBe(true);
    const trail = await h
      .api()
      .get(`/treatment/v1/audit?personId=${personId}`)
      .set(h.as({ agency: 'it', orgUnit: '99', roles: ['auditor'] }));
    expect(trail.body.items.map((entry: { operation: string }) => entry.operation)).toContain(
      'post-rehab.list',
    );

    const before = await read(id);
    const early = await step(id, 'completion', {}, chairman());
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'term-not-ended', errors: [{ field: 'on' }] });
    expect(early.body.legalRef).toContain('Art. 40');
    const after = await read(id);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body.state).toBe('under-management');

    h.setToday('2026-09-04');
    const done = await step(id, 'completion', { certificateId: 'GCN-54/2026' }, chairman());
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      state: 'completed',
      certificate: { id: 'GCN-54/2026', form: '54', issuer: 'commune-chairman' },
    });
    const changed = await events.waitFor(
      (event) =>
        event.subject === personId &&
        event.type === caseChanged.type &&
        (event.data as { step?: string }).step === 'complete',
    );
    expect(changed[0]?.data).toMatchObject({ certificateId: 'GCN-54/2026', state: 'completed' });
    const list = await h
      .api()
      .get('/treatment/v1/post-rehab-cases?unitCode=99003')
      .set(h.as({ agency: 'labour', orgUnit: '99', roles: ['officer'] }));
    expect(list.status).toBe(200);
    expect(list.body.items.some((item: { id: string }) => item.id === id)).toBe(false);
  });

  it('extends the term by an unreported absence: completion is refused on the old end date and allowed after the extension', async () => {
    h.setToday('2025-10-20');
    const { id } = await managed();
    const noReason = await step(id, 'absences', {
      from: '2025-10-11',
      to: '2025-10-12',
      reported: true,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const absent = await step(id, 'absences', {
      from: '2025-10-01',
      to: '2025-10-10',
      reported: false,
    });
    expect(absent.status).toBe(200);
    expect(absent.body.term).toMatchObject({
      baseEndsOn: '2026-09-05',
      extensionDays: 10,
      endsOn: '2026-09-15',
    });
    h.setToday('2026-09-05');
    expect((await step(id, 'completion', {}, chairman())).body.code).toBe('term-not-ended');
    h.setToday('2026-09-15');
    expect((await step(id, 'completion', {}, chairman())).body.state).toBe('completed');
  });

  it('lets a helper help at most 2 persons, also when two assignments arrive together', async () => {
    h.setToday('2025-10-01');
    const cases = [await managed(), await managed(), await managed()];
    const [first, second, third] = cases.map((kase) => kase.id) as [string, string, string];
    expect((await step(first, 'helper', { helperId: 'tnv-cap' })).status).toBe(200);
    const together = await Promise.all([
      step(second, 'helper', { helperId: 'tnv-cap' }),
      step(third, 'helper', { helperId: 'tnv-cap' }),
    ]);
    expect(together.map((res) => res.status).sort()).toEqual([200, 422]);
    const refused = together.find((res) => res.status === 422);
    expect(refused?.body).toMatchObject({ code: 'helper-at-capacity' });
    expect(refused?.body.legalRef).toContain('Decree 116/2021');
  });

  it('turns a positive test into a relapse: relapseDetected on treatment.case.v1 and, for an adult, the compulsory case (Art. 27, 32)', async () => {
    h.setToday('2025-10-01');
    const { personId, id } = await managed('compulsory-adult');
    const relapsed = await step(id, 'tests', { on: '2025-09-30', result: 'positive' });
    expect(relapsed.status).toBe(200);
    expect(relapsed.body.state).toBe('relapsed');
    expect(relapsed.body.opened).toMatchObject({
      kind: 'compulsory',
      personId,
      trigger: { kind: 'relapse-during-post-rehab' },
    });
    const [detected] = await events.waitFor(
      (event) => event.subject === personId && event.type === relapseDetected.type,
    );
    expect(detected?.data).toMatchObject({
      caseId: id,
      personId,
      unitCode: '99003',
      detectedOn: '2025-09-30',
    });
  });

  it('refers a relapsed minor for determination but opens no compulsory case (Art. 33 has no relapse trigger)', async () => {
    h.setToday('2025-10-01');
    const { personId, id } = await managed('compulsory-minor', '2009-01-01');
    const relapsed = await step(id, 'tests', { on: '2025-09-30', result: 'positive' });
    expect(relapsed.body.state).toBe('relapsed');
    expect(relapsed.body.opened).toBeUndefined();
    await events.waitFor(
      (event) => event.subject === personId && event.type === relapseDetected.type,
    );
    const cases = await h.api().get(`/treatment/v1/cases?personId=${personId}`).set(officer());
    expect(
      cases.body.items.filter(
        (kase: { kind: string; trigger?: { kind: string } }) =>
          kase.kind === 'compulsory' && kase.trigger?.kind === 'relapse-during-post-rehab',
      ),
    ).toEqual([]);
  });

  it('refuses another commune, an office the regime does not name, bad input and a second open case; applies a retried step once', async () => {
    h.setToday('2025-10-01');
    const personId = await person();
    expect(
      (await openFor(personId, 'voluntary', ENDED, commune(['officer'], '99001'))).status,
    ).toBe(403);
    expect((await openFor('0190a0e8-0000-7000-8000-000000000001')).body.code).toBe(
      'person-unknown',
    );
    const teen = await person('2010-03-03');
    const mismatch = await openFor(teen, 'compulsory-adult');
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({
      code: 'post-rehab-origin-age-mismatch',
      errors: [{ field: 'origin' }],
    });
    const id = (await openFor(personId)).body.id as string;
    const second = await openFor(personId, 'methadone', '2025-09-20');
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('post-rehab-already-open');

    expect((await step(id, 'file', {}, commune(['officer'], '99001'))).status).toBe(403);
    await step(id, 'file', { on: '2025-09-03' });
    const byPolice = await step(
      id,
      'decision',
      {},
      h.as({ agency: 'police', orgUnit: '99003', roles: ['commune-chief'] }),
    );
    expect(byPolice.status).toBe(422);
    expect(byPolice.body).toMatchObject({
      code: 'decision-by-wrong-actor',
      legalRef: 'Law 73/2021/QH14 Art. 40',
    });
    await step(id, 'decision', { on: '2025-09-04' }, chairman());

    const badNeed = await step(id, 'support-needs', { need: 'cash' });
    expect(badNeed.status).toBe(400);
    expect(badNeed.body.errors[0].field).toBe('need');
    const noHelper = await step(id, 'helper', {});
    expect(noHelper.status).toBe(400);
    expect(noHelper.body.errors[0].field).toBe('helperId');

    const once = () =>
      h
        .api()
        .post(`/treatment/v1/cases/${id}/post-rehab/contacts`)
        .set(officer())
        .set('Idempotency-Key', `contact-${id}`)
        .send({ on: '2025-09-20' });
    const first = await once();
    const retried = await once();
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.headers.etag).toBe(first.headers.etag);
    const timeline = (await read(id)).body.timeline as { event: string }[];
    expect(timeline.filter((entry) => entry.event === 'contact-recorded')).toHaveLength(1);

    const removed = await step(id, 'removal', { reason: 'moved-away' });
    expect(removed.body).toMatchObject({
      state: 'removed',
      removal: { on: '2025-10-01', reason: 'moved-away' },
    });
  });
});
