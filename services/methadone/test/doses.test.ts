import { addDays } from '@rehab/domain-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMethadone, type ClinicUnderTest, type MethadoneHarness } from './support.ts';

const START = '2026-09-07';
let m: MethadoneHarness;
let clinic: ClinicUnderTest;
beforeAll(async () => {
  m = await startMethadone({ today: START });
  clinic = await m.clinic();
});
afterAll(async () => {
  await m?.stop();
});

const dose = (patientId: string, body: Record<string, unknown>, sub?: string) =>
  m.api().post(`/methadone/v1/patients/${patientId}/doses`).set(m.as('nurse', sub)).send(body);
const lotBalance = async (siteId: string) => {
  const res = await m.api().get(`/methadone/v1/sites/${siteId}/stock`).set(m.as('pharmacist'));
  return res.body.lots[0]?.balanceMl as number;
};

describe('observed daily dosing', () => {
  it('records exactly the ordered dose and draws doseMg / mgPerMl mL from the lot', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    const before = await lotBalance(clinic.pointId);
    const res = await dose(patientId, { serviceDate: START, siteId: clinic.pointId, doseMg: 20 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: `${patientId}:${START}`,
      kind: 'observed',
      doseMg: 20,
      lot: clinic.lot,
      ml: 2,
    });
    expect(await lotBalance(clinic.pointId)).toBe(before - 2);
  });

  it('refuses another dose than the order in force, naming doseMg, and writes nothing', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    const before = await lotBalance(clinic.clinicId);
    const res = await dose(patientId, { serviceDate: START, siteId: clinic.clinicId, doseMg: 25 });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'dose-not-as-ordered' });
    expect(JSON.stringify(res.body)).toMatch(/doseMg/);
    expect(await lotBalance(clinic.clinicId)).toBe(before);
    const bad = await dose(patientId, {
      serviceDate: 'yesterday',
      siteId: clinic.clinicId,
      doseMg: 20,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/serviceDate/);
    const ok = await dose(patientId, { serviceDate: START, siteId: clinic.clinicId, doseMg: 20 });
    expect(ok.status).toBe(201);
  });

  it('gives exactly one 201 to 50 concurrent attempts; the others get 409 naming the dose', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    const before = await lotBalance(clinic.clinicId);
    const body = { serviceDate: START, siteId: clinic.clinicId, doseMg: 20 };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        dose(patientId, body, i % 2 ? m.staff.nurse2 : m.staff.nurse),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const conflicts = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    for (const conflict of conflicts) {
      expect(conflict.body.code).toBe('dose-already-recorded');
      expect(JSON.stringify(conflict.body)).toContain(`${patientId}:${START}`);
    }
    expect(await lotBalance(clinic.clinicId)).toBe(before - 2);
    const register = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.clinicId}/register?date=${START}`)
      .set(m.as('pharmacist'));
    expect(
      register.body.rows.filter((r: { patientId?: string }) => r.patientId === patientId),
    ).toHaveLength(1);
  });

  it('honours Idempotency-Key: a retried dose is answered again, not refused', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    const body = { serviceDate: START, siteId: clinic.clinicId, doseMg: 20 };
    const key = `dose-${patientId}`;
    const first = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/doses`)
      .set(m.as('nurse'))
      .set('Idempotency-Key', key)
      .send(body);
    const retry = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/doses`)
      .set(m.as('nurse'))
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  });

  it('lets only a nurse on the site clinic’s staff list dose, and never in the future', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    const stranger = await dose(
      patientId,
      { serviceDate: START, siteId: clinic.clinicId, doseMg: 20 },
      'dd-unlisted',
    );
    expect(stranger.status).toBe(403);
    const future = await dose(patientId, {
      serviceDate: addDays(START, 1),
      siteId: clinic.clinicId,
      doseMg: 20,
    });
    expect(future.body.code).toBe('date-in-future');
  });
});

describe('the stock never goes negative under concurrent doses', () => {
  it('serves exactly as many doses as the lot holds and names the lot for the rest', async () => {
    m.setToday(START);
    const small = await m.clinic({ stockBottles: 0 });
    const receipt = await m
      .api()
      .post(`/methadone/v1/sites/${small.pointId}/stock/receipts`)
      .set(m.as('pharmacist'))
      .send({ lot: 'SMALL-1', bottles: 1, mlPerBottle: 10, mgPerMl: 10, receivedOn: START });
    expect(receipt.status).toBe(201);
    const patients = [];
    for (let i = 0; i < 8; i++) patients.push((await m.admitted(small)).patientId);
    const results = await Promise.all(
      patients.map((patientId) =>
        dose(patientId, { serviceDate: START, siteId: small.pointId, doseMg: 20 }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'insufficient-stock' });
    expect(JSON.stringify(refused[0]!.body)).toContain('SMALL-1');
    expect(await lotBalance(small.pointId)).toBe(0);
    // A refused dose left its patient-day free: it can be dosed once stock arrives.
    const refill = await m
      .api()
      .post(`/methadone/v1/sites/${small.pointId}/stock/receipts`)
      .set(m.as('pharmacist'))
      .send({ lot: 'SMALL-2', bottles: 1, mlPerBottle: 100, mgPerMl: 10, receivedOn: START });
    expect(refill.status).toBe(201);
    const late = patients[results.findIndex((r) => r.status === 422)]!;
    expect(
      (await dose(late, { serviceDate: START, siteId: small.pointId, doseMg: 20 })).status,
    ).toBe(201);
  });
});

describe('the morning queue, the missed-dose sweep and its flags', () => {
  it('lists who is due with the dose each must receive, and who is already dosed', async () => {
    m.setToday(START);
    const q = await m.clinic();
    const a = await m.admitted(q, { doseMg: 25 });
    const b = await m.admitted(q, { doseMg: 30 });
    await dose(a.patientId, { serviceDate: START, siteId: q.pointId, doseMg: 25 });
    const res = await m.api().get(`/methadone/v1/sites/${q.pointId}/today`).set(m.as('nurse'));
    expect(res.status).toBe(200);
    const byPatient = Object.fromEntries(
      res.body.items.map((i: { patientId: string }) => [i.patientId, i]),
    );
    expect(byPatient[b.patientId]).toMatchObject({
      due: true,
      doseMg: 30,
      blocked: false,
      flags: [],
    });
    expect(byPatient[b.patientId].dosed).toBeUndefined();
    expect(byPatient[a.patientId]).toMatchObject({
      doseMg: 25,
      dosed: { id: `${a.patientId}:${START}`, siteId: q.pointId },
    });
  });

  it('records missed days, raises the flags at their thresholds, blocks on stop until cleared', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    expect(
      (await dose(patientId, { serviceDate: START, siteId: clinic.clinicId, doseMg: 20 })).status,
    ).toBe(201);
    m.setToday(addDays(START, 5));
    const sweep = await m.api().post('/methadone/v1/ops/sweep').set(m.as('admin'));
    expect(sweep.status).toBe(200);
    expect(sweep.body.missed).toBeGreaterThanOrEqual(4);
    const again = await m.api().post('/methadone/v1/ops/sweep').set(m.as('admin'));
    expect(again.body).toMatchObject({ daysJudged: 0, missed: 0 });
    const patient = await m
      .api()
      .get(`/methadone/v1/patients/${patientId}`)
      .set(m.as('prescriber'));
    expect(patient.body.missedDays).toEqual([1, 2, 3, 4].map((n) => addDays(START, n)));
    const kinds = patient.body.flags.map((f: { kind: string }) => f.kind);
    expect(kinds).toEqual(['dose-as-ordered', 'reduced-dose', 'stop']);
    const today = addDays(START, 5);
    const blocked = await dose(patientId, {
      serviceDate: today,
      siteId: clinic.clinicId,
      doseMg: 20,
    });
    expect(blocked.body.code).toBe('stop-flag-open');
    const stop = patient.body.flags.find((f: { kind: string }) => f.kind === 'stop');
    const byNurse = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/flags/${stop.id}/clear`)
      .set(m.as('nurse'))
      .send({ note: 'x' });
    expect(byNurse.status).toBe(403);
    const cleared = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/flags/${stop.id}/clear`)
      .set(m.as('prescriber'))
      .send({ note: 'Đã đánh giá lại, tiếp tục điều trị' });
    expect(cleared.status).toBe(201);
    // The reduced-dose flag still stands: half the ordered dose until the prescriber reviews.
    expect(
      (await dose(patientId, { serviceDate: today, siteId: clinic.clinicId, doseMg: 20 })).body
        .code,
    ).toBe('dose-not-as-ordered');
    expect(
      (await dose(patientId, { serviceDate: today, siteId: clinic.clinicId, doseMg: 10 })).status,
    ).toBe(201);
    const late = await dose(patientId, {
      serviceDate: addDays(START, 2),
      siteId: clinic.clinicId,
      doseMg: 20,
    });
    expect(late.body.code).toBe('day-already-judged');
    // Days already judged are never re-ordered.
    const backdated = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/orders`)
      .set(m.as('prescriber'))
      .send({
        phase: 'induction',
        doseMg: 20,
        startsOn: addDays(START, 3),
        endsOn: addDays(START, 8),
      });
    expect(backdated.body).toMatchObject({ code: 'order-in-past' });
  });
});

