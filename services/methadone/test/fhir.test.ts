import { addDays } from '@rehab/domain-kit';
import { stopFhirValidator, validateFhir } from '@rehab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMethadone, type ClinicUnderTest, type MethadoneHarness } from './support.ts';

const START = '2026-10-05';
let m: MethadoneHarness;
let clinic: ClinicUnderTest;
beforeAll(async () => {
  m = await startMethadone({ today: START });
  clinic = await m.clinic();
});
afterAll(async () => {
  await stopFhirValidator();
  await m?.stop();
});

describe('GET /patients/{id}/fhir: the treatment as a FHIR R4 Bundle', () => {
  it('holds every resource of the treatment and passes HAPI FHIR’s R4 validator with 0 errors', async () => {
    const { patientId, personId } = await m.admitted(clinic);
    const dose = (serviceDate: string, doseMg = 20) =>
      m
        .api()
        .post(`/methadone/v1/patients/${patientId}/doses`)
        .set(m.as('nurse'))
        .send({ serviceDate, siteId: clinic.clinicId, doseMg });
    expect((await dose(START)).status).toBe(201);
    m.setToday(addDays(START, 2));
    expect((await dose(addDays(START, 2))).status).toBe(201);
    await m.api().post('/methadone/v1/ops/sweep').set(m.as('admin'));
    const order = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/orders`)
      .set(m.as('prescriber'))
      .send({
        phase: 'maintenance',
        doseMg: 20,
        startsOn: addDays(START, 3),
        endsOn: addDays(START, 30),
      });
    expect(order.status).toBe(201);
    const takeHome = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/take-homes`)
      .set(m.as('prescriber'))
      .send({ from: addDays(START, 3), days: 2, reason: 'Đi công tác' });
    expect(takeHome.status).toBe(201);
    const test = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/tests`)
      .set(m.as('nurse'))
      .send({
        sampledOn: addDays(START, 2),
        results: [{ substanceClass: 'opioid', positive: false }],
      });
    expect(test.status).toBe(201);

    const res = await m
      .api()
      .get(`/methadone/v1/patients/${patientId}/fhir`)
      .set(m.as('prescriber'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
    const bundle = res.body;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const types = bundle.entry.map(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType,
    );
    expect(types.filter((t: string) => t === 'Patient')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'EpisodeOfCare')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'MedicationRequest')).toHaveLength(2);
    expect(types.filter((t: string) => t === 'MedicationDispense')).toHaveLength(2);
    expect(types.filter((t: string) => t === 'Observation')).toHaveLength(1);
    const administrations = bundle.entry
      .map((e: { resource: { resourceType: string; status?: string } }) => e.resource)
      .filter((r: { resourceType: string }) => r.resourceType === 'MedicationAdministration');
    expect(administrations.map((a: { status: string }) => a.status).sort()).toEqual([
      'completed',
      'completed',
      'not-done',
    ]);
    // Pseudonymous: neither the registry's person id nor a name.
    expect(JSON.stringify(bundle)).not.toContain(personId);
    expect(JSON.stringify(bundle)).not.toMatch(/Đỗ Văn Hải/);

    const verdict = await validateFhir(bundle);
    expect(verdict.errors, JSON.stringify(verdict.errors, null, 2)).toEqual([]);
  }, 180_000);

  it('is for prescribers and directors only', async () => {
    const { patientId } = await m.admitted(clinic);
    const res = await m.api().get(`/methadone/v1/patients/${patientId}/fhir`).set(m.as('nurse'));
    expect(res.status).toBe(403);
  });
});
