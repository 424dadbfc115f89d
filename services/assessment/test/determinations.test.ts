import request from 'supertest';
import { addDays, todayIn } from '@rehab/domain-kit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certifiedFacilityWithDoctor,
  startAssessment,
  type AssessmentUnderTest,
} from './support.ts';

let assessment: AssessmentUnderTest;
let facilityId: string;
const today = todayIn();
const daysAgo = (n: number) => addDays(today, -n);
const doctor = () => assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] });

beforeAll(async () => {
  assessment = await startAssessment();
  ({ facilityId } = await certifiedFacilityWithDoctor(assessment));
});
afterAll(async () => {
  await assessment?.stop();
});

const api = () => request(assessment.service.app);

async function voluntaryRequest(dateOfBirth = '1990-05-01') {
  const personId = uuidv7();
  await assessment.service.deps.persons.upsert({
    id: personId,
    fullName: 'Đặng Văn Hùng',
    dateOfBirth,
    sex: 'male',
    residenceUnitCode: '99001',
  });
  const res = await api()
    .post('/assessment/v1/determinations')
    .set(assessment.bearer({ roles: ['officer'] }))
    .send({ personId, facilityId, requestedOn: daysAgo(60) });
  expect(res.status).toBe(201);
  return { personId, id: res.body.id as string };
}

async function observe(id: string, criterion: string, observedOn: string, present = true) {
  const res = await api()
    .post(`/assessment/v1/determinations/${id}/observations`)
    .set(doctor())
    .send({ criterion, present, observedOn, source: 'clinical', substanceClass: 'opioid' });
  expect(res.status).toBe(201);
}

