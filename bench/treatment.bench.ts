// npm run bench (part 3): the treatment service at province scale. Seeds open cases (20,000
// by default, across communes 99001..99006, 200 of them registrations past their deadline)
// through the repository, then measures on the benchmark stack:
//   (1) GET /due for the province and for a commune: the first call on a new service
//       instance (cold) and sequential repeated calls (warm, p50/p95/p99), and throughput;
//   (2) the daily deadline sweep: cold (the first, with the cases past deadline) and warm
//       (the same day again), with the time it spends finding its candidates;
//   (3) for comparison, what the same questions cost by reading the cases themselves, and
//       what one case read and one case write cost at this size.
// It measures; it asserts nothing. Each case the sweep turns overdue is a locked save, the
// compulsory case it opens, and the outbox relay's cleanup of both: on FerretDB+SQLite (before
// PostgreSQL) each of those writes scanned the collection and the cold sweep ran for minutes.
// BENCH_TREATMENT_CASES, BENCH_TREATMENT_PAST_DEADLINE, BENCH_TREATMENT_CALLS and
// BENCH_TREATMENT_ROUNDS change the sizes.
import { addDays, todayIn } from '@rehab/domain-kit';
import { listen, loadConfig } from '@rehab/service-kit';
import { createTestIdentityProvider, testStackEnv, standInSettings } from '@rehab/testing';
import { sweepUseCase } from '../services/treatment/src/app/registration.ts';
import { treatmentConfigSchema } from '../services/treatment/src/config.ts';
import { dueItems } from '../services/treatment/src/domain/index.ts';
import { createTreatmentService } from '../services/treatment/src/service.ts';
import { seedTreatmentCases } from '../scripts/seed/treatment-cases.ts';
import { measure, percentile } from './load.ts';

const caseCount = Number(process.env.BENCH_TREATMENT_CASES ?? 20_000);
const pastDeadline = Number(process.env.BENCH_TREATMENT_PAST_DEADLINE ?? 200);
const calls = Number(process.env.BENCH_TREATMENT_CALLS ?? 200);
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const province = {
  Authorization: `Bearer ${idp.issue({ sub: 'bench', agency: 'labour', orgUnit: '99', roles: ['officer'] })}`,
};
let today = todayIn();
const config = loadConfig(treatmentConfigSchema, {
  PORT: '0',
  MONGO_URL: `${stack.mongoUrl}/bench_treatment_${Date.now()}`,
  ...standInSettings(),
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  // The relay's periodic full scan reads every case (measured separately below); it is
  // kept out of the way of the other measurements. Writers still wake the relay by id.
  OUTBOX_SCAN_INTERVAL_MS: '3600000',
  SWEEP_INTERVAL_MS: '86400000',
});
const start = () =>
  createTreatmentService(config, {
    consume: false,
    clock: { now: () => new Date(), today: () => today },
  });
const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;
const time = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

