// npm run bench (reporting): a synthetic province of BENCH_REPORTING_PERSONS persons
// (1,000,000 by default) and their events: each registered and detected (a management
// term), a third determined addicted, a sixth in a rehab case that moves through its
// states, across communes 99001..99006 and 2025-2026. It measures:
//   (1) rebuild throughput: the events projected by the rebuild's in-memory generation
//       (events/s), then written to the database in groups (s), and the heap used;
//   (2) GET /indicators p50/p95/p99, sequential, for the province and one commune, with and
//       without a breakdown, at this size (run it at 1x and 10x: BENCH_REPORTING_SIZES).
// The events do not go through Kafka (the live path's per-event cost is in the tests'
// lag figure); it measures, it asserts nothing.
import { addDays } from '@rehab/domain-kit';
import {
  caseChanged,
  caseOpened,
  createEvent,
  determinationConcluded,
  drugUseDetected,
  personRegistered,
  type EventEnvelope,
} from '@rehab/events';
import { listen, loadConfig } from '@rehab/service-kit';
import { createTestIdentityProvider, standInSettings, testStackEnv } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { MemoryGeneration } from '../services/reporting/src/app/rebuild.ts';
import { reportingConfigSchema } from '../services/reporting/src/config.ts';
import { createReportingService } from '../services/reporting/src/service.ts';
import { percentile } from './load.ts';

const persons = Number(process.env.BENCH_REPORTING_PERSONS ?? 1_000_000);
const calls = Number(process.env.BENCH_REPORTING_CALLS ?? 200);
/** Events one pass holds (the service's REBUILD_EVENTS_PER_PASS). */
const eventsPerPass = Number(process.env.BENCH_REPORTING_EVENTS_PER_PASS ?? 2_000_000);
/** About 2.8 events per person (see eventsOf): for the number of passes. */
const EVENTS_PER_PERSON = 2.8;
const communes = ['99001', '99002', '99003', '99004', '99005', '99006'];
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const auth = {
  Authorization: `Bearer ${idp.issue({ sub: 'bench', agency: 'police', orgUnit: '99', roles: ['analyst'] })}`,
};
const actor = { agency: 'police' as const, orgUnit: '99', sub: 'bench' };

/** A deterministic pseudo-random sequence, so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A person's own sequence, the same in any pass (seeds mixed so neighbours differ). */
function personRandom(index: number): () => number {
  const next = random(Math.imul((index + 20260101) ^ 0x9e3779b9, 2654435761));
  next();
  return next;
}

function* eventsOf(index: number, next: () => number): Generator<EventEnvelope> {
  const personId = uuidv7();
  const unitCode = communes[index % communes.length] as string;
  const on = addDays('2025-07-01', Math.floor(next() * 540));
  const e = <T extends Parameters<typeof createEvent>[0]>(
    d: T,
    data: Parameters<typeof createEvent<T['schema']>>[1]['data'],
  ) => createEvent(d, { source: 'bench', subject: personId, actor, data });
  yield e(personRegistered, {
    personId,
    person: {
      fullName: 'Người Thử',
      dateOfBirth: addDays('1970-01-01', Math.floor(next() * 15_000)),
      sex: next() < 0.9 ? 'male' : 'female',
      ethnicity: next() < 0.8 ? 'Kinh' : 'Tày',
      residenceUnitCode: unitCode,
      hasNationalId: true,
    },
  });
  yield e(drugUseDetected, {
    personId,
    detectionId: uuidv7(),
    detectedAt: on,
    sample: 'urine',
    substances: ['heroin'],
    unitCode,
    management: {
      decisionId: uuidv7(),
      decisionDate: on,
      termEndsOn: addDays(on, 364),
      unitCode,
      regime: 'LAW-2021',
      renewal: false,
      legalRef: 'Law 73/2021/QH14 Art. 23',
    },
  });
  if (index % 3 !== 0) return;
  const concluded = addDays(on, 20);
  yield e(determinationConcluded, {
    determinationId: uuidv7(),
    conclusionId: uuidv7(),
    personId,
    result: 'addicted',
    substanceClass: 'opioid',
    concludedOn: concluded,
    notifiedOn: concluded,
    facilityId: uuidv7(),
    origin: 'referral',
  });
  if (index % 6 !== 0) return;
  const caseId = uuidv7();
  const kind = next() < 0.5 ? 'compulsory' : 'voluntary-home';
  const opened = addDays(concluded, 5);
  yield e(caseOpened, {
    caseId,
    personId,
    kind,
    state: kind === 'compulsory' ? 'dossier-in-preparation' : 'awaiting-decision',
    regime: 'LAW-2021',
    unitCode,
    openedOn: opened,
  });
  const steps =
    kind === 'compulsory' ? ['dossier-compiled', 'court-decided', 'admitted'] : ['in-rehab'];
  for (const [i, state] of steps.entries())
    yield e(caseChanged, {
      caseId,
      personId,
      kind,
      state,
      regime: 'LAW-2021',
      unitCode,
      changedOn: addDays(opened, 10 * (i + 1)),
    });
}

