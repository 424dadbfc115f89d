// The demo seed of the methadone service (scripts/seed/demo-methadone.ts) against the real
// service: a clinic with a dispensing point, patients in every phase, a month of doses with
// some misses, flags from the sweep, and one discrepancy awaiting a second person. A second
// run adds nothing.
import type { AddressInfo } from 'node:net';
import { addDays } from '@rehab/domain-kit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateway } from '../../../scripts/seed/demo-http.ts';
import { seedMethadone } from '../../../scripts/seed/demo-methadone.ts';
import { startMethadone, type MethadoneHarness } from './support.ts';

const TODAY = '2026-09-28';
let m: MethadoneHarness;
let server: ReturnType<MethadoneHarness['service']['app']['listen']>;
beforeAll(async () => {
  m = await startMethadone({ today: TODAY });
  server = m.service.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  server?.close();
  await m?.stop();
});

describe('the methadone demo seed', () => {
  it('seeds a clinic, patients in every phase, dosing history, flags and an open discrepancy, once', async () => {
    const persons = [];
    for (let i = 0; i < 40; i++) {
      const id = uuidv7();
      const dateOfBirth = addDays('1985-01-01', i * 40);
      await m.service.deps.persons.upsert({
        id,
        fullName: `Người bệnh ${i}`,
        dateOfBirth,
        sex: 'male',
        residenceUnitCode: '99003',
      });
      persons.push({ id, dateOfBirth });
    }
    const { port } = server.address() as AddressInfo;
    const gw = gateway(`http://127.0.0.1:${port}`);
    const sign = m.token;
    const summary = await seedMethadone({ gw, sign, today: TODAY, persons, concurrency: 4 });
    expect(summary).toMatch(/40 patients enrolled now/);
    const clinics = await m.api().get('/methadone/v1/clinics').set(m.as('admin'));
    const clinic = clinics.body.items[0];
    expect(clinic.sites).toHaveLength(2);
    const patients = await m.service.deps.patients.listByClinic(clinic.id);
    const phases = new Set(
      patients.map((p) => (p.status === 'admitted' ? p.orders.at(-1)?.phase : p.status)),
    );
    expect([...phases].sort()).toEqual([
      'applied',
      'induction',
      'maintenance',
      'refused',
      'taper',
      'titration',
    ]);
    expect(patients.some((p) => p.flags.some((f) => f.kind === 'stop' && !f.clearedOn))).toBe(true);
    expect(patients.some((p) => p.missedDays.length > 0)).toBe(true);
    const point = clinic.sites.find((s: { kind: string }) => s.kind === 'dispensing-point');
    const stock = await m
      .api()
      .get(`/methadone/v1/sites/${point.id}/stock`)
      .set(m.as('pharmacist', 'seed-mmt-pharmacist'));
    expect(stock.body.openDiscrepancies).toHaveLength(1);
    const queue = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.id}/today`)
      .set(m.as('nurse', 'seed-mmt-nurse-lan'));
    expect(queue.body.items.length).toBeGreaterThan(10);
    const verify = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.id}/register/verify`)
      .set(m.as('pharmacist', 'seed-mmt-pharmacist'));
    expect(verify.body.valid).toBe(true);
    const again = await seedMethadone({ gw, sign, today: TODAY, persons, concurrency: 4 });
    expect(again).toMatch(/0 patients enrolled now \(40 already\)/);
  }, 600_000);
});
