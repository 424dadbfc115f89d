// The corpus of refused text (refused-input-corpus.ts), sent to one endpoint of each family
// that takes free text, in each built service: every answer is a 400 problem+json naming the
// field, and nothing is written. Closed sets (codes, enumerations) refuse what they do not list.
import { addDays, todayIn } from '@rehab/domain-kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { startTreatment, type TreatmentHarness } from '../../services/treatment/test/support.ts';
import { expectCorpusRefused, withValue, type Answer } from './refused-input-corpus.ts';

let registry: RegistryUnderTest;
let assessment: AssessmentUnderTest;
let treatment: TreatmentHarness;
const today = todayIn();

beforeAll(async () => {
  [registry, assessment, treatment] = await Promise.all([
    startRegistry(),
    startAssessment(),
    startTreatment(),
  ]);
});
afterAll(async () => {
  await Promise.all([registry?.stop(), assessment?.stop(), treatment?.stop()]);
});

const answer = (res: request.Response): Answer => ({
  status: res.status,
  headers: res.headers as Record<string, string>,
  body: res.body as Answer['body'],
});

describe('registry', () => {
  const api = () => request(registry.service.app);
  const persons = () =>
    api()
      .get('/registry/v1/persons?unitCode=99001&limit=200')
      .set(registry.bearer())
      .then((res) => (res.body.items as { id: string }[]).map((item) => item.id).sort());
  const person = (id: string) =>
    api()
      .get(`/registry/v1/persons/${id}`)
      .set(registry.bearer())
      .then((res) => ({ version: res.body.version, timeline: res.body.timeline.length }));

  it('refuses the corpus in a registration and registers no one', async () => {
    const sent = await expectCorpusRefused({
      valid: personBody({ ethnicity: 'Tày' }),
      fields: [
        { path: 'fullName', max: 200 },
        { path: 'ethnicity', max: 60 },
        { path: 'residence.address', max: 300 },
      ],
      send: async (body) =>
        answer(
          await api()
            .post('/registry/v1/persons')
            .set(registry.bearer())
            .send(body as object),
        ),
      snapshot: persons,
    });
    expect(sent).toBe(24);
  });

  it('refuses the corpus in detections, movements, referrals and corrections, and changes no one', async () => {
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody());
    const id = created.body.id as string;
    const post = (path: string) => async (body: unknown) =>
      answer(
        await api()
          .post(`/registry/v1/persons/${id}/${path}`)
          .set(registry.bearer())
          .send(body as object),
      );
    const snapshot = () => person(id);
    await expectCorpusRefused({
      valid: { detectedAt: addDays(today, -2), sample: 'urine', substances: ['heroin'] },
      fields: [{ path: 'substances.0', max: 80 }],
      send: post('drug-use-detections'),
      snapshot,
    });
    await expectCorpusRefused({
      valid: {
        kind: 'residence-change',
        effectiveOn: addDays(today, -1),
        toUnitCode: '99002',
        address: 'Tổ 5, phường Hòa Thuận',
      },
      fields: [{ path: 'address', max: 300 }],
      send: post('movements'),
      snapshot,
    });
    await expectCorpusRefused({
      valid: { reason: 'repeat-use', note: 'Tái sử dụng' },
      fields: [{ path: 'note', max: 2000 }],
      send: post('determination-referrals'),
      snapshot,
    });
    await expectCorpusRefused({
      valid: { fullName: 'Nguyễn Văn Đức' },
      fields: [{ path: 'fullName', max: 200 }],
      send: async (body) =>
        answer(
          await api()
            .patch(`/registry/v1/persons/${id}`)
            .set(registry.bearer())
            .set('If-Match', created.headers.etag as string)
            .send(body as object),
        ),
      snapshot,
    });
  });

  it('refuses values outside the closed sets, naming the field', async () => {
    for (const [path, value] of [
      ['sex', 'unknown'],
      ['residence.unitCode', 'not-a-unit'],
      ['dateOfBirth', '1990-02-30'],
    ] as const) {
      const res = await api()
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .send(withValue(personBody(), path, value) as object);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(
        res.body.errors.map((error: { field: string }) => error.field),
        path,
      ).toContain(path);
    }
  });
});

describe('assessment', () => {
  const api = () => request(assessment.service.app);
  const facilities = () =>
    api()
      .get('/assessment/v1/facilities')
      .set(assessment.bearer())
      .then((res) => res.body.items);

  it('refuses the corpus in facilities and assessors, and registers none', async () => {
    await expectCorpusRefused({
      valid: {
        name: 'Bệnh viện Tâm thần tỉnh',
        unitCode: '99001',
        certifiedFrom: '2024-01-01',
        certifiedTo: '2030-12-31',
      },
      fields: [{ path: 'name', max: 300 }],
      send: async (body) =>
        answer(
          await api()
            .post('/assessment/v1/facilities')
            .set(assessment.bearer())
            .send(body as object),
        ),
      snapshot: facilities,
    });
    const { facilityId } = await certifiedFacilityWithDoctor(assessment);
    await expectCorpusRefused({
      valid: {
        userId: 'doctor-lan',
        fullName: 'BS. Lê Thị Lan',
        certifiedFrom: '2024-01-01',
        certifiedTo: '2030-12-31',
      },
      fields: [
        { path: 'userId', max: 200 },
        { path: 'fullName', max: 200 },
      ],
      send: async (body) =>
        answer(
          await api()
            .post(`/assessment/v1/facilities/${facilityId}/assessors`)
            .set(assessment.bearer())
            .send(body as object),
        ),
      snapshot: facilities,
    });
  });
});

describe('treatment', () => {
  it('refuses the corpus in a violation record reference, and opens no case', async () => {
    const personId = await treatment.knownPerson({ unitCode: '99003' });
    const who = treatment.as({ agency: 'police', orgUnit: '99003', roles: ['commune-chief'] });
    await expectCorpusRefused({
      valid: {
        personId,
        trigger: 'not-registered',
        ordinal: 'first',
        violationRecordId: 'BB-2026/15',
        violationOn: addDays(today, -3),
      },
      fields: [{ path: 'violationRecordId', max: 100 }],
      send: async (body) =>
        answer(
          await treatment
            .api()
            .post('/treatment/v1/compulsory-cases')
            .set(who)
            .send(body as object),
        ),
      snapshot: () =>
        treatment
          .api()
          .get(`/treatment/v1/cases?personId=${personId}`)
          .set(treatment.as({ agency: 'labour', orgUnit: '99', roles: ['officer'] }))
          .then((res) => res.body.items),
    });
  });
});
