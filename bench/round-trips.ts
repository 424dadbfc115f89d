// npm run bench: the database commands one request costs, as FerretDB itself counts them
// (`ferretdb_client_requests_total` on its metrics endpoint), for a registration with its
// event relayed and for a read. It measures; it asserts nothing.
import { randomBytes } from 'node:crypto';
import { createTestIdentityProvider, standInSettings, testStackEnv } from '@rehab/testing';
import { listen, loadConfig } from '@rehab/service-kit';
import { registryConfigSchema } from '../services/registry/src/config.ts';
import { createRegistryService } from '../services/registry/src/service.ts';

const metricsUrl = process.env.FERRETDB_METRICS_URL;
if (!metricsUrl)
  throw new Error('FERRETDB_METRICS_URL is not set (source .data/<profile>/stack.env)');
const requests = Number(process.env.BENCH_ROUND_TRIP_REQUESTS ?? 500);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const token = idp.issue({ sub: 'bench', agency: 'police', orgUnit: '99', roles: ['officer'] });
const run = Date.now();
const config = loadConfig(registryConfigSchema, {
  PORT: '0',
  MONGO_URL: `${stack.mongoUrl}/bench_round_trips_${run}`,
  ...standInSettings(),
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
  NATIONAL_ID_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: 'silent',
});
// No consumers: other benchmarks' events on the same stack would be counted too.
const registry = await createRegistryService(config, {
  consumeDeterminations: false,
  consumeTreatmentCases: false,
});
const server = await listen(registry.app, 0, '127.0.0.1');
const url = `http://127.0.0.1:${server.port}/registry/v1/persons`;
const headers = { 'content-type': 'application/json', Authorization: `Bearer ${token}` };

/** FerretDB's command counters, by command name. */
async function commandCounts(): Promise<Map<string, number>> {
  const text = await (await fetch(metricsUrl ?? '')).text();
  const counts = new Map<string, number>();
  const line = /^ferretdb_client_requests_total\{command="(\w+)",opcode="OP_MSG"\} (\d+)$/gm;
  for (const [, command, value] of text.matchAll(line)) {
    counts.set(command ?? '', (counts.get(command ?? '') ?? 0) + Number(value));
  }
  return counts;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

/** Runs `send` `requests` times over `connections`; returns commands per request. */
async function commandsPerRequest(send: (i: number) => Promise<void>): Promise<string> {
  await settle();
  const before = await commandCounts();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < requests; i = next++) await send(i);
    }),
  );
  await registry.relay.drainOnce();
  await settle(); // the relay's clean-up, and nothing else, still running
  const after = await commandCounts();
  const perRequest = [...after]
    .map(([command, value]) => [command, (value - (before.get(command) ?? 0)) / requests] as const)
    .filter(([, value]) => value > 0.005);
  const total = perRequest.reduce((sum, [, value]) => sum + value, 0);
  return `${total.toFixed(2)} (${perRequest.map(([c, v]) => `${c} ${v.toFixed(2)}`).join(', ')})`;
}

const ids: string[] = [];
const registration = await commandsPerRequest(async (i) => {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      fullName: `Nguyễn Văn Đếm ${i}`,
      dateOfBirth: '1990-05-17',
      sex: 'male',
      residence: { unitCode: '99001', address: 'Số 1, đường Trần Hưng Đạo' },
    }),
  });
  ids.push(((await res.json()) as { id: string }).id);
});
const read = await commandsPerRequest(async (i) => {
  await (await fetch(`${url}/${ids[i % ids.length]}`, { headers })).arrayBuffer();
});
console.log(`\ndatabase commands per request (${requests} requests, ${connections} connections):`);
console.log(`  POST /registry/v1/persons, its event relayed: ${registration}`);
console.log(`  GET /registry/v1/persons/{id}: ${read}`);
await registry.stop();
process.exit(0);
