// npm run bench (part 2): the determination backbone. (1) Latency from the conclusion
// request in assessment to the registry showing the result, over sequential journeys;
// (2) how many determination events per second the registry's consumer applies when it
// starts on a backlog. Both services run in this process on the benchmark stack.
import { randomBytes } from 'node:crypto';
import { addDays, todayIn } from '@rehab/domain-kit';
import { createEvent, createEventBus, determinationConcluded } from '@rehab/events';
import { loadConfig } from '@rehab/service-kit';
import { createTestIdentityProvider, testStackEnv, standInSettings } from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { assessmentConfigSchema } from '../services/assessment/src/config.ts';
import { createAssessmentService } from '../services/assessment/src/service.ts';
import { registryConfigSchema } from '../services/registry/src/config.ts';
import { createRegistryService } from '../services/registry/src/service.ts';
import { registryCatalogue } from '../services/registry/src/catalogue.ts';
import { registerPerson } from '../services/registry/src/domain/registration.ts';
import { bareKafka } from './kafka-baseline.ts';
import { percentile } from './load.ts';
import type { Registry } from 'prom-client';

const journeys = Number(process.env.BENCH_JOURNEYS ?? 200);
const backlog = Number(process.env.BENCH_BACKLOG ?? 10_000);
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const run = Date.now();
const common = {
  PORT: '0',
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
};
const registryEnv = {
  ...common,
  MONGO_URL: `${stack.mongoUrl}/bench_registry_j${run}`,
  ...standInSettings(),
  NATIONAL_ID_KEY: randomBytes(32).toString('base64'),
};
// Only the determination stream is measured here: the treatment consumer stays off.
const registry = await createRegistryService(loadConfig(registryConfigSchema, registryEnv), {
  consumerGroupSuffix: `-bench-${run}`,
  consumeTreatmentCases: false,
});
const assessment = await createAssessmentService(
  loadConfig(assessmentConfigSchema, {
    ...common,
    MONGO_URL: `${stack.mongoUrl}/bench_assessment_${run}`,
    ...standInSettings(),
  }),
  { consumeRegistry: false },
);
await registry.determinations?.started;
const today = todayIn();
const admin = {
  Authorization: `Bearer ${idp.issue({ sub: 'admin', agency: 'health', orgUnit: '99', roles: ['admin'] })}`,
};
const doctor = {
  Authorization: `Bearer ${idp.issue({ sub: 'doctor', agency: 'health', orgUnit: '99', roles: ['doctor'] })}`,
};
const police = {
  Authorization: `Bearer ${idp.issue({ sub: 'officer', agency: 'police', orgUnit: '99', roles: ['officer'] })}`,
};
const health = () => request(assessment.app);
const reg = () => request(registry.app);
const facility = (
  await health().post('/assessment/v1/facilities').set(admin).send({
    name: 'Cơ sở đo',
    unitCode: '99001',
    certifiedFrom: '2024-01-01',
    certifiedTo: '2030-12-31',
  })
).body.id as string;
await health().post(`/assessment/v1/facilities/${facility}/assessors`).set(admin).send({
  userId: 'doctor',
  fullName: 'BS. Đo',
  certifiedFrom: '2024-01-01',
  certifiedTo: '2030-12-31',
});

/** Events a service's consumers have applied, from its own metrics. */
async function appliedBy(service: { platform: { metrics: { registry: Registry } } }) {
  const metric = await service.platform.metrics.registry
    .getSingleMetric('events_consumed_total')
    ?.get();
  return (metric?.values ?? [])
    .filter((value) => value.labels.outcome === 'applied')
    .reduce((sum, value) => sum + value.value, 0);
}

