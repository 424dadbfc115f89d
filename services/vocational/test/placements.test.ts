// Counselling, job placements and their follow-ups at 3, 6 and 12 months in the work queue.
import { placementFollowedUp, supportGiven } from '@rehab/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counsellingBody, placementBody } from '../../../libs/testing/src/payloads/vocational.ts';
import { startVocational, type VocationalHarness } from './support.ts';

let h: VocationalHarness;

beforeAll(async () => {
  h = await startVocational({ today: '2026-08-03' });
});
afterAll(async () => {
  await h?.stop();
});

const place = (body: object) => h.api().post('/vocational/v1/placements').set(h.as()).send(body);
const followUp = (id: string, body: object) =>
  h.api().post(`/vocational/v1/placements/${id}/follow-ups`).set(h.as()).send(body);
const dueIn = async (unitCode: string, placementId: string) => {
  const res = await h.api().get(`/vocational/v1/needs?unitCode=${unitCode}`).set(h.as());
  expect(res.status).toBe(200);
  return (
    res.body.followUpsDue as { placementId: string; months: number; daysOverdue: number }[]
  ).filter((due) => due.placementId === placementId);
};

describe('counselling', () => {
  it('records a session with its Vietnamese text and publishes it without a name', async () => {
    const personId = await h.knownPerson({ fullName: 'Lò Thị Mai' });
    const res = await h
      .api()
      .post(`/vocational/v1/persons/${personId}/counselling`)
      .set(h.as())
      .send(counsellingBody('2026-08-01'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      topic: 'Tư vấn học nghề và việc làm',
      outcome: 'Đồng ý tham gia học nghề may',
    });
    const [event] = await h.published.waitFor(
      (e) => e.subject === personId && e.type === supportGiven.type,
    );
    expect(event?.data).toMatchObject({ kind: 'counselling', on: '2026-08-01', unitCode: '99003' });
    expect(JSON.stringify(event)).not.toContain('Lò Thị Mai');
    const file = await h.api().get(`/vocational/v1/persons/${personId}/support`).set(h.as());
    expect(file.body.counselling).toHaveLength(1);
  });

  it('refuses a future date, a missing topic and control characters, naming the field, writing nothing', async () => {
    const personId = await h.knownPerson();
    const future = await h
      .api()
      .post(`/vocational/v1/persons/${personId}/counselling`)
      .set(h.as())
      .send(counsellingBody('2026-08-04'));
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({
      code: 'date-in-future',
      errors: [expect.objectContaining({ field: 'on' })],
    });
    const noTopic = await h
      .api()
      .post(`/vocational/v1/persons/${personId}/counselling`)
      .set(h.as())
      .send({ on: '2026-08-01', outcome: 'x' });
    expect(noTopic.status).toBe(400);
    expect(JSON.stringify(noTopic.body)).toContain('topic');
    const control = await h
      .api()
      .post(`/vocational/v1/persons/${personId}/counselling`)
      .set(h.as())
      .send({ ...counsellingBody('2026-08-01'), outcome: 'ok\u202e' });
    expect(control.status).toBe(400);
    expect(await h.service.deps.files.get(personId)).toBeUndefined();
  });

  it('refuses a commune officer of another commune (403)', async () => {
    const personId = await h.knownPerson({ unitCode: '99004' });
    const res = await h
      .api()
      .post(`/vocational/v1/persons/${personId}/counselling`)
      .set(h.as({ agency: 'commune', orgUnit: '99003' }))
      .send(counsellingBody('2026-08-01'));
    expect(res.status).toBe(403);
  });
});

describe('job placements and follow-ups (Decision 1393/QĐ-LĐTBXH)', () => {
  it('plans follow-ups at 3, 6 and 12 months that enter the work queue when due', async () => {
    const personId = await h.knownPerson({ unitCode: '99005' });
    const res = await place(placementBody(1, personId, '2026-05-01'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.followUps.map((f: { dueOn: string }) => f.dueOn)).toEqual([
      '2026-08-01',
      '2026-11-01',
      '2027-05-01',
    ]);
    expect(res.body.employer.name).toBe('Hợp tác xã Nông nghiệp Tân Lập');
    const [event] = await h.published.waitFor(
      (e) => e.subject === personId && e.type === supportGiven.type,
    );
    expect(event?.data).toMatchObject({
      kind: 'job-placement',
      on: '2026-05-01',
      status: 'labour-contract',
    });

    expect(await dueIn('99005', res.body.id)).toEqual([
      expect.objectContaining({ months: 3, daysOverdue: 2 }),
    ]);
    expect((await dueIn('99', res.body.id)).map((due) => due.months)).toEqual([3]);
    h.setToday('2026-11-02');
    try {
      expect((await dueIn('99005', res.body.id)).map((due) => due.months)).toEqual([3, 6]);
      const first = await followUp(res.body.id, { on: '2026-11-02', stillEmployed: true });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect((await dueIn('99005', res.body.id)).map((due) => due.months)).toEqual([6]);
      const [followed] = await h.published.waitFor(
        (e) => e.subject === personId && e.type === placementFollowedUp.type,
      );
      expect(followed?.data).toMatchObject({ months: 3, stillEmployed: true });
    } finally {
      h.setToday('2026-08-03');
    }
  });

  it('needs no later follow-up once the person is no longer employed', async () => {
    const personId = await h.knownPerson();
    const { body } = await place(placementBody(2, personId, '2026-04-01', 'seasonal'));
    const res = await followUp(body.id, {
      on: '2026-07-02',
      stillEmployed: false,
      note: 'Hết mùa vụ',
    });
    expect(res.status).toBe(200);
    expect(res.body.followUps.map((f: { cancelled?: boolean }) => f.cancelled ?? false)).toEqual([
      false,
      true,
      true,
    ]);
    expect(await dueIn('99003', body.id)).toEqual([]);
    const done = await followUp(body.id, { on: '2026-08-01', stillEmployed: true });
    expect(done.status).toBe(422);
    expect(done.body.code).toBe('follow-ups-done');
  });

  it('checks If-Match when given, and refuses a follow-up before the job started', async () => {
    const personId = await h.knownPerson();
    const { body, headers } = await place(placementBody(3, personId, '2026-07-01'));
    expect(headers.etag).toBe('"1"');
    const stale = await h
      .api()
      .post(`/vocational/v1/placements/${body.id}/follow-ups`)
      .set({ ...h.as(), 'If-Match': '"2"' })
      .send({ on: '2026-08-01', stillEmployed: true });
    expect(stale.status).toBe(412);
    const early = await followUp(body.id, { on: '2026-06-30', stillEmployed: true });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'date-out-of-order',
      errors: [expect.objectContaining({ field: 'on' })],
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const personId = await h.knownPerson();
    const badContract = await place({
      ...placementBody(4, personId, '2026-07-01'),
      contract: 'informal',
    });
    expect(badContract.status).toBe(400);
    expect(JSON.stringify(badContract.body)).toContain('contract');
    const badTax = await place({
      ...placementBody(4, personId, '2026-07-01'),
      employer: { name: 'X', taxCode: '12' },
    });
    expect(badTax.status).toBe(400);
    expect(JSON.stringify(badTax.body)).toContain('taxCode');
    const unknown = await place(
      placementBody(4, '01900000-0000-7000-8000-000000000000', '2026-07-01'),
    );
    expect(unknown.status).toBe(422);
    expect(
      await h.service.platform.connection.collection('placements').countDocuments({ personId }),
    ).toBe(0);
  });
});
