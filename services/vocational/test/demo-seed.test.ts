// The demo seed's vocational part (scripts/seed/demo-vocational.ts) against this service on
// the test stack: it creates courses, enrolments, placements, a certified loan list and its
// loans, and a second run adds nothing.
import { listen } from '@rehab/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateway } from '../../../scripts/seed/demo-http.ts';
import { seedVocational } from '../../../scripts/seed/demo-vocational.ts';
import { startVocational, type VocationalHarness } from './support.ts';

let h: VocationalHarness;
let close: () => Promise<void>;
let baseUrl: string;
const TODAY = '2026-12-03';

beforeAll(async () => {
  h = await startVocational({ today: TODAY });
  const server = await listen(h.service.app, 0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${server.port}`;
  close = () => server.close();
});
afterAll(async () => {
  await close?.();
  await h?.stop();
});

describe('the vocational demo seed', () => {
  it('seeds courses, enrolments, placements, a certified loan list and loans, once', async () => {
    const persons = [];
    for (let i = 0; i < 3; i++) {
      persons.push(
        await h.postRehabPerson({
          completedOn: '2026-10-01',
          decidedOn: '2026-10-05',
          unitCode: '99001',
        }),
      );
    }
    const sign = (claims: Parameters<VocationalHarness['as']>[0]) =>
      h.as(claims).Authorization.replace(/^Bearer /, '');
    const gw = gateway(baseUrl);
    const first = await seedVocational({ gw, sign, today: TODAY });
    expect(first).toMatch(/2 courses/);
    expect(first).toMatch(/a certified loan list of [1-5]/);
    const loans = await Promise.all(persons.map((p) => h.service.deps.loans.byPerson(p.personId)));
    expect(loans.flat().length).toBeGreaterThan(0);
    const second = await seedVocational({ gw, sign, today: TODAY });
    expect(second).toMatch(/0 new placements, a certified loan list of 0, 0 new loans/);
    const courses = await h.api().get('/vocational/v1/courses?unitCode=99').set(h.as());
    expect(courses.body.items).toHaveLength(2);
    const again = await Promise.all(persons.map((p) => h.service.deps.loans.byPerson(p.personId)));
    expect(again.flat().length).toBe(loans.flat().length);
  }, 120_000);
});
