// The leaders' dashboard in a real browser (Debian's chromium, driven by playwright-core):
// the page loads its chart library from the service itself, renders the figures of the
// API in Vietnamese, and a screenshot is kept in .test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listen } from '@rehab/service-kit';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReporting, type ReportingHarness } from './support.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Where `npm test` keeps its results (scripts/test.sh).
const RESULTS =
  process.env.TEST_RESULTS_DIR ?? join(import.meta.dirname, '../../../.data/test-results');

let reporting: ReportingHarness;
let browser: Browser;
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  reporting = await startReporting({ consume: false });
  server = await listen(reporting.service.app, 0, '127.0.0.1');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await reporting?.stop();
});

describe('GET /reporting/ (the dashboard)', () => {
  it('renders each indicator against its target, the units and completeness, as the API gives them', async () => {
    const { province, communes } = reporting.units;
    const leader = reporting.as({ agency: 'labour', roles: ['leader'] });
    await reporting
      .api()
      .put(`/reporting/v1/targets/2026/${province}`)
      .set(leader)
      .send({ 'compulsory-total': 62, 'voluntary-home': 24 })
      .expect(200);
    await reporting
      .api()
      .post(`/reporting/v1/reports/2026Q1/${communes[0]}/submit`)
      .set(leader)
      .expect(201);
    const api = (
      await reporting
        .api()
        .get(`/reporting/v1/indicators?period=2026Q1&unitCode=${province}`)
        .set(leader)
    ).body as {
      items: { id: string; value: unknown; available: boolean }[];
    };

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const token = leader.Authorization.replace('Bearer ', '');
    await page.goto(
      `http://127.0.0.1:${server.port}/reporting/?period=2026Q1&unitCode=${province}#token=${token}`,
    );
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

    expect(await page.title()).toBe('Báo cáo phòng, chống ma túy');
    const rows = await page.$$eval('#figures tr', (trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-indicator'),
        value: tr.getAttribute('data-value'),
        cells: [...tr.children].map((td) => td.textContent),
      })),
    );
    const available = api.items.filter((i) => i.available);
    expect(rows.map((r) => r.id)).toEqual(available.map((i) => i.id));
    expect(rows.map((r) => r.value)).toEqual(available.map((i) => String(i.value)));
    expect(rows.find((r) => r.id === 'compulsory-total')?.cells.slice(1)).toEqual([
      'Cai nghiện bắt buộc: tổng số trong kỳ',
      '0',
      '62',
      '0.0%',
    ]);
    // One row per commune valid in the period; the first commune submitted.
    expect(
      await page.$$eval('#units tr', (trs) => trs.map((tr) => tr.getAttribute('data-unit'))),
    ).toEqual([...communes]);
    expect(await page.textContent('#completeness-summary')).toBe(
      'Hạn nộp 2026-03-15: 1/3 đơn vị đã nộp, 0 đúng hạn.',
    );
    // The chart library came from the service: a canvas is drawn.
    expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);

    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'reporting-dashboard.png'), fullPage: true });
    await page.close();
  });
});
