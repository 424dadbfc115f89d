// An event counts once even when its processing fails between two counter writes: the
// consumer delivers it again, and the intent the first attempt left on the person's record
// finishes the counters that had not moved, skipping the one that had (apply-event.ts).
// Before, the second attempt moved every counter again and the first one counted twice.
import { eventually } from '@rehab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure, startReporting, testPerson, type ReportingHarness } from './support.ts';

let reporting: ReportingHarness;
/** The person whose next event fails after its first counter write, once. */
let failFor: string | undefined;
let failures = 0;

beforeAll(async () => {
  reporting = await startReporting({
    faults: {
      afterSeriesWrite(pseudonym) {
        if (pseudonym !== failFor) return;
        failFor = undefined;
        failures += 1;
        throw new Error('injected: the write after the first counter failed');
      },
    },
  });
});
afterAll(async () => {
  await reporting?.stop();
});

describe('an event whose counters were written in part', () => {
  it('counts once when delivered again: the management list, the detection, in the commune and the province', async () => {
    const commune = reporting.units.communes[2];
    const person = testPerson({ unitCode: commune });
    await reporting.publish(person.registered());
    failFor = reporting.service.deps.pseudonym(person.personId);
    await reporting.publish(person.detected('2026-04-06', '2027-04-05'));
    const police = reporting.as({ agency: 'police', roles: ['analyst'] });
    const read = (unitCode: string) =>
      reporting
        .api()
        .get(`/reporting/v1/indicators?period=2026Q2&unitCode=${unitCode}`)
        .set(police);
    const counted = (body: Parameters<typeof figure>[0]) =>
      figure(body, 'management-list')?.value === 1 && figure(body, 'users-detected')?.value === 1;
    await eventually(
      () => read(commune),
      (res) => counted(res.body),
      60_000,
    );
    expect(failures).toBe(1);
    // Let any further attempt land before the figures are read for good.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const unitCode of [commune, reporting.units.province]) {
      const body = (await read(unitCode)).body;
      expect(figure(body, 'management-list')?.value, unitCode).toBe(1);
      expect(figure(body, 'users-detected')?.value, unitCode).toBe(1);
    }
  });
});
