import { addDays } from '@rehab/domain-kit';
import { methadoneTreatmentTopic } from '@rehab/events';
import { collectEvents, type EventCollector } from '@rehab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMethadone, type ClinicUnderTest, type MethadoneHarness } from './support.ts';

const TODAY = '2026-09-21';
let m: MethadoneHarness;
let clinic: ClinicUnderTest;
let events: EventCollector;
beforeAll(async () => {
  m = await startMethadone({ today: TODAY });
  clinic = await m.clinic({ stockBottles: 0 });
  events = await collectEvents(m.service.platform.bus, [methadoneTreatmentTopic.name]);
});
afterAll(async () => {
  await events?.stop();
  await m?.stop();
});

const post = (
  patientId: string,
  path: string,
  body: Record<string, unknown>,
  role: 'nurse' | 'prescriber' | 'clinic-director' = 'clinic-director',
) => m.api().post(`/methadone/v1/patients/${patientId}/${path}`).set(m.as(role)).send(body);

describe('tests, violations and the discharge grounds with their legal references', () => {
  it('shows a ground once two violations fall within 6 months, and discharges on it', async () => {
    const { patientId, personId } = await m.admitted(clinic);
    const early = await post(patientId, 'discharge', {
      reason: 'procedure-violations',
      decidedOn: TODAY,
    });
    expect(early.body.code).toBe('discharge-ground-not-met');
    expect(
      (await post(patientId, 'violations', { on: addDays(TODAY, -30), kind: 'gây rối' }, 'nurse'))
        .status,
    ).toBe(201);
    const second = await post(
      patientId,
      'violations',
      { on: addDays(TODAY, -2), kind: 'đến muộn nhiều lần' },
      'nurse',
    );
    expect(second.body.dischargeGrounds).toEqual([
      expect.objectContaining({
        ground: 'procedure-violations',
        legalRef: expect.stringMatching(/Decree/),
      }),
    ]);
    const res = await post(patientId, 'discharge', {
      reason: 'procedure-violations',
      decidedOn: TODAY,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'discharged',
      ended: { reason: 'procedure-violations' },
    });
    const [event] = await events.waitFor(
      (e) => e.subject === personId && e.type === 'methadone.treatment.discharged.v1',
    );
    expect(event!.data).toMatchObject({
      patientId,
      reasonCategory: 'procedure-violations',
      clinicId: clinic.clinicId,
    });
    expect(JSON.stringify(event!.data)).not.toMatch(/doseMg|gây rối/);
    // The person may enrol again once discharged.
    const again = await m
      .api()
      .post('/methadone/v1/patients')
      .set(m.as('nurse'))
      .send({ personId, clinicId: clinic.clinicId, applicationDate: TODAY });
    expect(again.status).toBe(201);
  });

  it('shows any positive test for another drug as a ground', async () => {
    const { patientId } = await m.admitted(clinic);
    const res = await post(
      patientId,
      'tests',
      {
        sampledOn: TODAY,
        results: [
          { substanceClass: 'opioid', positive: false },
          { substanceClass: 'ats', positive: true },
        ],
      },
      'nurse',
    );
    expect(res.status).toBe(201);
    expect(res.body.dischargeGrounds.map((g: { ground: string }) => g.ground)).toEqual([
      'other-drug-positive',
    ]);
    const bad = await post(
      patientId,
      'tests',
      { sampledOn: TODAY, results: [{ substanceClass: 'heroin', positive: true }] },
      'nurse',
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/substanceClass/);
  });
});

describe('transfer and completion', () => {
  it('transfers the patient with the order chain and history, then completes treatment', async () => {
    const { patientId, personId } = await m.admitted(clinic);
    const other = await m.clinic({ stockBottles: 0 });
    const moved = await post(patientId, 'transfer', { toClinicId: other.clinicId, on: TODAY });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({
      clinicId: other.clinicId,
      transfers: [{ fromClinicId: clinic.clinicId, toClinicId: other.clinicId, on: TODAY }],
    });
    expect(moved.body.orders).toHaveLength(1);
    const same = await post(patientId, 'transfer', { toClinicId: other.clinicId, on: TODAY });
    expect(same.body.code).toBe('transfer-to-same-clinic');
    const done = await post(patientId, 'completion', { on: TODAY });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      status: 'completed',
      ended: { outcome: 'completed', on: TODAY },
    });
    const types = (await events.waitFor((e) => e.subject === personId, { count: 4 })).map(
      (e) => e.type,
    );
    expect(types).toEqual([
      'methadone.treatment.enrolled.v1',
      'methadone.treatment.admitted.v1',
      'methadone.treatment.transferred.v1',
      'methadone.treatment.completed.v1',
    ]);
    const after = await post(patientId, 'completion', { on: TODAY });
    expect(after.body.code).toBe('invalid-transition');
  });
});