describe('guest dosing and take-home doses', () => {
  it('doses a guest at the guest site, refuses the home site, and shows the guest in that queue', async () => {
    m.setToday(START);
    const home = await m.clinic();
    const away = await m.clinic();
    const { patientId } = await m.admitted(home);
    const arranged = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/guest-dosing`)
      .set(m.as('prescriber'))
      .send({ siteId: away.pointId, from: START, to: addDays(START, 3) });
    expect(arranged.status).toBe(201);
    const atHome = await dose(patientId, { serviceDate: START, siteId: home.clinicId, doseMg: 20 });
    expect(atHome.body.code).toBe('guest-dosing-elsewhere');
    const queue = await m.api().get(`/methadone/v1/sites/${away.pointId}/today`).set(m.as('nurse'));
    expect(
      queue.body.items.find((i: { patientId: string }) => i.patientId === patientId),
    ).toMatchObject({ guest: true, doseMg: 20 });
    const homeQueue = await m
      .api()
      .get(`/methadone/v1/sites/${home.clinicId}/today`)
      .set(m.as('nurse'));
    expect(homeQueue.body.items.some((i: { patientId: string }) => i.patientId === patientId)).toBe(
      false,
    );
    expect(
      (await dose(patientId, { serviceDate: START, siteId: away.pointId, doseMg: 20 })).status,
    ).toBe(201);
  });

  it('dispenses take-home bottles where the pilot is enabled, within its maximum days', async () => {
    m.setToday(START);
    const { patientId } = await m.admitted(clinic);
    const induction = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/take-homes`)
      .set(m.as('prescriber'))
      .send({ from: START, days: 2, reason: 'Đi công tác' });
    expect(induction.body.code).toBe('take-home-wrong-phase');
    const maintenance = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/orders`)
      .set(m.as('prescriber'))
      .send({
        phase: 'maintenance',
        doseMg: 20,
        startsOn: addDays(START, 1),
        endsOn: addDays(START, 30),
      });
    expect(maintenance.status).toBe(201);
    const tooLong = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/take-homes`)
      .set(m.as('prescriber'))
      .send({ from: addDays(START, 1), days: 8, reason: 'x' });
    expect(tooLong.body.code).toBe('take-home-too-long');
    const before = await lotBalance(clinic.clinicId);
    const res = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/take-homes`)
      .set(m.as('prescriber'))
      .send({ from: addDays(START, 1), days: 3, reason: 'Đi công tác' });
    expect(res.status).toBe(201);
    expect(res.body.takeHome.dispensed).toHaveLength(3);
    expect(await lotBalance(clinic.clinicId)).toBe(before - 6);
    m.setToday(addDays(START, 2));
    const observed = await dose(patientId, {
      serviceDate: addDays(START, 2),
      siteId: clinic.clinicId,
      doseMg: 20,
    });
    expect(observed.status).toBe(409);
    expect(JSON.stringify(observed.body)).toContain('take-home');
  });

  it('refuses take-homes before the pilot reaches the province', async () => {
    m.setToday('2026-05-04');
    const early = await m.clinic();
    const { patientId } = await m.admitted(early);
    await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/orders`)
      .set(m.as('prescriber'))
      .send({ phase: 'maintenance', doseMg: 20, startsOn: '2026-05-05', endsOn: '2026-05-30' });
    const res = await m
      .api()
      .post(`/methadone/v1/patients/${patientId}/take-homes`)
      .set(m.as('prescriber'))
      .send({ from: '2026-05-06', days: 2, reason: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('take-home-not-enabled');
  });
});