async function main(): Promise<void> {
  const service = await createReportingService(
    loadConfig(reportingConfigSchema, {
      PORT: '0',
      MONGO_URL: `${stack.mongoUrl}/bench_reporting_${Date.now()}`,
      ...standInSettings(),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789',
    }),
    { consume: false },
  );
  // Like the service's rebuild, a province larger than one pass is projected in passes, each
  // holding a share of the persons (here by index; the service by pseudonym).
  const passes = Math.max(1, Math.ceil((persons * EVENTS_PER_PERSON) / eventsPerPass));
  const memory = new MemoryGeneration(service.deps);
  const generation = `bench${Date.now().toString(36)}`;
  const store = service.deps.readModels(generation);
  let events = 0;
  let applying = 0;
  let loading = 0;
  let heapMb = 0;
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (let index = pass; index < persons; index += passes) {
      for (const event of eventsOf(index, personRandom(index))) {
        const t = performance.now();
        memory.apply(event);
        applying += performance.now() - t;
        events++;
      }
    }
    heapMb = Math.max(heapMb, Math.round(process.memoryUsage().heapUsed / 1_048_576));
    const t = performance.now();
    await store.load(memory.takePersons(), new Map());
    loading += performance.now() - t;
  }
  const t = performance.now();
  await store.load(new Map(), memory.series);
  await service.deps.generations.switchTo(generation);
  loading += performance.now() - t;
  const total = (performance.now() - started) / 1000;
  const loaded = loading / 1000;
  console.log(
    `reporting bench: ${persons} persons, ${events} events in ${passes} pass(es): projecting ${Math.round(events / (applying / 1000))} events/s, peak heap ${heapMb} MB; ${memory.personsSeen} persons and ${memory.series.size} series written in ${loaded.toFixed(1)} s; rebuild (generation + projection + write) ${Math.round(events / total)} events/s, ${total.toFixed(1)} s`,
  );

  const server = await listen(service.app, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${server.port}/reporting/v1/indicators`;
  for (const [label, query] of [
    ['province, 2026Q1', 'period=2026Q1&unitCode=99'],
    ['province, 2026, by sex', 'period=2026&unitCode=99&breakdown=sex'],
    ['commune, 2026M03', 'period=2026M03&unitCode=99003'],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      const res = await fetch(`${base}?${query}`, { headers: auth });
      if (!res.ok) throw new Error(`${query}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `reporting bench: GET /indicators ${label}: p50 ${percentile(times, 50).toFixed(1)} / p95 ${percentile(times, 95).toFixed(1)} / p99 ${percentile(times, 99).toFixed(1)} ms (${calls} sequential calls, ${persons} persons)`,
    );
  }
  await server.close();
  await service.stop();
}

await main();
