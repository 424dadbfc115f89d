import { eventually, uniqueDatabaseUrl } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import { consumedTopics } from '../src/catalogue.ts';
import { noFacts } from '../src/domain/person-facts.ts';
import { figure, startReporting, testPerson, type ReportingHarness } from './support.ts';

let reporting: ReportingHarness | undefined;
afterAll(async () => {
  await reporting?.stop();
});

/** The messages on the topics the service consumes, as the broker holds them now. */
async function messagesOnTopics(harness: ReportingHarness): Promise<number> {
  let total = 0;
  for (const topic of consumedTopics)
    for (const { low, high } of await harness.service.platform.bus.endOffsets(topic))
      total += Number(high) - Number(low);
  return total;
}

describe('POST /reporting/v1/ops/rebuild', () => {
  it('replays every topic into fresh read models and switches over; the rebuilt figures equal the live ones', async () => {
    reporting = await startReporting({ rebuildGraceMs: 2_000 });
    await rebuildEqualsLive(reporting, 1);
    await reporting.stop();
    reporting = undefined;
  }, 420_000);

  it('replays in several passes, each holding a share of the persons, with the same figures', async () => {
    // A pass a third of the broker's history: three passes at least (other tests publish).
    const probe = await startReporting({ consume: false });
    const perPass = Math.max(1, Math.ceil((await messagesOnTopics(probe)) / 3));
    await probe.stop();
    reporting = await startReporting(
      { rebuildGraceMs: 2_000 },
      { REBUILD_EVENTS_PER_PASS: String(perPass) },
    );
    await rebuildEqualsLive(reporting, 3);
    await reporting.stop();
    reporting = undefined;
  }, 600_000);

  it('is one at a time across replicas, which report the same status; one whose instance died shows as interrupted, and the next deletes what it left', async () => {
    const shared = { MONGO_URL: uniqueDatabaseUrl('reporting') };
    const one = await startReporting({ rebuildGraceMs: 2_000, consume: false }, shared);
    const two = await startReporting({ rebuildGraceMs: 2_000, consume: false }, shared);
    try {
      const operator = (replica: ReportingHarness) =>
        replica.as({ agency: 'it', roles: ['operator'] });
      const status = (replica: ReportingHarness) =>
        replica.api().get('/reporting/v1/ops/rebuild').set(operator(replica));
      const rebuild = (replica: ReportingHarness) =>
        replica.api().post('/reporting/v1/ops/rebuild').set(operator(replica));
      const started = await rebuild(one);
      expect(started.status).toBe(202);
      const refused = await rebuild(two);
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(refused.body.code).toBe('rebuild-running');
      expect((await status(two)).body).toMatchObject({ generation: started.body.generation });
      const done = await eventually(
        () => status(two),
        (res) => res.body.state !== 'running',
        200_000,
        200,
      );
      expect(done.body).toMatchObject({ state: 'switched', generation: started.body.generation });
      // A rebuild whose instance died mid-way: its status stays "running" without a beat.
      const statuses = two.service.platform.connection.collection<{ status: string }>(
        'readModelRebuild',
      );
      // It had written part of its generation, which answers nothing.
      const half = `gdead${Date.now().toString(36)}`;
      await two.service.deps.readModels(half).load(new Map([['someone', noFacts]]), new Map());
      const persons = two.service.platform.connection.collection('readModelPersons');
      expect(await persons.countDocuments({ generation: half })).toBe(1);
      const died = {
        ...done.body,
        generation: half,
        state: 'running',
        heartbeatAt: '2026-01-01T00:00:00.000Z',
      };
      await statuses.updateOne(
        { _id: 'current' as never },
        { $set: { status: JSON.stringify(died) } },
      );
      expect((await status(one)).body).toMatchObject({
        state: 'failed',
        error: expect.stringContaining('interrupted'),
      });
      const again = await rebuild(two);
      expect(again.status, JSON.stringify(again.body)).toBe(202);
      await eventually(
        () => status(one),
        (res) => res.body.state === 'switched' && res.body.generation === again.body.generation,
        200_000,
        200,
      );
      expect(await persons.countDocuments({ generation: half })).toBe(0);
    } finally {
      await one.stop();
      await two.stop();
    }
  }, 600_000);
});

async function rebuildEqualsLive(reporting: ReportingHarness, minPasses: number): Promise<void> {
  const [first, second] = reporting.units.communes;
  const a = testPerson({ unitCode: first, sex: 'female' });
  const b = testPerson({ unitCode: second });
  const kase = uuidv7();
  await reporting.publish(
    a.registered(),
    b.registered(),
    a.detected('2026-01-03', '2027-01-02'),
    b.detected('2026-02-03', '2027-02-02'),
    b.concluded('2026-02-20'),
    b.caseOpened(kase, 'voluntary-facility', 'awaiting-admission', '2026-02-25'),
    b.caseChanged(kase, 'voluntary-facility', 'in-rehab', '2026-03-01'),
  );
  const police = reporting.as({ agency: 'police', roles: ['analyst'] });
  const read = (period: string, breakdown: string) =>
    reporting
      .api()
      .get(
        `/reporting/v1/indicators?period=${period}&unitCode=${reporting.units.province}&breakdown=${breakdown}`,
      )
      .set(police);
  const catchUp = Date.now();
  const live = await eventually(
    () => read('2026Q1', 'sex'),
    // Topics are consumed side by side: wait for the slowest (the registry's long history).
    (res) =>
      figure(res.body, 'voluntary-facility')?.value === 1 &&
      figure(res.body, 'determined-addicted')?.value === 1 &&
      figure(res.body, 'users-detected')?.value === 2 &&
      (figure(res.body, 'voluntary-facility') as { cells?: { male?: number } } | undefined)?.cells
        ?.male === 1,
    60_000,
  );
  console.info(`reporting: live consumer caught up with the broker in ${Date.now() - catchUp} ms`);
  expect(figure(live.body, 'management-list')?.value).toBe(1); // b's term stopped on the addicted conclusion
  expect(figure(live.body, 'determined-addicted')?.value).toBe(1);
  const liveYear = await read('2026', 'substance');

  const operator = reporting.as({ agency: 'it', roles: ['operator'] });
  const started = await reporting.api().post('/reporting/v1/ops/rebuild').set(operator);
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ state: 'running', total: expect.any(Number) });
  const again = await reporting.api().post('/reporting/v1/ops/rebuild').set(operator);
  expect(again.status).toBe(409);
  const done = await eventually(
    () => reporting.api().get('/reporting/v1/ops/rebuild').set(operator),
    (res) => res.body.state !== 'running',
    200_000,
    200,
  );
  console.info(`reporting: rebuild status ${JSON.stringify(done.body)}`);
  expect(done.body).toMatchObject({ state: 'switched', generation: started.body.generation });
  expect(done.body.applied).toBe(done.body.total);
  expect(done.body.passes).toBeGreaterThanOrEqual(minPasses);
  expect(done.body.pass).toBe(done.body.passes);
  console.info(
    `reporting: rebuilt ${done.body.total} events at ${done.body.eventsPerSecond} events/s`,
  );
  expect(await reporting.service.deps.generations.active()).toBe(started.body.generation);

  const rebuilt = await read('2026Q1', 'sex');
  expect(rebuilt.body.items).toEqual(live.body.items);
  expect(rebuilt.body.asOf).toBe(live.body.asOf);
  expect((await read('2026', 'substance')).body.items).toEqual(liveYear.body.items);
}
