import request from 'supertest';
import { addDays, addYears, todayIn } from '@rehab/domain-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personBody, startRegistry, type RegistryUnderTest } from './support.ts';

let registry: RegistryUnderTest;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.stop();
});

const api = () => request(registry.service.app);
const today = todayIn();
const daysAgo = (n: number) => addDays(today, -n);

async function register(unitCode = '99003') {
  const res = await api()
    .post('/registry/v1/persons')
    .set(registry.bearer())
    .send(personBody({ residence: { unitCode, address: 'Thôn Đông' } }));
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('drug-use detections and the management term (Law 73/2021 Art. 23)', () => {
  it('opens a 1-year management decision from the decision date', async () => {
    const id = await register();
    const res = await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({
        detectedAt: daysAgo(10),
        sample: 'urine',
        substances: ['methamphetamine'],
        decisionDate: daysAgo(9),
      });
    expect(res.status).toBe(201);
    expect(res.body.management.status).toBe('active');
    expect(res.body.management.current.termEndsOn).toBe(addYears(daysAgo(9), 1));
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toContain('management-decided');
  });

  it('answers 422 naming detectedAt and the earliest regime for a detection before every law the rulebook knows, and records nothing', async () => {
    const id = await register();
    const res = await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({
        detectedAt: '2019-07-01',
        sample: 'urine',
        substances: ['heroin'],
        decisionDate: daysAgo(30),
      });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('no-regime-in-force');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'detectedAt' })]);
    expect(res.body.detail ?? res.body.title).toContain('2022-01-01');
    const person = await api().get(`/registry/v1/persons/${id}`).set(registry.bearer());
    expect(person.headers.etag).toBe('"1"');
  });

  it('renews with a fresh 1-year term when use is detected again during management', async () => {
    const id = await register();
    await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(100), sample: 'urine', substances: ['heroin'] });
    const renewed = await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(5), sample: 'blood', substances: ['heroin'] });
    expect(renewed.body.management.current.termEndsOn).toBe(addYears(daysAgo(5), 1));
    expect(renewed.body.management.current.renewsDecisionId).toBe(
      renewed.body.managementHistory[0].id,
    );
  });

  it('refuses a decision before the test and a future test, writing nothing', async () => {
    const id = await register();
    const before = await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({
        detectedAt: daysAgo(3),
        decisionDate: daysAgo(4),
        sample: 'urine',
        substances: ['ats'],
      });
    expect(before.status).toBe(422);
    expect(before.body.code).toBe('decision-before-detection');
    const future = await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: addDays(today, 2), sample: 'urine', substances: ['ats'] });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('detectedAt');
    const empty = await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(1), sample: 'urine', substances: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('substances');
    const read = await api().get(`/registry/v1/persons/${id}`).set(registry.bearer());
    expect(read.body.version).toBe(1);
    expect(read.body.management.status).toBe('none');
  });
});

