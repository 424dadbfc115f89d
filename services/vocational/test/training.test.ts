// Courses and enrolments: the capacity is never exceeded, even by 30 enrolments at once (one
// claim per place, an insert against its unique key); the outcome is recorded once.
import { supportGiven } from '@rehab/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseBody } from '../../../libs/testing/src/payloads/vocational.ts';
import { startVocational, type VocationalHarness } from './support.ts';

let h: VocationalHarness;

beforeAll(async () => {
  h = await startVocational({ today: '2026-08-03' });
});
afterAll(async () => {
  await h?.stop();
});

const course = async (input: Partial<Parameters<typeof courseBody>[1]> = {}) => {
  const res = await h
    .api()
    .post('/vocational/v1/courses')
    .set(h.as())
    .send(
      courseBody(1, { unitCode: '99003', startsOn: '2026-08-10', endsOn: '2026-11-10', ...input }),
    );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; capacity: number };
};
const enrol = (courseId: string, personId: string) =>
  h.api().post(`/vocational/v1/courses/${courseId}/enrolments`).set(h.as()).send({ personId });

describe('courses', () => {
  it('registers a course with Vietnamese text intact', async () => {
    const created = await course();
    const read = await h.api().get(`/vocational/v1/courses/${created.id}`).set(h.as());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: 'Sửa chữa xe máy', capacity: 20, enrolled: 0 });
    const list = await h.api().get('/vocational/v1/courses?unitCode=99003').set(h.as());
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.id);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const noCapacity = await h
      .api()
      .post('/vocational/v1/courses')
      .set(h.as())
      .send({
        ...courseBody(1, { unitCode: '99003', startsOn: '2026-08-10', endsOn: '2026-11-10' }),
        capacity: 0,
      });
    expect(noCapacity.status).toBe(400);
    expect(JSON.stringify(noCapacity.body)).toContain('capacity');
    const backwards = await h
      .api()
      .post('/vocational/v1/courses')
      .set(h.as())
      .send(courseBody(1, { unitCode: '99003', startsOn: '2026-08-10', endsOn: '2026-08-09' }));
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({
      code: 'date-out-of-order',
      errors: [expect.objectContaining({ field: 'endsOn' })],
    });
    const count = await h.service.platform.connection
      .collection('courses')
      .countDocuments({ endsOn: '2026-08-09' });
    expect(count).toBe(0);
  });

  it('lets only the labour sector register courses', async () => {
    const res = await h
      .api()
      .post('/vocational/v1/courses')
      .set(h.as({ agency: 'commune', orgUnit: '99003' }))
      .send(courseBody(1, { unitCode: '99003', startsOn: '2026-08-10', endsOn: '2026-11-10' }));
    expect(res.status).toBe(403);
  });
});

describe('enrolments', () => {
  it('never exceeds the capacity under 30 concurrent enrolments', async () => {
    const { id } = await course({ capacity: 7 });
    const persons = await Promise.all(Array.from({ length: 30 }, () => h.knownPerson()));
    const answers = await Promise.all(persons.map((personId) => enrol(id, personId)));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(7);
    expect(statuses.filter((status) => status === 409)).toHaveLength(23);
    expect(answers.find((res) => res.status === 409)?.body).toMatchObject({ code: 'course-full' });
    const list = await h.api().get(`/vocational/v1/courses/${id}/enrolments`).set(h.as());
    expect(list.body.items).toHaveLength(7);
    expect(list.body.items.map((item: { seat: number }) => item.seat)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('enrols a person once however often the request is sent, even at once', async () => {
    const { id } = await course({ capacity: 3 });
    const personId = await h.knownPerson();
    const answers = await Promise.all(Array.from({ length: 5 }, () => enrol(id, personId)));
    const ids = new Set(answers.map((res) => res.body.id as string));
    expect(ids.size).toBe(1);
    expect(answers.filter((res) => res.status === 201)).toHaveLength(1);
    expect(answers.filter((res) => res.status === 200)).toHaveLength(4);
    const read = await h.api().get(`/vocational/v1/courses/${id}`).set(h.as());
    expect(read.body.enrolled).toBe(1);
  });

  it('publishes the training as a support, and answers the waiting need', async () => {
    const { id } = await course();
    const { personId } = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: '2026-07-02',
    });
    const res = await enrol(id, personId);
    expect(res.status).toBe(201);
    const [event] = await h.published.waitFor(
      (candidate) => candidate.subject === personId && candidate.type === supportGiven.type,
    );
    expect(event?.data).toMatchObject({
      kind: 'training',
      status: 'enrolled',
      unitCode: '99003',
      on: '2026-08-03',
    });
    expect((await h.service.deps.files.get(personId))?.status).toBe('supported');
  });

  it('refuses an unknown person (422 naming personId), an unknown course (404) and an ended course', async () => {
    const { id } = await course({ startsOn: '2026-05-01', endsOn: '2026-08-02' });
    const unknown = await enrol(id, '01900000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      code: 'person-unknown',
      errors: [expect.objectContaining({ field: 'personId' })],
    });
    const personId = await h.knownPerson();
    const ended = await enrol(id, personId);
    expect(ended.status).toBe(422);
    expect(ended.body.code).toBe('course-ended');
    const missing = await enrol('01900000-0000-7000-8000-000000000001', personId);
    expect(missing.status).toBe(404);
  });

  it('records the outcome once: completed with a certificate, then refuses another', async () => {
    const { id } = await course();
    const personId = await h.knownPerson();
    const enrolment = (await enrol(id, personId)).body as { id: string };
    const outcome = (body: object, headers: Record<string, string> = {}) =>
      h
        .api()
        .post(`/vocational/v1/courses/${id}/enrolments/${enrolment.id}/outcome`)
        .set({ ...h.as(), ...headers })
        .send(body);
    const stale = await outcome({ status: 'completed' }, { 'If-Match': '"7"' });
    expect(stale.status).toBe(412);
    const bad = await outcome({ status: 'graduated' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const done = await outcome(
      { status: 'completed', certificate: 'CC-2026/015' },
      { 'If-Match': '"1"' },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: { certificate: 'CC-2026/015', on: '2026-08-03' },
    });
    const again = await outcome({ status: 'dropped' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('enrolment-outcome-recorded');
    const [event] = await h.published.waitFor(
      (candidate) =>
        candidate.subject === personId &&
        (candidate.data as { status?: string }).status === 'completed',
    );
    expect(event?.data).toMatchObject({ kind: 'training', supportId: enrolment.id });
  });
});

describe('documents', () => {
  it('serves OpenAPI with every route and AsyncAPI with vocational.support.v1', async () => {
    const openApi = await h.api().get('/vocational/openapi.json');
    expect(openApi.status).toBe(200);
    const paths = Object.keys(openApi.body.paths as object);
    for (const path of [
      '/vocational/v1/needs',
      '/vocational/v1/persons/{personId}/counselling',
      '/vocational/v1/courses/{id}/enrolments',
      '/vocational/v1/courses/{id}/enrolments/{enrolmentId}/outcome',
      '/vocational/v1/placements/{id}/follow-ups',
      '/vocational/v1/loan-eligibility',
      '/vocational/v1/loan-lists/{id}/certify',
      '/vocational/v1/loans',
      '/vocational/v1/employer-loans',
    ]) {
      expect(paths).toContain(path);
    }
    const asyncApi = await h.api().get('/vocational/asyncapi.json');
    expect(asyncApi.status).toBe(200);
    expect(JSON.stringify(asyncApi.body)).toContain('vocational.support.given.v1');
  });
});
