import { eventually } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure, startReporting, testPerson, type ReportingHarness } from './support.ts';

let reporting: ReportingHarness;
const police = () => reporting.as({ agency: 'police', roles: ['analyst'] });
const labourAnalyst = () => reporting.as({ agency: 'labour', roles: ['analyst'] });

const indicators = (query: string, auth = police()) =>
  reporting.api().get(`/reporting/v1/indicators?${query}`).set(auth);

beforeAll(async () => {
  reporting = await startReporting();
  // A fresh consumer group reads the shared broker's history first; wait until it is live.
  const warmUp = testPerson({ unitCode: reporting.units.communes[2] });
  await reporting.publish(warmUp.registered(), warmUp.detected('2026-06-01', '2027-05-31'));
  await eventually(
    () => indicators(`period=2026M06&unitCode=${reporting.units.communes[2]}`),
    (res) => figure(res.body, 'users-detected')?.value === 1,
    60_000,
  );
});
afterAll(async () => {
  await reporting?.stop();
});

describe('GET /reporting/v1/indicators (live read models)', () => {
  it('counts a detected user on the management list within seconds of the events, in the commune and the province', async () => {
    const person = testPerson({
      unitCode: reporting.units.communes[1],
      sex: 'female',
      dateOfBirth: '2009-03-01',
      ethnicity: 'Tày',
    });
    const started = Date.now();
    await reporting.publish(person.registered(), person.detected('2026-01-20', '2027-01-19'));
    const body = (
      await eventually(
        () => indicators(`period=2026Q1&unitCode=${reporting.units.communes[1]}&breakdown=sex`),
        (res) =>
          figure(res.body, 'management-list')?.value === 1 &&
          figure(res.body, 'users-detected')?.value === 1,
        20_000,
      )
    ).body;
    const lagMs = Date.now() - started;
    expect(lagMs).toBeLessThan(5_000);
    expect(figure(body, 'management-list')).toMatchObject({
      value: 1,
      cells: { female: 1, male: 0, unknown: 0 },
      available: true,
    });
    expect(body.asOf).toEqual(expect.any(String));
    expect(body).toMatchObject({
      period: '2026Q1',
      unitCode: reporting.units.communes[1],
      from: '2026-01-01',
      to: '2026-03-31',
    });
    const province = await indicators(
      `period=2026Q1&unitCode=${reporting.units.province}&breakdown=ageBand`,
    );
    expect(figure(province.body, 'management-list')).toMatchObject({ cells: { '16-17': 1 } });
    // The term started in 2026: nothing on the list at the end of 2025.
    const before = await indicators(`period=2025Q4&unitCode=${reporting.units.province}`);
    expect(figure(before.body, 'management-list')?.value).toBe(0);
    console.info(`reporting: event-to-indicator lag ${lagMs} ms`);
  });

  it('counts each modality from treatment cases and the compulsory dossier steps', async () => {
    const unitCode = reporting.units.communes[2];
    const home = testPerson({ unitCode });
    const compulsory = testPerson({ unitCode });
    const homeCase = uuidv7();
    const compulsoryCase = uuidv7();
    await reporting.publish(
      home.registered(),
      compulsory.registered(),
      home.caseOpened(homeCase, 'voluntary-home', 'awaiting-decision', '2026-01-05'),
      home.caseChanged(homeCase, 'voluntary-home', 'in-rehab', '2026-01-06'),
      compulsory.caseOpened(compulsoryCase, 'compulsory', 'dossier-in-preparation', '2025-11-01'),
      compulsory.caseChanged(compulsoryCase, 'compulsory', 'dossier-compiled', '2025-11-10'),
      compulsory.caseChanged(compulsoryCase, 'compulsory', 'court-decided', '2025-12-01'),
      compulsory.caseChanged(compulsoryCase, 'compulsory', 'admitted', '2025-12-05'),
    );
    const q1 = (
      await eventually(
        () => indicators(`period=2026Q1&unitCode=${unitCode}`),
        (res) =>
          figure(res.body, 'compulsory-carried-over')?.value === 1 &&
          figure(res.body, 'voluntary-home')?.value === 1,
        20_000,
      )
    ).body;
    expect(figure(q1, 'compulsory-new')?.value).toBe(0);
    expect(figure(q1, 'compulsory-total')?.value).toBe(1);
    expect(figure(q1, 'in-compulsory')?.value).toBe(1);
    const q4 = (await indicators(`period=2025Q4&unitCode=${unitCode}`)).body;
    expect(figure(q4, 'compulsory-dossiers-compiled')?.value).toBe(1);
    expect(figure(q4, 'compulsory-court-decided')?.value).toBe(1);
    expect(figure(q4, 'compulsory-new')?.value).toBe(1);
    expect(figure(q4, 'voluntary-home')?.value).toBe(0);
  });

  it('shows counts of 1-4 as "<5" to a labour analyst, with complementary suppression, and exact counts to the police', async () => {
    const unitCode = reporting.units.communes[0];
    const persons = [1, 2, 3, 4, 5, 6, 7].map((i) =>
      testPerson({ unitCode, sex: i <= 2 ? 'female' : 'male' }),
    );
    await reporting.publish(
      ...persons.flatMap((p) => [p.registered(), p.detected('2026-02-02', '2027-02-01')]),
    );
    await eventually(
      () => indicators(`period=2026M02&unitCode=${unitCode}`),
      (res) => Number(figure(res.body, 'users-detected')?.value) >= 7,
      20_000,
    );
    const exact = (await indicators(`period=2026M02&unitCode=${unitCode}&breakdown=sex`)).body;
    expect(figure(exact, 'users-detected')).toMatchObject({
      value: 7,
      cells: { female: 2, male: 5 },
    });
    const hidden = (
      await indicators(`period=2026M02&unitCode=${unitCode}&breakdown=sex`, labourAnalyst())
    ).body;
    // female 2 is small; male 5 must go too, or 7 - 5 would give the 2 back.
    expect(figure(hidden, 'users-detected')).toMatchObject({
      value: 7,
      cells: { female: '<5', male: '<5', unknown: 0 },
      suppressed: true,
    });
  });

  it('refuses a bad period, breakdown or unit, naming the field', async () => {
    const { province, formerCommune, communes } = reporting.units;
    const badPeriod = await indicators(`period=2026Q5&unitCode=${province}`);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].field).toBe('query.period');
    const badBreakdown = await indicators(`period=2026Q1&unitCode=${province}&breakdown=religion`);
    expect(badBreakdown.status).toBe(400);
    expect(badBreakdown.body.errors[0].field).toBe('query.breakdown');
    // The former commune was merged on 2025-07-01: a 2026 report cannot name it.
    const gone = await indicators(`period=2026Q1&unitCode=${formerCommune}`);
    expect(gone.status).toBe(422);
    expect(gone.body.errors[0].field).toBe('unitCode');
    const old = await indicators(`period=2025Q1&unitCode=${formerCommune}`);
    expect(communes).toHaveLength(3);
    expect(old.status).toBe(200);
  });

  it('refuses readers without a grant and outside their unit', async () => {
    const court = await indicators(
      `period=2026Q1&unitCode=${reporting.units.province}`,
      reporting.as({ agency: 'court', roles: ['district-judge'] }),
    );
    expect(court.status).toBe(403);
    const commune = await indicators(
      `period=2026Q1&unitCode=${reporting.units.communes[1]}`,
      reporting.as({ agency: 'commune', roles: ['officer'], orgUnit: reporting.units.communes[0] }),
    );
    expect(commune.status).toBe(403);
  });
});