describe('management list and movements', () => {
  it('lists who is under management in a commune on a date; terms end by themselves after a year', async () => {
    const unit = '99006';
    const current = await register(unit);
    const expired = await register(unit);
    await api()
      .post(`/registry/v1/persons/${current}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(20), sample: 'urine', substances: ['cannabis'] });
    await api()
      .post(`/registry/v1/persons/${expired}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(400), sample: 'urine', substances: ['cannabis'] });
    const now = await api()
      .get(`/registry/v1/management-list?unitCode=${unit}`)
      .set(registry.bearer());
    expect(now.status).toBe(200);
    const ids = now.body.items.map((i: { person: { id: string } }) => i.person.id);
    expect(ids).toContain(current);
    expect(ids).not.toContain(expired);
    // The list is a read of each person on it: the trail names the operation for each.
    const trail = await api()
      .get(`/registry/v1/audit?personId=${current}`)
      .set(registry.bearer({ agency: 'it', roles: ['auditor'], orgUnit: '99' }));
    expect(trail.body.items.map((entry: { operation: string }) => entry.operation)).toContain(
      'management-list.read',
    );
    const then = await api()
      .get(`/registry/v1/management-list?unitCode=${unit}&asOf=${daysAgo(300)}`)
      .set(registry.bearer());
    expect(then.body.items.map((i: { person: { id: string } }) => i.person.id)).toContain(expired);
    expect(then.body.items[0].termEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('moves the remaining term to the new commune with a file-transfer deadline', async () => {
    const id = await register('99001');
    await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(30), sample: 'urine', substances: ['heroin'] });
    const moved = await api()
      .post(`/registry/v1/persons/${id}/movements`)
      .set(registry.bearer())
      .send({
        kind: 'residence-change',
        effectiveOn: daysAgo(2),
        toUnitCode: '99002',
        address: 'Tổ 5, phường Hòa Thuận',
      });
    expect(moved.status).toBe(201);
    expect(moved.body.residence.unitCode).toBe('99002');
    expect(moved.body.management.status).toBe('active');
    expect(moved.body.management.current.termEndsOn).toBe(addYears(daysAgo(30), 1));
    const newList = await api()
      .get('/registry/v1/management-list?unitCode=99002')
      .set(registry.bearer());
    expect(newList.body.items.map((i: { person: { id: string } }) => i.person.id)).toContain(id);
    const oldList = await api()
      .get('/registry/v1/management-list?unitCode=99001')
      .set(registry.bearer());
    expect(oldList.body.items.map((i: { person: { id: string } }) => i.person.id)).not.toContain(
      id,
    );
    expect(
      moved.body.timeline.find((e: { kind: string }) => e.kind === 'movement-residence-change')
        .details.fileTransferDueBy,
    ).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['imprisonment', 'imprisoned'],
    ['death', 'died'],
    ['declared-missing', 'declared-missing'],
  ])('stops management on %s with reason %s', async (kind, reason) => {
    const id = await register();
    await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(30), sample: 'urine', substances: ['heroin'] });
    const res = await api()
      .post(`/registry/v1/persons/${id}/movements`)
      .set(registry.bearer())
      .send({ kind, effectiveOn: daysAgo(1) });
    expect(res.status).toBe(201);
    expect(res.body.management.status).toBe('stopped');
    expect(res.body.management.stopReason).toBe(reason);
  });
});

describe('determination referrals (Law 73/2021 Art. 27)', () => {
  it('refers a renewed managed user for repeat use, and refuses repeat use without it', async () => {
    const id = await register();
    const refused = await api()
      .post(`/registry/v1/persons/${id}/determination-referrals`)
      .set(registry.bearer())
      .send({ reason: 'repeat-use' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('referral-not-justified');
    await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(60), sample: 'urine', substances: ['heroin'] });
    await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: daysAgo(3), sample: 'urine', substances: ['heroin'] });
    const ok = await api()
      .post(`/registry/v1/persons/${id}/determination-referrals`)
      .set(registry.bearer())
      .send({ reason: 'repeat-use', note: 'Tái sử dụng trong thời gian quản lý' });
    expect(ok.status).toBe(201);
    expect(ok.body.referrals[0]).toEqual(
      expect.objectContaining({ reason: 'repeat-use', mandatory: true }),
    );
    const bad = await api()
      .post(`/registry/v1/persons/${id}/determination-referrals`)
      .set(registry.bearer())
      .send({ reason: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('reason');
  });
});

describe('concurrent writes', () => {
  it('records every one of 12 concurrent detections on one person: none lost, one event each', async () => {
    const id = await register();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api()
          .post(`/registry/v1/persons/${id}/drug-use-detections`)
          .set(registry.bearer())
          .send({
            detectedAt: daysAgo(50 - i),
            decisionDate: daysAgo(30),
            sample: 'urine',
            substances: [`substance-${i}`],
          }),
      ),
    );
    const created = results.filter((res) => res.status === 201).length;
    const read = await api().get(`/registry/v1/persons/${id}`).set(registry.bearer());
    expect(created).toBe(12);
    expect(read.body.version).toBe(13);
    expect(read.body.managementHistory).toHaveLength(12);
    await registry.service.relay.drainOnce();
    const stored = await registry.service.platform.connection
      .collection('persons')
      .findOne({ _id: id } as never);
    expect(stored?.outbox).toEqual([]);
    expect(stored?.version).toBe(13);
  });
});
