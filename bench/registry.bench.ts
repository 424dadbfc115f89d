// npm run bench: the registry's throughput and latency on the local stack against a bare
// express + mongoose baseline measured in the same run, in alternating rounds, and the time
// from a drug-use detection request to its event reaching a Kafka consumer. Two more pairs
// split each ratio: the baseline writing and reading a copy of the person as the registry
// stores it, against itself. It measures; it asserts nothing.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { addDays, todayIn } from '@rehab/domain-kit';
import { createEventBus } from '@rehab/events';
import { listen, loadConfig } from '@rehab/service-kit';
import {
  collectEvents,
  createTestIdentityProvider,
  testStackEnv,
  standInSettings,
} from '@rehab/testing';
import { registryConfigSchema } from '../services/registry/src/config.ts';
import { createRegistryService } from '../services/registry/src/service.ts';
import { registryCatalogue } from '../services/registry/src/catalogue.ts';
import { registerPerson } from '../services/registry/src/domain/registration.ts';
import mongoose from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { createBaseline } from './baseline.ts';
import { measurePair, percentile, type LoadResult, type LoadSpec } from './load.ts';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 15);
const journeys = Number(process.env.BENCH_JOURNEYS ?? 200);
// Persons stored before the measurement, on both sides (1x and 10x runs: scripts/bench.sh).
const seeded = Number(process.env.BENCH_REGISTRY_PERSONS ?? 0);
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const token = idp.issue({ sub: 'bench', agency: 'police', orgUnit: '99', roles: ['officer'] });
const auth = { Authorization: `Bearer ${token}` };

const config = loadConfig(registryConfigSchema, {
  PORT: '0',
  MONGO_URL: `${stack.mongoUrl}/bench_registry_${Date.now()}`,
  ...standInSettings(),
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
  NATIONAL_ID_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
});
const registry = await createRegistryService(config, {
  consumeTreatmentCases: false,
});
const server = await listen(registry.app, 0, '127.0.0.1');
const seedStarted = performance.now();
for (let i = 0; i < seeded; i += 50) {
  const now = new Date();
  await Promise.all(
    Array.from({ length: Math.min(50, seeded - i) }, (_, j) =>
      registry.deps.persons.insert(
        registerPerson(
          {
            fullName: `Người Mẫu ${i + j}`,
            dateOfBirth: '1990-01-01',
            sex: 'female',
            residence: { unitCode: '99002', address: 'x' },
          },
          { personId: uuidv7(), entryId: uuidv7() },
          now,
          todayIn(),
        ),
        [],
      ),
    ),
  );
}
const baseline = await createBaseline(
  `${stack.mongoUrl}/bench_baseline_${Date.now()}`,
  process.env.FERRETDB_POSTGRESQL_URL,
);
await baseline.seed(seeded);
const seedSeconds = (performance.now() - seedStarted) / 1000;
const baselineServer = createServer(baseline.app).listen(0, '127.0.0.1');
await new Promise((resolve) => baselineServer.once('listening', resolve));
const baselinePort = (baselineServer.address() as AddressInfo).port;

let counter = 0;
const personJson = () =>
  JSON.stringify({
    fullName: `Nguyễn Văn Thử ${++counter}`,
    dateOfBirth: '1990-05-17',
    sex: 'male',
    residence: { unitCode: '99001', address: 'Số 1, đường Trần Hưng Đạo' },
  });
const registryUrl = `http://127.0.0.1:${server.port}/registry/v1`;
const baselineUrl = `http://127.0.0.1:${baselinePort}/baseline`;

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await res.json()) as { id?: string; _id?: string };
}
const registeredId = (await post(`${registryUrl}/persons`, personJson(), auth)).id ?? '';
const baselineId = (await post(`${baselineUrl}/persons`, personJson()))._id ?? '';
// The registered person as the registry stored it (search keys, timeline, empty outbox and
// all), copied to the baseline's collection: the bare read of it costs what the shape does.
const registryDb = await mongoose.createConnection(config.MONGO_URL).asPromise();
const stored = await registryDb
  .collection<{ _id: string }>('persons')
  .findOne({ _id: registeredId });
await registryDb.close();
if (!stored) throw new Error('the registered person is not stored');
const storedShapeId = `stored-${registeredId}`;
await baseline.store(storedShapeId, stored);
const { _id: _storedId, ...storedShape } = stored;
const storedShapeJson = JSON.stringify(storedShape);