// Seeding, then a new service instance, so the first calls find nothing warmed up in it.
const seeder = await start();
const seeded = await seedTreatmentCases(
  { cases: seeder.deps.cases, persons: seeder.deps.persons },
  { count: caseCount, pastDeadline, today },
);
await seeder.stop();
const service = await start();
// The relay's first poll scans every case for pending events (timed below): let it finish
// so it does not land on the first measurements.
await service.relay.drainOnce();
const server = await listen(service.app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${server.port}/treatment/v1`;

async function get(path: string) {
  const res = await fetch(`${base}${path}`, { headers: province });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { overdue: number; items: unknown[]; nextCursor?: string };
}

const queries = [
  ['province (99), first page of 50', '/due?unitCode=99'],
  ['commune (99003), first page of 50', '/due?unitCode=99003'],
  ['province, actor=commune-chairman', '/due?unitCode=99&actor=commune-chairman'],
  ['province, limit=200', '/due?unitCode=99&limit=200'],
] as const;
// Rounds of `calls` sequential calls per query; each figure is the median over the rounds.
const rounds = Number(process.env.BENCH_TREATMENT_ROUNDS ?? 3);
const figures = new Map<string, { cold: number; p50: number[]; p95: number[]; p99: number[] }>();
const shapes: string[] = [];
for (let round = 0; round < rounds; round++) {
  for (const [name, path] of queries) {
    const first = await time(() => get(path));
    const latencies: number[] = [];
    for (let i = 0; i < calls; i++) latencies.push((await time(() => get(path))).ms);
    latencies.sort((a, b) => a - b);
    const figure = figures.get(name) ?? { cold: first.ms, p50: [], p95: [], p99: [] };
    figure.p50.push(percentile(latencies, 50));
    figure.p95.push(percentile(latencies, 95));
    figure.p99.push(percentile(latencies, 99));
    figures.set(name, figure);
    if (round === 0) {
      shapes.push(`${name}: ${first.result.items.length} items, overdue ${first.result.overdue}`);
    }
  }
}
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const rows = [...figures].map(
  ([name, f]) =>
    `${name.padEnd(38)}${ms(f.cold)}${ms(median(f.p50))}${ms(median(f.p95))}${ms(median(f.p99))}   p50 by round: ${f.p50.map((n) => n.toFixed(1)).join(', ')}`,
);
const second = await get('/due?unitCode=99');
const page2 = await time(() => get(`/due?unitCode=99&cursor=${second.nextCursor ?? ''}`));
const load = await measure({
  name: 'GET /due?unitCode=99',
  url: `${base}/due?unitCode=99`,
  method: 'GET',
  headers: province,
  connections: 10,
  durationSeconds: 10,
});

// The same questions answered from the cases: one commune's queue from its cases, read one by
// one as the first /due did (all at once there, which FerretDB on SQLite served in 642 s for
// 3,333 cases in one run), estimated from 100 reads
// spread over the collection; the previous sweep's scan of cases by state; and what one case
// read and one case write by `_id` cost at this size, which every step (and the sweep) pays.
const communeIds = (
  await service.platform.connection
    .collection<{ _id: string }>('cases')
    .find({ unitCode: '99003' }, { projection: { _id: 1 } })
    .toArray()
).map((doc) => doc._id);
const spread = (n: number) =>
  Array.from(
    { length: Math.min(n, communeIds.length) },
    (_, i) =>
      communeIds[Math.floor((i * communeIds.length) / Math.min(n, communeIds.length))] ?? '',
  );
const commune = await time(async () => {
  let items = 0;
  for (const id of spread(100)) {
    const kase = await service.deps.cases.get(id);
    if (kase) items += dueItems(kase, today).length;
  }
  return items;
});
const cases = service.platform.connection.collection<{ _id: string; benchProbe?: number }>('cases');
const stateScan = await time(
  async () => (await cases.find({ state: { $in: ['awaiting-registration'] } }).toArray()).length,
);
const relayScan = await time(async () => cases.countDocuments({ outboxPending: true }));
// Medians of 100 sequential calls: ten, as before, let one slow call move the figure twofold.
const sample = spread(100);
const medianOf = async (call: (id: string) => Promise<unknown>) => {
  const latencies: number[] = [];
  for (const id of sample) latencies.push((await time(() => call(id))).ms);
  return percentile(latencies, 50);
};
const caseRead = await medianOf((id) => cases.findOne({ _id: id }));
const caseWrite = await medianOf((id) => cases.updateOne({ _id: id }, { $set: { benchProbe: 1 } }));

// The sweep: cold (the first run, with the cases past their deadline), warm (again the same
// day), and with BENCH_TREATMENT_NEXT_DAY=1 the next day. Finding the candidates is timed on
// its own before each run.
const days: Array<[string, string]> = [
  ['cold (first run today)', today],
  ['warm (again today)', today],
  ...(process.env.BENCH_TREATMENT_NEXT_DAY === '1'
    ? [['next day', addDays(today, 1)] as [string, string]]
    : []),
];
const sweeps: string[] = [];
for (const [name, day] of days) {
  today = day;
  const find = await time(() => service.deps.cases.dueBefore(today));
  const run = await time(() => sweepUseCase(service.deps));
  sweeps.push(
    `${name.padEnd(24)}${ms(run.ms)}  ${String(run.result).padStart(4)} made overdue (${run.result > 0 ? (run.ms / run.result).toFixed(0) : '-'} ms each); candidates found in ${ms(find.ms).trim()} among ${find.result.length} entries due before the day`,
  );
}

console.log(
  `\ntreatment at province scale: ${seeded.cases} open cases seeded in ${seeded.seconds.toFixed(1)} s, ${pastDeadline} past their registration deadline; Node ${process.version}, FerretDB on PostgreSQL\n`,
);
console.log(
  `GET /treatment/v1/due, ${rounds} rounds of ${calls} calls   cold      p50      p95      p99  (medians of the rounds)`,
);
for (const row of rows) console.log(row);
console.log(
  `province, second page (cursor)        ${ms(page2.ms)}\n10 connections for 10 s on the province queue: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, ${load.errors + load.non2xx} errors`,
);
for (const shape of shapes) console.log(`  ${shape}`);
console.log('\nthe same from the cases (for comparison):');
console.log(
  `  one commune's queue from its ${communeIds.length} cases: ${ms((commune.ms * communeIds.length) / Math.min(100, communeIds.length)).trim()} (estimated from 100 reads)`,
);
console.log(`  scan of cases by state (the previous sweep)           ${ms(stateScan.ms)}`);
console.log(`  outbox relay's periodic scan (outboxPending)          ${ms(relayScan.ms)}`);
console.log(
  `  one case read / one case write by _id at this size    ${ms(caseRead)} / ${ms(caseWrite).trim()} (p50)`,
);
console.log('\ndaily deadline sweep over the open cases:');
for (const sweep of sweeps) console.log(`  ${sweep}`);

await server.close();
await service.stop();
process.exit(0);
