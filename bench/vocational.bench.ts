// npm run bench (part 4): the vocational work queue at province scale. Seeds open needs
// (BENCH_VOCATIONAL_NEEDS, 20,000 by default, across communes 99001..99006: one support file
// per person, waiting since one of the last 400 days, each person in the projection) through
// the repositories, then on a new service instance measures GET /needs for a commune and for the
// province: the first call (cold), sequential calls (p50/p95/p99, BENCH_VOCATIONAL_CALLS),
// and under 10 concurrent connections (throughput and p99). It measures; it asserts nothing.
import { addDays, todayIn } from '@rehab/domain-kit';
import { listen, loadConfig } from '@rehab/service-kit';
import { createTestIdentityProvider, standInSettings, testStackEnv } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { vocationalConfigSchema } from '../services/vocational/src/config.ts';
import { newSupportFile, openNeed } from '../services/vocational/src/domain/index.ts';
import { createVocationalService } from '../services/vocational/src/service.ts';
import { measure, percentile } from './load.ts';

const needCount = Number(process.env.BENCH_VOCATIONAL_NEEDS ?? 20_000);
const calls = Number(process.env.BENCH_VOCATIONAL_CALLS ?? 100);
const communes = ['99001', '99002', '99003', '99004', '99005', '99006'];
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const province = {
  Authorization: `Bearer ${idp.issue({ sub: 'bench', agency: 'labour', orgUnit: '99', roles: ['officer'] })}`,
};
const today = todayIn();
const config = loadConfig(vocationalConfigSchema, {
  PORT: '0',
  MONGO_URL: `${stack.mongoUrl}/bench_vocational_${Date.now()}`,
  ...standInSettings(),
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  OUTBOX_SCAN_INTERVAL_MS: '3600000',
});
const start = () => createVocationalService(config, { consume: false });
const ms = (n: number) => `${n.toFixed(1).padStart(9)} ms`;
const time = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

// Seeding through the repository's bulk insert (as an import would), in batches of 1,000,
// then a new instance for the measurements.
const seeder = await start();
const seeding = await time(async () => {
  for (let offset = 0; offset < needCount; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, needCount - offset) }, (_, j) => {
      const i = offset + j;
      const personId = uuidv7();
      const unitCode = communes[i % communes.length] ?? '99003';
      const openedOn = addDays(today, -(i % 400));
      const file = openNeed(newSupportFile(personId, unitCode), {
        episodeId: uuidv7(),
        source: 'post-rehab-management',
        openedOn,
        decisionOn: openedOn,
        needs: ['vocational-training'],
      });
      return { personId, unitCode, file };
    });
    await Promise.all(
      batch.map(({ personId, unitCode }, j) =>
        seeder.deps.persons.upsert({
          id: personId,
          fullName: `Nguyễn Văn Bench ${offset + j}`,
          dateOfBirth: '1990-01-01',
          sex: 'male',
          residenceUnitCode: unitCode,
        }),
      ),
    );
    await seeder.deps.files.insertMany(
      batch.flatMap(({ file }) => (file ? [{ ...file, version: 1 }] : [])),
    );
  }
});
await seeder.stop();
const service = await start();
const server = await listen(service.app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${server.port}/vocational/v1`;

async function get(path: string) {
  const res = await fetch(`${base}${path}`, { headers: province });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { items: unknown[]; nextCursor?: string };
}

const queries = [
  ['commune (99003), first page of 50', '/needs?unitCode=99003'],
  ['province (99), first page of 50', '/needs?unitCode=99'],
] as const;
const rows: string[] = [];
for (const [name, path] of queries) {
  const first = await time(() => get(path));
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) latencies.push((await time(() => get(path))).ms);
  latencies.sort((a, b) => a - b);
  const load = await measure({
    name,
    url: `${base}${path}`,
    method: 'GET',
    headers: province,
    connections: 10,
    durationSeconds: 10,
  });
  rows.push(
    `${name.padEnd(36)}${ms(first.ms)}${ms(percentile(latencies, 50))}${ms(percentile(latencies, 95))}${ms(percentile(latencies, 99))}   x10: ${load.requestsPerSecond.toFixed(1)} req/s, p99 ${load.p99.toFixed(0)} ms, ${load.errors + load.non2xx} errors`,
  );
}

console.log(
  `\nvocational work queue: ${needCount} open needs (seeded in ${(seeding.ms / 1000).toFixed(1)} s), ${calls} sequential calls per query, then 10 connections for 10 s`,
);
console.log(
  `${''.padEnd(36)}${'cold'.padStart(12)}${'p50'.padStart(12)}${'p95'.padStart(12)}${'p99'.padStart(12)}`,
);
for (const row of rows) console.log(row);
await server.close();
await service.stop();
