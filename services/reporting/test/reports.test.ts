import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure, startReporting, type ReportingHarness } from './support.ts';

let reporting: ReportingHarness;
const labourLeader = () => reporting.as({ agency: 'labour', roles: ['leader'] });

beforeAll(async () => {
  reporting = await startReporting({ consume: false });
});
afterAll(async () => {
  await reporting?.stop();
});

describe('targets (PUT /reporting/v1/targets/{year}/{unitCode})', () => {
  it('sets the Sơn Dương-shaped targets and reports the share achieved', async () => {
    const { province } = reporting.units;
    const put = await reporting
      .api()
      .put(`/reporting/v1/targets/2026/${province}`)
      .set(labourLeader())
      .send({
        'compulsory-total': 62,
        'voluntary-home': 24,
        'voluntary-facility': 6,
        'compulsory-dossiers-compiled': 20,
        'campaign-communes-reached': 3,
      });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      year: 2026,
      unitCode: province,
      values: { 'compulsory-total': 62 },
    });
    const shown = await reporting
      .api()
      .get(`/reporting/v1/indicators?period=2026&unitCode=${province}`)
      .set(labourLeader());
    expect(figure(shown.body, 'compulsory-total')).toMatchObject({
      value: 0,
      target: 62,
      achieved: 0,
    });
    expect(figure(shown.body, 'management-list')).toMatchObject({ target: null, achieved: null });
  });

  it('refuses an id outside the catalogue and a negative value, naming it, and writes nothing', async () => {
    const { communes } = reporting.units;
    const unknown = await reporting
      .api()
      .put(`/reporting/v1/targets/2026/${communes[0]}`)
      .set(labourLeader())
      .send({ 'voluntary-home': 3, 'no-such-indicator': 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('no-such-indicator');
    const negative = await reporting
      .api()
      .put(`/reporting/v1/targets/2026/${communes[0]}`)
      .set(labourLeader())
      .send({ 'voluntary-home': -1 });
    expect(negative.status).toBe(400);
    const stored = await reporting
      .api()
      .get(`/reporting/v1/targets/2026/${communes[0]}`)
      .set(labourLeader());
    expect(stored.body.values).toEqual({});
  });
});

describe('manual activities (POST /reporting/v1/activities)', () => {
  it("lets a commune officer enter the commune's own activities, which add up in the province", async () => {
    const { communes, province } = reporting.units;
    const officer = (unit: string) =>
      reporting.as({ agency: 'commune', roles: ['officer'], orgUnit: unit });
    for (const [unit, value] of [
      [communes[0], 1],
      [communes[1], 1],
    ] as const) {
      const res = await reporting.api().post('/reporting/v1/activities').set(officer(unit)).send({
        unitCode: unit,
        period: '2026Q2',
        activity: 'campaign-communes-reached',
        value,
        note: 'Tuyên truyền tại nhà văn hóa',
      });
      expect(res.status).toBe(201);
    }
    // A correction replaces the earlier value instead of adding to it.
    await reporting.api().post('/reporting/v1/activities').set(officer(communes[0])).send({
      unitCode: communes[0],
      period: '2026Q2',
      activity: 'campaign-communes-reached',
      value: 1,
    });
    const other = await reporting
      .api()
      .post('/reporting/v1/activities')
      .set(officer(communes[0]))
      .send({
        unitCode: communes[1],
        period: '2026Q2',
        activity: 'campaign-communes-reached',
        value: 5,
      });
    expect(other.status).toBe(403);
    const unknown = await reporting
      .api()
      .post('/reporting/v1/activities')
      .set(officer(communes[0]))
      .send({ unitCode: communes[0], period: '2026Q2', activity: 'parades', value: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('activity');
    const report = await reporting
      .api()
      .get(`/reporting/v1/indicators?period=2026Q2&unitCode=${province}`)
      .set(labourLeader());
    expect(
      report.body.activities.find((a: { id: string }) => a.id === 'campaign-communes-reached'),
    ).toMatchObject({ value: 2 });
  });
});

describe('submission (POST /reporting/v1/reports/{period}/{unitCode}/submit) and completeness', () => {
  it('freezes version 1, then 2 for a revision, and never reuses a version under concurrent submits', async () => {
    const unit = reporting.units.communes[2];
    const submit = () =>
      reporting.api().post(`/reporting/v1/reports/2026Q1/${unit}/submit`).set(labourLeader());
    const first = await submit();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      version: 1,
      period: '2026Q1',
      unitCode: unit,
      dueDate: '2026-03-15',
    });
    const second = await submit();
    expect(second.body.version).toBe(2);
    const racing = await Promise.all([submit(), submit(), submit(), submit(), submit()]);
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(racing.map((r) => r.body.version).sort()).toEqual([3, 4, 5, 6, 7]);
    const latest = await reporting
      .api()
      .get(`/reporting/v1/reports/2026Q1/${unit}`)
      .set(labourLeader());
    expect(latest.body.version).toBe(7);
  });

  it('shows which communes submitted and which on time against the due date (15th of the quarter’s last month)', async () => {
    const [onTime, late] = reporting.units.communes;
    reporting.setNow(new Date('2026-06-10T03:00:00Z'));
    await reporting
      .api()
      .post(`/reporting/v1/reports/2026Q2/${onTime}/submit`)
      .set(labourLeader())
      .expect(201);
    reporting.setNow(new Date('2026-06-20T03:00:00Z'));
    await reporting
      .api()
      .post(`/reporting/v1/reports/2026Q2/${late}/submit`)
      .set(labourLeader())
      .expect(201);
    const res = await reporting
      .api()
      .get(`/reporting/v1/completeness?period=2026Q2&unitCode=${reporting.units.province}`)
      .set(labourLeader());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dueDate: '2026-06-15', expected: 3, submitted: 2, onTime: 1 });
    expect(
      res.body.units.map((u: { unitCode: string; submitted: boolean; onTime: boolean }) => [
        u.unitCode,
        u.submitted,
        u.onTime,
      ]),
    ).toEqual([
      [onTime, true, true],
      [late, true, false],
      [reporting.units.communes[2], false, false],
    ]);
  });

  it('answers 404 for a report never submitted', async () => {
    const res = await reporting
      .api()
      .get(`/reporting/v1/reports/2026S2/${reporting.units.province}`)
      .set(labourLeader());
    expect(res.status).toBe(404);
  });
});

