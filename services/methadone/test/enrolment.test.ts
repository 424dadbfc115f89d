import { addDays } from '@rehab/domain-kit';
import {
  createEventBus,
  determinationConcluded,
  createEvent,
  personRegistered,
} from '@rehab/events';
import { eventually, testStackEnv } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methadoneCatalogue } from '../src/catalogue.ts';
import { startMethadone, type ClinicUnderTest, type MethadoneHarness } from './support.ts';

let m: MethadoneHarness;
let clinic: ClinicUnderTest;
beforeAll(async () => {
  m = await startMethadone({ today: '2026-03-05' });
  clinic = await m.clinic({ stockBottles: 0 });
});
afterAll(async () => {
  await m?.stop();
});

const enrol = (body: Record<string, unknown>, role: 'nurse' | 'prescriber' = 'nurse') =>
  m.api().post('/methadone/v1/patients').set(m.as(role)).send(body);

describe('enrolment (Decree 90/2016)', () => {
  it('gives 201 with the intake deadline, 10 working days on the calendar', async () => {
    const personId = await m.person();
    const res = await enrol({ personId, clinicId: clinic.clinicId, applicationDate: '2026-02-12' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'applied', intakeDeadline: '2026-03-05', personId });
    expect(res.headers.etag).toBe('"1"');
  });

  it('needs a guardian’s written consent under 16, naming the field', async () => {
    const personId = await m.person({ dateOfBirth: '2011-01-01' });
    const res = await enrol({ personId, clinicId: clinic.clinicId, applicationDate: '2026-03-02' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'guardian-consent-required' });
    expect(JSON.stringify(res.body)).toMatch(/guardianConsent/);
    const ok = await enrol({
      personId,
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
      guardianConsent: {
        guardianName: 'Nguyễn Thị Hương',
        relationship: 'mẹ',
        signedOn: '2026-03-01',
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.guardianConsent.guardianName).toBe('Nguyễn Thị Hương');
  });

  it('gives a person already in treatment at any clinic a 409 naming that enrolment', async () => {
    const personId = await m.person();
    const first = await enrol({
      personId,
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
    });
    const other = await m.clinic({ stockBottles: 0 });
    const second = await enrol({
      personId,
      clinicId: other.clinicId,
      applicationDate: '2026-03-03',
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'already-in-treatment' });
    expect(JSON.stringify(second.body)).toContain(first.body.id);
  });

  it('enrols exactly once under 10 concurrent applications for one person', async () => {
    const personId = await m.person();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        enrol({ personId, clinicId: clinic.clinicId, applicationDate: '2026-03-02' }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const listed = await m
      .api()
      .get(`/methadone/v1/patients?personId=${personId}`)
      .set(m.as('nurse'));
    expect(listed.body.items).toHaveLength(1);
  });

  it('refuses bad input naming the field and a person the registry has not told of', async () => {
    const bad = await enrol({
      personId: 'nope',
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/personId/);
    const unknown = await enrol({
      personId: uuidv7(),
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('person-unknown');
    const future = await enrol({
      personId: await m.person(),
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-06',
    });
    expect(future.body.code).toBe('date-in-future');
  });

  it('honours Idempotency-Key: a retried enrolment answers the same, once', async () => {
    const personId = await m.person();
    const body = { personId, clinicId: clinic.clinicId, applicationDate: '2026-03-02' };
    const first = await m
      .api()
      .post('/methadone/v1/patients')
      .set(m.as('nurse'))
      .set('Idempotency-Key', `enrol-${personId}`)
      .send(body);
    const again = await m
      .api()
      .post('/methadone/v1/patients')
      .set(m.as('nurse'))
      .set('Idempotency-Key', `enrol-${personId}`)
      .send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

describe('intake decision by the clinic director', () => {
  const intake = (
    patientId: string,
    body: Record<string, unknown>,
    role: 'clinic-director' | 'nurse' = 'clinic-director',
  ) => m.api().post(`/methadone/v1/patients/${patientId}/intake`).set(m.as(role)).send(body);

  it('admits on an opioid result received on assessment.determination.v1', async () => {
    const personId = uuidv7();
    const bus = createEventBus(
      { brokers: testStackEnv().kafkaBrokers, clientId: 'methadone-test' },
      methadoneCatalogue,
    );
    const publisher = await bus.publisher();
    const actor = { agency: 'police' as const, orgUnit: '99', sub: 'officer' };
    await publisher.publish([
      createEvent(personRegistered, {
        source: 'registry',
        subject: personId,
        actor,
        data: {
          personId,
          person: {
            fullName: 'Vũ Văn Long',
            dateOfBirth: '1985-01-01',
            sex: 'male',
            residenceUnitCode: '99003',
            hasNationalId: false,
          },
        },
      }),
      createEvent(determinationConcluded, {
        source: 'assessment',
        subject: personId,
        actor: { ...actor, agency: 'health' },
        data: {
          determinationId: uuidv7(),
          conclusionId: uuidv7(),
          personId,
          result: 'addicted',
          substanceClass: 'opioid',
          concludedOn: '2026-02-20',
          notifiedOn: '2026-02-20',
          facilityId: uuidv7(),
          origin: 'referral',
        },
      }),
    ]);
    await bus.close();
    await eventually(
      () => m.service.deps.opioidResults.hasOpioidResult(personId),
      (has) => has,
      30_000,
    );
    await eventually(
      () => m.service.deps.persons.get(personId),
      (person) => person !== undefined,
      30_000,
    );
    const enrolled = await enrol({
      personId,
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
    });
    expect(enrolled.status).toBe(201);
    const nurse = await intake(enrolled.body.id, { decision: 'admitted' }, 'nurse');
    expect(nurse.status).toBe(403);
    const res = await intake(enrolled.body.id, { decision: 'admitted' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'admitted', intake: { basis: 'assessment-result' } });
  });

  it("admits on the clinic prescriber's F11 diagnosis, and refuses without a basis", async () => {
    const personId = await m.person({ opioidResult: false });
    const enrolled = await enrol({
      personId,
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
    });
    const none = await intake(enrolled.body.id, { decision: 'admitted' });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('admission-basis-missing');
    const ats = await intake(enrolled.body.id, {
      decision: 'admitted',
      diagnosis: { code: 'F15.2', prescriberUserId: m.staff.prescriber },
    });
    expect(ats.body.code).toBe('diagnosis-not-opioid');
    const stranger = await intake(enrolled.body.id, {
      decision: 'admitted',
      diagnosis: { code: 'F11.2', prescriberUserId: 'someone' },
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.code).toBe('diagnosis-not-by-clinic-prescriber');
    const res = await intake(enrolled.body.id, {
      decision: 'admitted',
      diagnosis: { code: 'F11.2', prescriberUserId: m.staff.prescriber },
    });
    expect(res.status).toBe(201);
    expect(res.body.intake).toMatchObject({ basis: 'diagnosis', diagnosisCode: 'F11.2' });
    const twice = await intake(enrolled.body.id, { decision: 'refused', reason: 'x' });
    expect(twice.body.code).toBe('invalid-transition');
  });

  it('needs a reason to refuse; a refusal ends the enrolment so the person may apply again', async () => {
    const personId = await m.person();
    const enrolled = await enrol({
      personId,
      clinicId: clinic.clinicId,
      applicationDate: '2026-03-02',
    });
    const bare = await intake(enrolled.body.id, { decision: 'refused' });
    expect(bare.body.code).toBe('refusal-reason-required');
    const refused = await intake(enrolled.body.id, {
      decision: 'refused',
      reason: 'Chưa đủ hồ sơ theo quy định',
    });
    expect(refused.body).toMatchObject({
      status: 'refused',
      intake: { reason: 'Chưa đủ hồ sơ theo quy định' },
    });
    const again = await enrol({
      personId,
      clinicId: clinic.clinicId,
      applicationDate: addDays('2026-03-02', 2),
    });
    expect(again.status).toBe(201);
  });
});