describe('facilities and assessors (Decree 109/2021)', () => {
  it('lets only health administrators register facilities, with a valid certification period', async () => {
    const police = await api()
      .post('/assessment/v1/facilities')
      .set(assessment.bearer({ agency: 'police', roles: ['officer'] }))
      .send({
        name: 'X',
        unitCode: '99001',
        certifiedFrom: '2024-01-01',
        certifiedTo: '2025-01-01',
      });
    expect(police.status).toBe(403);
    const backwards = await api().post('/assessment/v1/facilities').set(assessment.bearer()).send({
      name: 'X',
      unitCode: '99001',
      certifiedFrom: '2025-01-01',
      certifiedTo: '2024-01-01',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('invalid-certification-period');
    const list = await api().get(`/assessment/v1/facilities/${facilityId}/assessors`).set(doctor());
    expect(list.body.items[0]).toEqual(
      expect.objectContaining({ userId: 'doctor-hanh', fullName: 'BS. Trần Thị Hạnh' }),
    );
  });
});

describe('determinations', () => {
  it("lists a person's requests with id and status, and refuses a person unknown to the projection", async () => {
    const { personId, id } = await voluntaryRequest();
    const list = await api()
      .get(`/assessment/v1/determinations?personId=${personId}`)
      .set(doctor());
    expect(list.body.items).toEqual([expect.objectContaining({ id, status: 'requested' })]);
    const unknown = await api()
      .post('/assessment/v1/determinations')
      .set(assessment.bearer())
      .send({ personId: uuidv7(), facilityId });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('person-unknown');
  });

  it('concludes "addicted" when 3 of 6 criteria were present together for a month (Circular 18/2021/TT-BYT)', async () => {
    const { id, personId } = await voluntaryRequest();
    const test = await api()
      .post(`/assessment/v1/determinations/${id}/tests`)
      .set(doctor())
      .send({
        sampledAt: daysAgo(40),
        sample: 'urine',
        results: [{ substanceClass: 'opioid', positive: true }],
      });
    expect(test.status).toBe(201);
    expect(test.body.status).toBe('in-progress');
    for (const criterion of ['craving', 'tolerance', 'withdrawal']) {
      await observe(id, criterion, daysAgo(45));
      await observe(id, criterion, daysAgo(5));
    }
    const res = await api()
      .post(`/assessment/v1/determinations/${id}/conclusion`)
      .set(doctor())
      .send({ concludedOn: daysAgo(1) });
    expect(res.status).toBe(201);
    expect(res.body.result).toBe('addicted');
    expect(res.body.substanceClass).toBe('opioid');
    expect(res.body.registrationDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.notify).toBe('person');
    const document = await api()
      .get(`/assessment/v1/determinations/${id}/result-document`)
      .set(doctor());
    expect(document.body.criteriaMet.map((c: { criterion: string }) => c.criterion).sort()).toEqual(
      ['craving', 'tolerance', 'withdrawal'],
    );
    expect(document.body.assessor.fullName).toBe('BS. Trần Thị Hạnh');
    const trail = await api()
      .get(`/assessment/v1/audit?personId=${personId}`)
      .set(assessment.bearer({ agency: 'it', roles: ['auditor'], orgUnit: '99' }));
    expect(trail.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'read',
          operation: 'determination.read',
          actor: expect.objectContaining({ sub: 'doctor-hanh' }),
        }),
      ]),
    );
  });

  it('refuses a contradicting result without a clinical override reason, and a second conclusion without superseding', async () => {
    const { id } = await voluntaryRequest();
    await observe(id, 'craving', daysAgo(10));
    const contradicting = await api()
      .post(`/assessment/v1/determinations/${id}/conclusion`)
      .set(doctor())
      .send({ concludedOn: daysAgo(1), result: 'addicted', substanceClass: 'ats' });
    expect(contradicting.status).toBe(422);
    expect(contradicting.body.code).toBe('conclusion-contradicts-criteria');
    const first = await api()
      .post(`/assessment/v1/determinations/${id}/conclusion`)
      .set(doctor())
      .send({ concludedOn: daysAgo(1) });
    expect(first.body.result).toBe('not-addicted');
    const second = await api()
      .post(`/assessment/v1/determinations/${id}/conclusion`)
      .set(doctor())
      .send({ concludedOn: daysAgo(1) });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('already-concluded');
    const correction = await api()
      .post(`/assessment/v1/determinations/${id}/conclusion`)
      .set(doctor())
      .send({
        concludedOn: today,
        result: 'addicted',
        substanceClass: 'ats',
        overrideReason: 'Hội chứng cai rõ rệt khi khám lại',
        supersedes: { conclusionId: first.body.conclusionId, reason: 'Khám lại' },
      });
    expect(correction.status).toBe(201);
    expect(correction.body.conclusions).toHaveLength(2);
    expect(correction.body.conclusions[0].current).toBe(false);
  });

  it('refuses unknown criteria, future dates and a conclusion by someone who is not a certified assessor, writing nothing', async () => {
    const { id } = await voluntaryRequest();
    const badCriterion = await api()
      .post(`/assessment/v1/determinations/${id}/observations`)
      .set(doctor())
      .send({
        criterion: 'anxiety',
        present: true,
        observedOn: daysAgo(1),
        source: 'clinical',
        substanceClass: 'opioid',
      });
    expect(badCriterion.status).toBe(400);
    expect(badCriterion.body.errors[0].field).toBe('criterion');
    const future = await api()
      .post(`/assessment/v1/determinations/${id}/observations`)
      .set(doctor())
      .send({
        criterion: 'craving',
        present: true,
        observedOn: addDays(today, 3),
        source: 'clinical',
        substanceClass: 'opioid',
      });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('observedOn');
    await observe(id, 'craving', daysAgo(2));
    const stranger = await api()
      .post(`/assessment/v1/determinations/${id}/conclusion`)
      .set(assessment.bearer({ sub: 'doctor-unknown', roles: ['doctor'] }))
      .send({ concludedOn: daysAgo(1) });
    expect(stranger.status).toBe(422);
    expect(stranger.body.code).toBe('assessor-not-at-facility');
    const read = await api().get(`/assessment/v1/determinations/${id}`).set(doctor());
    expect(read.body.observations).toHaveLength(1);
    expect(read.body.status).toBe('in-progress');
    const police = await api()
      .post(`/assessment/v1/determinations/${id}/observations`)
      .set(assessment.bearer({ agency: 'police', roles: ['officer'] }))
      .send({
        criterion: 'craving',
        present: true,
        observedOn: daysAgo(1),
        source: 'clinical',
        substanceClass: 'opioid',
      });
    expect(police.status).toBe(403);
  });
});

describe('the audit trail of health data (every read of a person-level record is recorded)', () => {
  it('records who read a determination, from the list and by id, with the purpose given, for IT auditors only', async () => {
    const { personId, id } = await voluntaryRequest();
    const reader = assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] });
    await api().get(`/assessment/v1/determinations?personId=${personId}`).set(reader);
    await api()
      .get(`/assessment/v1/determinations/${id}`)
      .set(reader)
      .set('X-Purpose', 'follow-up visit');
    const auditor = assessment.bearer({ agency: 'it', roles: ['auditor'], orgUnit: '99' });
    const trail = await api().get(`/assessment/v1/audit?personId=${personId}`).set(auditor);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'read',
        resourceId: personId,
        operation: 'determination.read',
        purpose: 'determination.read',
        actor: expect.objectContaining({ sub: 'doctor-hanh', agency: 'health' }),
      }),
      expect.objectContaining({ resourceId: personId, purpose: 'follow-up visit' }),
    ]);
    const doctorAsks = await api().get(`/assessment/v1/audit?personId=${personId}`).set(reader);
    expect(doctorAsks.status).toBe(403);
  });
});