// (1) Journeys: the person exists in the registry and in assessment's projection. After each,
// one bare kafkajs round trip, so both series see the machine as it was at the time.
const latencies: number[] = [];
const hops: number[] = [];
const bare: number[] = [];
const bareBus = await bareKafka(stack.kafkaBrokers);
for (let i = 0; i < journeys; i++) {
  const personId = (
    await reg()
      .post('/registry/v1/persons')
      .set(police)
      .send({
        fullName: `Lý Văn Đo ${i}`,
        dateOfBirth: '1991-02-03',
        sex: 'male',
        residence: { unitCode: '99001', address: 'x' },
      })
  ).body.id as string;
  await assessment.deps.persons.upsert({
    id: personId,
    fullName: `Lý Văn Đo ${i}`,
    dateOfBirth: '1991-02-03',
    sex: 'male',
    residenceUnitCode: '99001',
  });
  const determination = (
    await health()
      .post('/assessment/v1/determinations')
      .set(admin)
      .send({ personId, facilityId: facility, requestedOn: addDays(today, -60) })
  ).body.id as string;
  for (const criterion of ['craving', 'tolerance', 'withdrawal']) {
    for (const observedOn of [addDays(today, -50), addDays(today, -1)]) {
      await health()
        .post(`/assessment/v1/determinations/${determination}/observations`)
        .set(doctor)
        .send({
          criterion,
          present: true,
          observedOn,
          source: 'clinical',
          substanceClass: 'opioid',
        });
    }
  }
  const seenBefore = await appliedBy(registry);
  const started = performance.now();
  await health()
    .post(`/assessment/v1/determinations/${determination}/conclusion`)
    .set(doctor)
    .send({ concludedOn: today });
  // The response comes after the commit: from here on it is the event's hop.
  const committed = performance.now();
  // The registry consumer's own counter, read every millisecond in this process (no load
  // on the database). The time is taken when it moves; then the person is read, to be sure
  // the event applied was this one (that read is the bench's check, not part of the hop).
  let appliedAt = 0;
  for (let seen = seenBefore; ;) {
    const now = await appliedBy(registry);
    if (now > seen) {
      seen = now;
      appliedAt = performance.now();
      if ((await registry.deps.persons.get(personId))?.addictionStatus === 'addicted') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  latencies.push(appliedAt - started);
  hops.push(appliedAt - committed);
  bare.push(await bareBus.roundTrip());
}
await bareBus.close();
for (const series of [latencies, hops, bare]) series.sort((a, b) => a - b);
const stats = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms, max ${xs.at(-1)?.toFixed(1)} ms`;
console.log(
  `\nconclusion request → registry applied the result, ${journeys} sequential journeys: ${stats(latencies)}`,
);
console.log(`event hop, committed (the response) → registry applied: ${stats(hops)}`);
console.log(
  `bare kafkajs produce → consume, one after each journey: ${stats(bare)}; event hop p99 / bare p99 = ${(percentile(hops, 99) / percentile(bare, 99)).toFixed(2)}x`,
);
await assessment.stop();
await registry.stop();

// (2) Backlog: persons written straight into a fresh registry database, their results
// published while no registry consumes, then a registry starts and drains the topic.
const backlogEnv = { ...registryEnv, MONGO_URL: `${stack.mongoUrl}/bench_registry_b${run}` };
const seeder = await createRegistryService(loadConfig(registryConfigSchema, backlogEnv), {
  consumeDeterminations: false,
  consumeTreatmentCases: false,
  pollOutbox: false,
});
const ids: string[] = [];
const now = new Date();
for (let i = 0; i < backlog; i += 50) {
  const batch = Array.from({ length: Math.min(50, backlog - i) }, (_, j) =>
    registerPerson(
      {
        fullName: `Backlog ${i + j}`,
        dateOfBirth: '1990-01-01',
        sex: 'female',
        residence: { unitCode: '99002', address: 'x' },
      },
      { personId: uuidv7(), entryId: uuidv7() },
      now,
      today,
    ),
  );
  await Promise.all(batch.map((person) => seeder.deps.persons.insert(person, [])));
  ids.push(...batch.map((person) => person.id));
}
await seeder.stop();
const bus = createEventBus(
  { brokers: stack.kafkaBrokers, clientId: 'bench-backlog' },
  registryCatalogue,
);
const publisher = await bus.publisher();
const actor = { agency: 'health', orgUnit: '99', sub: 'bench' };
for (let i = 0; i < ids.length; i += 500) {
  await publisher.publish(
    ids.slice(i, i + 500).map((personId) =>
      createEvent(determinationConcluded, {
        source: 'assessment',
        subject: personId,
        actor,
        data: {
          determinationId: uuidv7(),
          conclusionId: uuidv7(),
          personId,
          result: 'not-addicted',
          concludedOn: today,
          notifiedOn: today,
          facilityId: facility,
          origin: 'voluntary',
        },
      }),
    ),
  );
}
await bus.close();
const startedAt = performance.now();
const drainer = await createRegistryService(loadConfig(registryConfigSchema, backlogEnv), {
  consumerGroupSuffix: `-backlog-${run}`,
  consumeTreatmentCases: false,
  pollOutbox: false,
});
// Applied results, from the consumer's own counter (the registry keeps no processed-event
// ids for this stream: a result is applied once by its conclusion id).
for (;;) {
  if ((await appliedBy(drainer)) >= ids.length) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const seconds = (performance.now() - startedAt) / 1000;
console.log(
  `backlog of ${ids.length} determination events: applied in ${seconds.toFixed(1)} s (${(ids.length / seconds).toFixed(0)} events/s, including the consumer's start and group join)`,
);
await drainer.stop();
process.exit(0);