describe('exports', () => {
  it('gives the report as CSV in the official table order, with Vietnamese names intact', async () => {
    const { province } = reporting.units;
    const res = await reporting
      .api()
      .get(`/reporting/v1/reports/2026/${province}.csv`)
      .set(labourLeader());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`Báo cáo kỳ 2026,Tỉnh Thử (${province})`);
    expect(lines[1]).toBe(
      'Mục,STT,Mã chỉ tiêu,Chỉ tiêu,Indicator,Kết quả kỳ báo cáo,Chỉ tiêu năm,Tỷ lệ đạt (%)',
    );
    expect(lines[2]).toMatch(
      /^I,1,management-list,Người sử dụng trái phép chất ma túy có hồ sơ quản lý,/,
    );
    // Section II starts with the compulsory total (row 1) before its parts (1.1, 1.2).
    const compulsory = lines.filter((l) => l.startsWith('II,1'));
    expect(compulsory.map((l) => l.split(',')[2])).toEqual([
      'compulsory-total',
      'compulsory-new',
      'compulsory-carried-over',
      'in-compulsory',
    ]);
    expect(lines.find((l) => l.includes('compulsory-total'))).toMatch(/,0,62,0$/);
  });

  it('gives the same table as an XLSX workbook', async () => {
    const { province } = reporting.units;
    const res = await reporting
      .api()
      .get(`/reporting/v1/reports/2026/${province}.xlsx`)
      .set(labourLeader())
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer (an ArrayBuffer): hand it the bytes as one.
    const bytes = res.body as Buffer;
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Báo cáo 2026');
    expect(sheet?.getRow(3).values).toEqual([
      undefined,
      'Mục',
      'STT',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Indicator',
      'Kết quả kỳ báo cáo',
      'Chỉ tiêu năm',
      'Tỷ lệ đạt',
    ]);
    const total = sheet?.getRows(4, 40)?.find((row) => row.getCell(3).value === 'compulsory-total');
    expect([total?.getCell(4).value, total?.getCell(6).value, total?.getCell(7).value]).toEqual([
      'Cai nghiện bắt buộc: tổng số trong kỳ',
      0,
      62,
    ]);
  });

  it("gives DHIS2 dataValueSets with DHIS2's period id and the configured data elements", async () => {
    const { province } = reporting.units;
    const res = await reporting
      .api()
      .get(`/reporting/v1/reports/2026M01/${province}/dhis2`)
      .set(labourLeader());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dataSet: 'REHAB_REPORT',
      period: '202601',
      orgUnit: province,
      attributeOptionCombo: 'HllvX50cXC0',
    });
    expect(res.body.dataValues).toContainEqual(
      expect.objectContaining({
        dataElement: 'REHAB_MGMT_LIST',
        categoryOptionCombo: 'HllvX50cXC0',
        value: '0',
      }),
    );
    expect(res.body.dataValues).toContainEqual(
      expect.objectContaining({
        dataElement: 'REHAB_MGMT_LIST',
        categoryOptionCombo: 'REHAB_MALE',
        value: '0',
      }),
    );
    const quarter = await reporting
      .api()
      .get(`/reporting/v1/reports/2026Q3/${province}/dhis2`)
      .set(labourLeader());
    expect(quarter.body.period).toBe('2026Q3');
  });
});
