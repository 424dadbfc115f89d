// Which facility a referral goes to (the rulebook's order: the person's commune, then the
// province), and a health administrator reassigning an open determination, on the real stack.
import request from 'supertest';
import { todayIn } from '@rehab/domain-kit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFromReferralUseCase } from '../src/app/open-determination.ts';
import { startAssessment, type AssessmentUnderTest } from './support.ts';

let assessment: AssessmentUnderTest;
const today = todayIn();
const api = () => request(assessment.service.app);
const facilities: Record<string, string> = {};

beforeAll(async () => {
  assessment = await startAssessment();
  // One facility in commune 99001, one elsewhere in province 99, one in commune 99003.
  for (const [key, unitCode] of [
    ['commune', '99001'],
    ['province', '99002'],
    ['other', '99003'],
  ] as const) {
    const res = await api()
      .post('/assessment/v1/facilities')
      .set(assessment.bearer())
      .send({
        name: `Cơ sở điều trị ${key}`,
        unitCode,
        certifiedFrom: '2024-01-01',
        certifiedTo: '2030-12-31',
      });
    expect(res.status).toBe(201);
    facilities[key] = res.body.id as string;
  }
});
afterAll(async () => {
  await assessment?.stop();
});

async function referred(residenceUnitCode: string) {
  const personId = uuidv7();
  await assessment.service.deps.persons.upsert({
    id: personId,
    fullName: 'Lò Văn Thắng',
    dateOfBirth: '1992-02-02',
    sex: 'male',
    residenceUnitCode,
  });
  return openFromReferralUseCase(
    assessment.service.deps,
    { agency: 'health', orgUnit: '99', sub: 'assessment-service' },
    {
      referralId: uuidv7(),
      personId,
      reason: 'repeat-use',
      mandatory: true,
      referredOn: today,
      referringUnitCode: '99',
    },
  );
}

describe('assignment of a referral by the rule', () => {
  it("goes to the facility certified in the person's commune", async () => {
    const d = await referred('99003');
    expect(d.facilityId).toBe(facilities.other);
    expect(d.facilityHistory).toEqual([
      { facilityId: facilities.other, assignedOn: today, basis: 'commune' },
    ]);
  });

  it('falls back to the province when the commune has none', async () => {
    const d = await referred('99004');
    // The earliest certified in the province (all three share a date: then by name).
    expect(d.facilityHistory?.[0]).toMatchObject({ basis: 'province' });
    expect(Object.values(facilities)).toContain(d.facilityId);
  });
});

describe('POST /assessment/v1/determinations/{id}/facility', () => {
  const reassign = (id: string, body: unknown, claims = {}) =>
    api()
      .post(`/assessment/v1/determinations/${id}/facility`)
      .set(assessment.bearer(claims))
      .send(body as object);

  it('moves an open determination, keeps both facilities and counts time from the first', async () => {
    const d = await referred('99001');
    expect(d.facilityId).toBe(facilities.commune);
    const res = await reassign(d.id, {
      facilityId: facilities.province,
      reason: 'Cơ sở xã đang quá tải; chuyển về Trung tâm Y tế tỉnh',
    });
    expect(res.status).toBe(200);
    expect(res.body.facilityId).toBe(facilities.province);
    expect(res.body.firstAssignedOn).toBe(today);
    expect(res.body.facilityHistory).toEqual([
      { facilityId: facilities.commune, assignedOn: today, basis: 'commune' },
      {
        facilityId: facilities.province,
        assignedOn: today,
        basis: 'reassigned',
        reason: 'Cơ sở xã đang quá tải; chuyển về Trung tâm Y tế tỉnh',
        by: 'health-admin',
      },
    ]);
    const read = await api().get(`/assessment/v1/determinations/${d.id}`).set(assessment.bearer());
    expect(read.body.facilityHistory).toHaveLength(2);
  });

  it('answers 422 for the facility it already has, and changes nothing', async () => {
    const d = await referred('99001');
    const res = await reassign(d.id, { facilityId: d.facilityId, reason: 'Không đổi' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('same-facility');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'facilityId' })]);
    const read = await api().get(`/assessment/v1/determinations/${d.id}`).set(assessment.bearer());
    expect(read.body.version).toBe(1);
  });

  it('answers 400 naming the field for a missing reason or a bad id, and 404 for no facility', async () => {
    const d = await referred('99001');
    const noReason = await reassign(d.id, { facilityId: facilities.province });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const controlChars = await reassign(d.id, {
      facilityId: facilities.province,
      reason: 'quá tải\u0007',
    });
    expect(controlChars.status).toBe(400);
    const unknown = await reassign(d.id, { facilityId: uuidv7(), reason: 'Chuyển' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'facilityId' })]);
    const read = await api().get(`/assessment/v1/determinations/${d.id}`).set(assessment.bearer());
    expect(read.body.facilityHistory).toHaveLength(1);
  });

  it('is for health administrators only', async () => {
    const d = await referred('99001');
    const res = await reassign(
      d.id,
      { facilityId: facilities.province, reason: 'Chuyển' },
      { sub: 'doctor-1', roles: ['doctor'] },
    );
    expect(res.status).toBe(403);
  });
});
