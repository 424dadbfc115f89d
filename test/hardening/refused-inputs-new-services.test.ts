// The corpus of refused text (refused-input-corpus.ts) in the free-text fields of the
// methadone, vocational and reporting services: a 400 problem+json naming the field each
// time, and nothing written.
import { addDays } from '@rehab/domain-kit';
import type request from 'supertest';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { courseBody, counsellingBody } from '../../libs/testing/src/payloads/vocational.ts';
import { startMethadone, type MethadoneHarness } from '../../services/methadone/test/support.ts';
import { startReporting, type ReportingHarness } from '../../services/reporting/test/support.ts';
import { startVocational, type VocationalHarness } from '../../services/vocational/test/support.ts';
import { expectCorpusRefused, type Answer } from './refused-input-corpus.ts';

let methadone: MethadoneHarness;
let vocational: VocationalHarness;
let reporting: ReportingHarness;

beforeAll(async () => {
  [methadone, vocational, reporting] = await Promise.all([
    startMethadone(),
    startVocational(),
    startReporting(),
  ]);
});
afterAll(async () => {
  await Promise.all([methadone?.stop(), vocational?.stop(), reporting?.stop()]);
});

const answer = (res: request.Response): Answer => ({
  status: res.status,
  headers: res.headers as Record<string, string>,
  body: res.body as Answer['body'],
});

describe('methadone', () => {
  it('refuses the corpus in clinics and staff lists, and registers neither', async () => {
    const clinics = () =>
      methadone
        .api()
        .get('/methadone/v1/clinics')
        .set(methadone.as('admin'))
        .then((res) => res.body);
    await expectCorpusRefused({
      valid: {
        name: 'Cơ sở điều trị Methadone Tân Lập',
        unitCode: '99001',
        licensedFrom: '2020-01-01',
        licensedTo: '2030-12-31',
      },
      fields: [{ path: 'name', max: 300 }],
      send: async (body) =>
        answer(
          await methadone
            .api()
            .post('/methadone/v1/clinics')
            .set(methadone.as('admin'))
            .send(body as object),
        ),
      snapshot: clinics,
    });
    const { clinicId } = await methadone.clinic();
    const clinic = () =>
      methadone
        .api()
        .get(`/methadone/v1/clinics/${clinicId}`)
        .set(methadone.as('admin'))
        .then((res) => res.body);
    await expectCorpusRefused({
      valid: {
        userId: 'dd-lan',
        fullName: 'ĐD. Nguyễn Thị Lan',
        role: 'nurse',
        from: '2026-01-01',
        to: '2026-12-31',
      },
      fields: [
        { path: 'userId', max: 200 },
        { path: 'fullName', max: 200 },
      ],
      send: async (body) =>
        answer(
          await methadone
            .api()
            .post(`/methadone/v1/clinics/${clinicId}/staff`)
            .set(methadone.as('admin'))
            .send(body as object),
        ),
      snapshot: clinic,
    });
  });
});

describe('vocational', () => {
  it('refuses the corpus in courses and counselling, and records neither', async () => {
    const today = vocational.today();
    const courses = () =>
      vocational
        .api()
        .get('/vocational/v1/courses?unitCode=99')
        .set(vocational.as())
        .then((res) => res.body);
    await expectCorpusRefused({
      valid: courseBody(1, {
        unitCode: '99003',
        startsOn: addDays(today, 5),
        endsOn: addDays(today, 60),
      }),
      fields: [
        { path: 'name', max: 200 },
        { path: 'provider', max: 200 },
      ],
      send: async (body) =>
        answer(
          await vocational
            .api()
            .post('/vocational/v1/courses')
            .set(vocational.as())
            .send(body as object),
        ),
      snapshot: courses,
    });
    const { personId } = await vocational.postRehabPerson({
      completedOn: addDays(today, -40),
      decidedOn: addDays(today, -30),
    });
    await expectCorpusRefused({
      valid: counsellingBody(addDays(today, -1)),
      fields: [
        { path: 'topic', max: 200 },
        { path: 'outcome', max: 2000 },
      ],
      send: async (body) =>
        answer(
          await vocational
            .api()
            .post(`/vocational/v1/persons/${personId}/counselling`)
            .set(vocational.as())
            .send(body as object),
        ),
      snapshot: () =>
        vocational
          .api()
          .get(`/vocational/v1/persons/${personId}/support`)
          .set(vocational.as())
          .then((res) => res.body),
    });
  });
});

describe('reporting', () => {
  it("refuses the corpus in a manual activity's note, and counts nothing", async () => {
    const unit = reporting.units.communes[0] ?? '';
    const officer = reporting.as({ agency: 'commune', roles: ['officer'], orgUnit: unit });
    await expectCorpusRefused({
      valid: {
        unitCode: unit,
        period: '2026Q2',
        activity: 'campaign-communes-reached',
        value: 1,
        note: 'Tuyên truyền tại nhà văn hóa thôn',
      },
      fields: [{ path: 'note', max: 2000 }],
      send: async (body) =>
        answer(
          await reporting
            .api()
            .post('/reporting/v1/activities')
            .set(officer)
            .send(body as object),
        ),
      snapshot: () =>
        reporting
          .api()
          .get(`/reporting/v1/indicators?period=2026Q2&unitCode=${unit}`)
          .set(
            reporting.as({
              agency: 'labour',
              roles: ['leader'],
              orgUnit: reporting.units.province,
            }),
          )
          .then((res) => res.body.items),
    });
  });
});
