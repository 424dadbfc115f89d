import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_COLLECTION } from '../src/store/site-ledger.ts';
import { startMethadone, type ClinicUnderTest, type MethadoneHarness } from './support.ts';

const TODAY = '2026-09-14';
let m: MethadoneHarness;
let clinic: ClinicUnderTest;
beforeAll(async () => {
  m = await startMethadone({ today: TODAY });
  clinic = await m.clinic({ stockBottles: 0 });
});
afterAll(async () => {
  await m?.stop();
});

const stock = async (siteId: string) =>
  (await m.api().get(`/methadone/v1/sites/${siteId}/stock`).set(m.as('pharmacist'))).body;
const post = (
  path: string,
  body: Record<string, unknown>,
  role: 'pharmacist' | 'nurse' | 'clinic-director' = 'pharmacist',
  sub?: string,
) => m.api().post(`/methadone/v1/sites/${path}`).set(m.as(role, sub)).send(body);

describe('stock receipts, issues between sites and wastage (Circular 26/2023)', () => {
  it('receives bottles into a lot in millilitres, and issues from the clinic to its dispensing point', async () => {
    const res = await post(`${clinic.clinicId}/stock/receipts`, {
      lot: 'MTD-2026-01',
      bottles: 2,
      mlPerBottle: 1000,
      mgPerMl: 10,
      receivedOn: TODAY,
      expiresOn: '2028-06-30',
    });
    expect(res.status).toBe(201);
    expect(res.body.stock.lots).toEqual([
      expect.objectContaining({
        lot: 'MTD-2026-01',
        balanceMl: 2000,
        mgPerMl: 10,
        expiresOn: '2028-06-30',
      }),
    ]);
    const issued = await post(`${clinic.pointId}/stock/receipts`, {
      lot: 'MTD-2026-01',
      bottles: 1,
      mlPerBottle: 500,
      mgPerMl: 10,
      receivedOn: TODAY,
      fromSiteId: clinic.clinicId,
    });
    expect(issued.status).toBe(201);
    expect((await stock(clinic.pointId)).lots[0].balanceMl).toBe(500);
    expect((await stock(clinic.clinicId)).lots[0].balanceMl).toBe(1500);
    const tooMuch = await post(`${clinic.pointId}/stock/receipts`, {
      lot: 'MTD-2026-01',
      bottles: 10,
      mlPerBottle: 1000,
      mgPerMl: 10,
      receivedOn: TODAY,
      fromSiteId: clinic.clinicId,
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.code).toBe('insufficient-stock');
    expect((await stock(clinic.pointId)).lots[0].balanceMl).toBe(500);
  });

  it('records wastage with its reason, never below zero; bad input names the field', async () => {
    const res = await post(
      `${clinic.pointId}/stock/wastage`,
      { lot: 'MTD-2026-01', ml: 12.5, reason: 'Đổ vỡ khi rót' },
      'nurse',
    );
    expect(res.status).toBe(201);
    expect(res.body.stock.lots[0].balanceMl).toBe(487.5);
    const over = await post(`${clinic.pointId}/stock/wastage`, {
      lot: 'MTD-2026-01',
      ml: 1000,
      reason: 'x',
    });
    expect(over.body.code).toBe('insufficient-stock');
    const unknown = await post(`${clinic.pointId}/stock/wastage`, {
      lot: 'NOPE',
      ml: 1,
      reason: 'x',
    });
    expect(unknown.body.code).toBe('unknown-lot');
    const bad = await post(`${clinic.pointId}/stock/wastage`, {
      lot: 'MTD-2026-01',
      ml: -1,
      reason: 'x',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/ml/);
    const nurseReceipt = await post(
      `${clinic.pointId}/stock/receipts`,
      { lot: 'X', bottles: 1, mlPerBottle: 1, mgPerMl: 10, receivedOn: TODAY },
      'nurse',
    );
    expect(nurseReceipt.status).toBe(403);
  });
});

describe('counts reconcile against the ledger; a discrepancy waits for a second person', () => {
  it('takes a count within the tolerance at once', async () => {
    const res = await post(`${clinic.pointId}/stock/counts`, {
      countedOn: TODAY,
      lot: 'MTD-2026-01',
      ml: 487,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'reconciled', differenceMl: -0.5, toleranceMl: 1 });
    expect((await stock(clinic.pointId)).lots[0].balanceMl).toBe(487);
  });

  it('keeps a larger difference open until a different staff member confirms it', async () => {
    const res = await post(`${clinic.pointId}/stock/counts`, {
      countedOn: TODAY,
      lot: 'MTD-2026-01',
      ml: 480,
    });
    expect(res.body).toMatchObject({ status: 'awaiting-confirmation', differenceMl: -7 });
    const open = await stock(clinic.pointId);
    expect(open.lots[0].balanceMl).toBe(487);
    expect(open.openDiscrepancies).toEqual([
      expect.objectContaining({ countId: res.body.countId, differenceMl: -7 }),
    ]);
    const same = await post(`${clinic.pointId}/stock/counts/${res.body.countId}/confirm`, {});
    expect(same.status).toBe(422);
    expect(same.body.code).toBe('same-confirmer');
    const second = await post(
      `${clinic.pointId}/stock/counts/${res.body.countId}/confirm`,
      { note: 'Đã kiểm lại' },
      'nurse',
    );
    expect(second.status).toBe(201);
    expect(second.body.stock).toMatchObject({
      openDiscrepancies: [],
      lots: [expect.objectContaining({ balanceMl: 480 })],
    });
    // Confirming again adds nothing: the confirmation already in the book is the answer.
    const twice = await post(
      `${clinic.pointId}/stock/counts/${res.body.countId}/confirm`,
      {},
      'clinic-director',
    );
    expect(twice.body.entry.seq).toBe(second.body.entry.seq);
    expect((await stock(clinic.pointId)).lots[0].balanceMl).toBe(480);
    const none = await post(`${clinic.pointId}/stock/counts/999/confirm`, {}, 'clinic-director');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('discrepancy-not-found');
  });
});

describe('the dispensing register: append-only, hash-chained, verified', () => {
  it("returns the day's register in the layout of the official book", async () => {
    const res = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.pointId}/register?date=${TODAY}`)
      .set(m.as('pharmacist'));
    expect(res.status).toBe(200);
    expect(res.body.book.vi).toBe('Sổ theo dõi cấp phát thuốc Methadone');
    expect(res.body.columns[0]).toMatchObject({ key: 'seq', vi: 'STT' });
    expect(res.body.rows.map((r: { kind: string }) => r.kind)).toEqual([
      'receipt',
      'wastage',
      'count',
      'count',
      'adjustment',
    ]);
    expect(res.body.rows[1]).toMatchObject({
      seq: 2,
      ml: -12.5,
      balanceMl: 487.5,
      staff: { userId: m.staff.nurse, fullName: 'ĐD. Nguyễn Thị Lan' },
    });
    const bad = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.pointId}/register?date=2026-02-30`)
      .set(m.as('pharmacist'));
    expect(bad.status).toBe(400);
  });

  it('adds a correction as a new entry pointing to the one it corrects', async () => {
    const res = await post(
      `${clinic.pointId}/register/corrections`,
      { corrects: 2, note: 'Ghi nhầm lý do hao hụt' },
      'nurse',
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'correction', corrects: 2, seq: 6 });
    const missing = await post(
      `${clinic.pointId}/register/corrections`,
      { corrects: 99, note: 'x' },
      'nurse',
    );
    expect(missing.status).toBe(404);
  });

  it('verifies the chain, and names the first broken entry after a stored entry is altered', async () => {
    const ok = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.pointId}/register/verify`)
      .set(m.as('clinic-director'));
    expect(ok.body).toMatchObject({ valid: true, entries: 6 });
    // Tamper directly in the database, as someone with access to it could.
    const entries = m.service.platform.connection.collection(REGISTER_COLLECTION);
    const altered = await entries.updateOne(
      { siteId: clinic.pointId, seq: 2 },
      { $set: { deltaUl: -2_500 } },
    );
    expect(altered.modifiedCount).toBe(1);
    const broken = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.pointId}/register/verify`)
      .set(m.as('clinic-director'));
    expect(broken.body).toMatchObject({
      valid: false,
      firstBroken: { seq: 2, reason: 'content-altered' },
    });
    // The other site's chain is untouched.
    const other = await m
      .api()
      .get(`/methadone/v1/sites/${clinic.clinicId}/register/verify`)
      .set(m.as('clinic-director'));
    expect(other.body.valid).toBe(true);
  });
});