// Each of our endpoints against its baseline in alternating rounds (BENCH_ROUNDS, 3 by
// default), the endpoint's BENCH_SECONDS shared among them.
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const load = { connections, durationSeconds: Math.max(1, Math.round(durationSeconds / rounds)) };
// Until the relay has published what the last round wrote (its own drain, which runs after
// the poll in flight); how long that still took is printed.
const relayLag: number[] = [];
const relayed = async () => {
  const started = performance.now();
  await registry.relay.drainOnce();
  relayLag.push(performance.now() - started);
};
const baselinePost: LoadSpec = {
  name: 'baseline POST (express+mongoose)',
  url: `${baselineUrl}/persons`,
  method: 'POST',
  body: personJson,
  ...load,
};
const baselineGet: LoadSpec = {
  name: 'baseline GET (express+mongoose)',
  url: `${baselineUrl}/persons/${baselineId}`,
  method: 'GET',
  ...load,
};
const pairs = [
  await measurePair(
    baselinePost,
    {
      name: 'POST /registry/v1/persons',
      url: `${registryUrl}/persons`,
      method: 'POST',
      headers: auth,
      body: personJson,
      ...load,
    },
    rounds,
    relayed,
  ),
  await measurePair(
    baselineGet,
    {
      name: 'GET /registry/v1/persons/{id}',
      url: `${registryUrl}/persons/${registeredId}`,
      method: 'GET',
      headers: auth,
      ...load,
    },
    rounds,
  ),
  // Not goals: split each ratio into the stored document's shape (FerretDB encodes a schema
  // of every field with each document) and everything else our endpoint does.
  await measurePair(
    baselinePost,
    {
      name: 'baseline POST of our stored person',
      url: `${baselineUrl}/documents`,
      method: 'POST',
      body: () => storedShapeJson,
      ...load,
    },
    rounds,
  ),
  await measurePair(
    baselineGet,
    {
      name: 'baseline GET of our stored person',
      url: `${baselineUrl}/persons/${storedShapeId}`,
      method: 'GET',
      ...load,
    },
    rounds,
  ),
];
const [postPair, getPair, postShapePair, getShapePair] = pairs;
const throughputRatio = (pair: (typeof pairs)[number] | undefined) =>
  pair ? pair.subject.requestsPerSecond / pair.baseline.requestsPerSecond : Number.NaN;

// Detection → event latency: one request at a time, timed until a consumer receives it.
const bus = createEventBus(
  { brokers: stack.kafkaBrokers, clientId: 'bench-consumer' },
  registryCatalogue,
);
const collector = await collectEvents(bus, ['registry.person.v1']);
const ids: string[] = [];
for (let i = 0; i <= journeys; i++)
  ids.push((await post(`${registryUrl}/persons`, personJson(), auth)).id ?? '');
const latencies: number[] = [];
const detectedAt = addDays(todayIn(), -1);
// Warm-up, not measured: the collector first reads the backlog the load phase left on the topic.
const warmup = ids.shift() ?? '';
await post(
  `${registryUrl}/persons/${warmup}/drug-use-detections`,
  JSON.stringify({ detectedAt, sample: 'urine', substances: ['heroin'] }),
  auth,
);
await collector.waitFor(
  (event) => event.subject === warmup && event.type === 'registry.person.drug-use-detected.v1',
  { timeoutMs: 300_000 },
);
for (const id of ids) {
  const started = performance.now();
  await post(
    `${registryUrl}/persons/${id}/drug-use-detections`,
    JSON.stringify({ detectedAt, sample: 'urine', substances: ['methamphetamine'] }),
    auth,
  );
  await collector.waitFor(
    (event) => event.subject === id && event.type === 'registry.person.drug-use-detected.v1',
    { timeoutMs: 30_000 },
  );
  latencies.push(performance.now() - started);
}
latencies.sort((a, b) => a - b);

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
console.log(
  `\n${seeded} persons stored before (seeded in ${seedSeconds.toFixed(0)} s), concurrency ${connections}, ${rounds} alternating rounds of ${load.durationSeconds} s per endpoint, Node ${process.version}, FerretDB on PostgreSQL, Kafka ${process.env.KAFKA_VERSION ?? '4.4.0'}\n`,
);
console.log(
  'endpoint                              req/s    p50 ms   p95 ms   p99 ms  errors  vs baseline',
);
const row = (r: LoadResult, ratio: string) =>
  console.log(
    `${r.name.padEnd(36)}${fmt(r.requestsPerSecond, 0)}${fmt(r.p50)} ${fmt(r.p95)} ${fmt(r.p99)} ${String(r.errors + r.non2xx).padStart(7)}  ${ratio.padStart(10)}`,
  );
for (const pair of pairs) {
  row(pair.baseline, '-');
  row(
    pair.subject,
    `${(pair.subject.requestsPerSecond / pair.baseline.requestsPerSecond).toFixed(2)}x`,
  );
  console.log(
    `${''.padEnd(36)}by round: ${pair.ratios.map((ratio) => `${ratio.toFixed(2)}x`).join(', ')}`,
  );
}
for (const [name, pair, shape] of [
  ['POST', postPair, postShapePair],
  ['GET', getPair, getShapePair],
] as const) {
  console.log(
    `${name}: of ${throughputRatio(pair).toFixed(2)}x, the stored shape ${throughputRatio(shape).toFixed(2)}x, the rest of our endpoint ${(throughputRatio(pair) / throughputRatio(shape)).toFixed(2)}x`,
  );
}
console.log(
  `relay still publishing after each round of POST: ${relayLag.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`,
);
console.log(
  `\ndetection request → event at a consumer, ${journeys} sequential: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
);

await collector.stop();
await bus.close();
baselineServer.close();
await baseline.close();
await server.close();
await registry.stop();
process.exit(0);
