import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMethadone, type MethadoneHarness } from './support.ts';

let m: MethadoneHarness;
beforeAll(async () => {
  m = await startMethadone();
});
afterAll(async () => {
  await m?.stop();
});

describe('clinics, dispensing points and staff lists', () => {
  it('lists every site of a clinic with its id (the clinic itself is a site)', async () => {
    const clinic = await m.clinic({ stockBottles: 0 });
    const res = await m.api().get(`/methadone/v1/clinics/${clinic.clinicId}`).set(m.as('nurse'));
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Cơ sở điều trị Methadone Tân Lập');
    expect(res.body.sites.map((s: { id: string; kind: string }) => [s.id, s.kind])).toEqual([
      [clinic.clinicId, 'clinic'],
      [clinic.pointId, 'dispensing-point'],
    ]);
    expect(res.body.staff).toHaveLength(5);
    const list = await m.api().get('/methadone/v1/clinics').set(m.as('admin'));
    expect(list.body.items.some((c: { id: string }) => c.id === clinic.clinicId)).toBe(true);
  });

  it('lets only health administrators register clinics', async () => {
    const res = await m
      .api()
      .post('/methadone/v1/clinics')
      .set(m.as('nurse'))
      .send({ name: 'X', unitCode: '99003', licensedFrom: '2024-01-01', licensedTo: '2030-01-01' });
    expect(res.status).toBe(403);
  });

  it('refuses bad input with a problem naming the field, and writes nothing', async () => {
    const bad = await m
      .api()
      .post('/methadone/v1/clinics')
      .set(m.as('admin'))
      .send({ name: 'X', unitCode: '99003', licensedFrom: '2024-13-01', licensedTo: '2030-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body)).toMatch(/licensedFrom/);
    const order = await m
      .api()
      .post('/methadone/v1/clinics')
      .set(m.as('admin'))
      .send({ name: 'X', unitCode: '99003', licensedFrom: '2030-02-01', licensedTo: '2030-01-01' });
    expect(order.status).toBe(422);
    expect(order.body.code).toBe('date-out-of-order');
    const clinic = await m.clinic({ stockBottles: 0 });
    const unit = await m
      .api()
      .post(`/methadone/v1/clinics/${clinic.clinicId}/sites`)
      .set(m.as('admin'))
      .send({ name: 'Điểm X', unitCode: '99999' });
    expect(unit.status).toBe(422);
    expect(unit.body).toMatchObject({ code: 'unknown-unit' });
    const after = await m.api().get(`/methadone/v1/clinics/${clinic.clinicId}`).set(m.as('nurse'));
    expect(after.body.sites).toHaveLength(2);
  });

  it('refuses the same user twice in one role for an overlapping period (409)', async () => {
    const clinic = await m.clinic({ stockBottles: 0 });
    const res = await m
      .api()
      .post(`/methadone/v1/clinics/${clinic.clinicId}/staff`)
      .set(m.as('admin'))
      .send({
        userId: m.staff.nurse,
        fullName: 'Lan',
        role: 'nurse',
        from: '2025-01-01',
        to: '2025-12-31',
      });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('staff-exists');
    const role = await m
      .api()
      .post(`/methadone/v1/clinics/${clinic.clinicId}/staff`)
      .set(m.as('admin'))
      .send({ userId: 'u', fullName: 'U', role: 'janitor', from: '2025-01-01', to: '2025-12-31' });
    expect(role.status).toBe(400);
    expect(JSON.stringify(role.body)).toMatch(/role/);
  });

  it('lets a nurse act only at a clinic whose staff list holds their sub', async () => {
    const clinic = await m.clinic({ stockBottles: 0 });
    const personId = await m.person();
    const stranger = await m
      .api()
      .post('/methadone/v1/patients')
      .set(m.as('nurse', 'dd-unlisted'))
      .send({ personId, clinicId: clinic.clinicId, applicationDate: m.today() });
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('not-on-staff-list');
    const listed = await m
      .api()
      .post('/methadone/v1/patients')
      .set(m.as('nurse'))
      .send({ personId, clinicId: clinic.clinicId, applicationDate: m.today() });
    expect(listed.status).toBe(201);
  });
});

describe('documents', () => {
  it('serves the OpenAPI document of every route and the AsyncAPI of its events', async () => {
    const openApi = await m.api().get('/methadone/openapi.json');
    expect(openApi.status).toBe(200);
    const paths = Object.keys(openApi.body.paths);
    for (const path of [
      '/methadone/v1/patients/{id}/doses',
      '/methadone/v1/sites/{id}/today',
      '/methadone/v1/sites/{id}/register/verify',
      '/methadone/v1/patients/{id}/fhir',
    ]) {
      expect(paths).toContain(path);
    }
    const asyncApi = await m.api().get('/methadone/asyncapi.json');
    expect(JSON.stringify(asyncApi.body)).toContain('methadone.treatment.v1');
  });
});
