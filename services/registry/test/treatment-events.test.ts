import request from 'supertest';
import { addDays, todayIn, type LocalDate } from '@rehab/domain-kit';
import {
  caseChanged,
  caseOpened,
  createEvent,
  createEventBus,
  relapseDetected,
  type EventBus,
  type EventDefinition,
  type EventEnvelope,
  type EventPublisher,
} from '@rehab/events';
import { collectEvents, eventually, testStackEnv, type EventCollector } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { recordTreatmentCaseFactUseCase } from '../src/app/record-treatment-event.ts';
import { registryCatalogue } from '../src/catalogue.ts';
import { personBody, startRegistry, type RegistryUnderTest } from './support.ts';

let registry: RegistryUnderTest;
let bus: EventBus;
let publisher: EventPublisher;
let collector: EventCollector;
const today = todayIn();
const daysAgo = (n: number) => addDays(today, -n);
const actor = { agency: 'labour', orgUnit: '99001', sub: 'treatment-service' };

beforeAll(async () => {
  registry = await startRegistry({ consumeTreatmentCases: true, treatmentCasesFromEnd: true });
  await registry.service.treatmentCases?.started;
  bus = createEventBus(
    { brokers: testStackEnv().kafkaBrokers, clientId: 'treatment-stand-in' },
    registryCatalogue,
  );
  publisher = await bus.publisher();
  collector = await collectEvents(bus, ['registry.person.v1']);
  await awaitConsumerPosition();
});
afterAll(async () => {
  await collector?.stop();
  await bus?.close();
  await registry?.stop();
});

/**
 * The new group starts at the end of the shared stream (its history holds other tests'
 * persons), a position fixed at its first fetch: markers go out until one comes through,
 * so no test's event falls before it.
 */
async function awaitConsumerPosition(): Promise<void> {
  const id = await registeredPerson();
  for (let attempt = 1; attempt <= 20; attempt++) {
    const person = await publishAndSettle(id, [], 3_000);
    if (person.timeline.some((e) => e.source === 'treatment')) return;
  }
  throw new Error('the treatment case consumer took none of 20 markers');
}

const api = () => request(registry.service.app);

interface PersonView {
  version: number;
  treatment?: Record<string, unknown> & { cases: Record<string, unknown>[] };
  referrals: Record<string, unknown>[];
  timeline: { kind: string; on: LocalDate; source: string; details: Record<string, unknown> }[];
}

const readPerson = (id: string): Promise<PersonView> =>
  api()
    .get(`/registry/v1/persons/${id}`)
    .set(registry.bearer())
    .then((res) => res.body as PersonView);

async function registeredPerson(): Promise<string> {
  const created = await api()
    .post('/registry/v1/persons')
    .set(registry.bearer())
    .send(personBody());
  return created.body.id as string;
}

type Kind = 'awaiting-registration' | 'voluntary-home' | 'post-rehab';

/** Events of one treatment case, as the treatment service publishes them. */
function treatmentCase(personId: string, kind: Kind) {
  const caseId = uuidv7();
  const send = <S extends z.ZodType>(definition: EventDefinition<S>, data: z.input<S>) =>
    createEvent(definition, { source: 'treatment', subject: personId, actor, data });
  const facts = (state: string) => ({ caseId, personId, kind, state, regime: 'LAW-2021' });
  const deadline = (on: LocalDate) =>
    kind === 'awaiting-registration' ? { registrationDeadline: addDays(on, 7) } : {};
  return {
    caseId,
    opened: (state: string, on: LocalDate) =>
      send(caseOpened, { ...facts(state), unitCode: '99001', openedOn: on, ...deadline(on) }),
    changed: (step: string, state: string, on: LocalDate) =>
      send(caseChanged, { ...facts(state), changedOn: on, step }),
    relapse: (on: LocalDate) =>
      send(relapseDetected, {
        caseId,
        personId,
        unitCode: '99001',
        detectedOn: on,
        legalRef: 'Law 73/2021/QH14 Art. 27(1)(d), 32(1)(d)',
      }),
  };
}

/**
 * Publishes the events, then a marker case for the same person (same key, so the same
 * partition, consumed in order): once the marker shows, every earlier event was handled.
 */
async function publishAndSettle(
  personId: string,
  events: EventEnvelope[],
  timeoutMs = 30_000,
): Promise<PersonView> {
  const marker = treatmentCase(personId, 'post-rehab');
  for (const event of events) await publisher.publish([event]);
  await publisher.publish([marker.opened('awaiting-file', daysAgo(1))]);
  return eventually(
    () => readPerson(personId),
    (p) => p.timeline.some((e) => e.details.caseId === marker.caseId),
    timeoutMs,
  );
}

const entriesOf = (person: PersonView, caseId: string) =>
  person.timeline.filter((e) => e.details.caseId === caseId);

describe('treatment cases from treatment.case.v1 in the registry', () => {
  it('shows the registration deadline, then voluntary rehab at home, on the status and the timeline', async () => {
    const id = await registeredPerson();
    const registration = treatmentCase(id, 'awaiting-registration');
    await publisher.publish([registration.opened('awaiting-registration', daysAgo(10))]);
    const waiting = await eventually(
      () => readPerson(id),
      (p) => p.treatment !== undefined,
    );
    expect(waiting.treatment).toMatchObject({
      situation: 'awaiting-registration',
      caseId: registration.caseId,
      since: daysAgo(10),
      registrationDeadline: daysAgo(3),
    });
    expect(
      entriesOf(waiting, registration.caseId).map((e) => [
        e.kind,
        e.on,
        e.source,
        e.details.regime,
      ]),
    ).toEqual([['treatment-case-opened', daysAgo(10), 'treatment', 'LAW-2021']]);

    const voluntary = treatmentCase(id, 'voluntary-home');
    await publisher.publish([
      registration.changed('register', 'registered', daysAgo(6)),
      voluntary.opened('awaiting-decision', daysAgo(6)),
      voluntary.changed('decide-home', 'in-rehab', daysAgo(4)),
    ]);
    const inRehab = await eventually(
      () => readPerson(id),
      (p) => p.treatment?.state === 'in-rehab',
    );
    expect(inRehab.treatment).toMatchObject({
      situation: 'voluntary-rehab',
      setting: 'home',
      caseId: voluntary.caseId,
      since: daysAgo(4),
    });
    expect(inRehab.treatment?.cases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: registration.caseId,
          state: 'registered',
          phase: 'closed',
        }),
        expect.objectContaining({ caseId: voluntary.caseId, state: 'in-rehab', phase: 'running' }),
      ]),
    );
    expect(entriesOf(inRehab, voluntary.caseId).map((e) => [e.kind, e.details.step])).toEqual([
      ['treatment-case-opened', undefined],
      ['treatment-case-changed', 'decide-home'],
    ]);
  });

  it('does not roll the status back when an older change arrives after a newer one', async () => {
    const id = await registeredPerson();
    const post = treatmentCase(id, 'post-rehab');
    const decided = post.changed('decide', 'under-management', daysAgo(30));
    const completed = post.changed('complete', 'completed', daysAgo(2));
    const person = await publishAndSettle(id, [completed, decided]);
    const kase = person.treatment?.cases.find((c) => c.caseId === post.caseId);
    expect(kase).toMatchObject({ state: 'completed', since: daysAgo(2), phase: 'completed' });
    expect(entriesOf(person, post.caseId).map((e) => [e.on, e.details.state])).toEqual([
      [daysAgo(30), 'under-management'],
      [daysAgo(2), 'completed'],
    ]);
  });

  it('applies a case event delivered twice, or handed to the use case again, only once', async () => {
    const id = await registeredPerson();
    const post = treatmentCase(id, 'post-rehab');
    const event = post.changed('decide', 'under-management', daysAgo(5));
    const first = await publishAndSettle(id, [event]);
    const again = await publishAndSettle(id, [event]);
    const direct = await recordTreatmentCaseFactUseCase(registry.service.deps, id, {
      eventId: event.id,
      recordedAt: event.time,
      change: 'changed',
      caseId: post.caseId,
      kind: 'post-rehab',
      state: 'under-management',
      regime: 'LAW-2021',
      on: daysAgo(5),
      step: 'decide',
    });
    expect(direct).toBe('already-applied');
    expect(entriesOf(first, post.caseId)).toHaveLength(1);
    expect(entriesOf(again, post.caseId)).toHaveLength(1);
    // The second round saved only its own marker.
    expect(again.version).toBe(first.version + 1);
  });

  it('opens exactly one determination referral (post-rehab use) for a relapse published twice', async () => {
    const id = await registeredPerson();
    const post = treatmentCase(id, 'post-rehab');
    const detected = post.relapse(daysAgo(3));
    // The same envelope twice, and the same relapse in a new envelope (past the event-id store).
    const person = await publishAndSettle(id, [
      post.changed('relapse', 'relapsed', daysAgo(3)),
      detected,
      detected,
      post.relapse(daysAgo(3)),
    ]);
    expect(person.referrals).toHaveLength(1);
    expect(person.referrals[0]).toMatchObject({
      reason: 'post-rehab-use',
      mandatory: true,
      referredOn: daysAgo(3),
      treatmentCaseId: post.caseId,
    });
    expect(person.referrals[0]?.note).toContain(post.caseId);
    expect(
      person.timeline.filter((e) => e.kind === 'treatment-relapse-detected').map((e) => e.on),
    ).toEqual([daysAgo(3)]);
    expect(person.treatment?.cases.find((c) => c.caseId === post.caseId)).toMatchObject({
      state: 'relapsed',
      phase: 'closed',
    });
    const referred = (e: EventEnvelope) =>
      e.subject === id && e.type === 'registry.person.determination-referred.v1';
    const [event] = await collector.waitFor(referred);
    expect(event?.data).toMatchObject({
      reason: 'post-rehab-use',
      referralId: person.referrals[0]?.id,
      referredOn: daysAgo(3),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(collector.events.filter(referred)).toHaveLength(1);
  });

  it('records the relapse of a person recorded as deceased without opening a referral', async () => {
    const id = await registeredPerson();
    await api()
      .post(`/registry/v1/persons/${id}/movements`)
      .set(registry.bearer())
      .send({ kind: 'death', effectiveOn: daysAgo(1) })
      .expect(201);
    const post = treatmentCase(id, 'post-rehab');
    const person = await publishAndSettle(id, [post.relapse(daysAgo(5))]);
    expect(person.referrals).toEqual([]);
    expect(entriesOf(person, post.caseId)).toEqual([
      expect.objectContaining({
        kind: 'treatment-relapse-detected',
        details: expect.objectContaining({ referralNotOpened: 'person-deceased' }),
      }),
    ]);
  });

  it('dead-letters an event for a person the registry does not know, and goes on with the next', async () => {
    const unknown = uuidv7();
    await publisher.publish([
      treatmentCase(unknown, 'post-rehab').opened('awaiting-file', daysAgo(2)),
    ]);
    const id = await registeredPerson();
    await publishAndSettle(id, []);
    const operator = registry.bearer({ agency: 'it', roles: ['operator'] });
    const letters = await eventually(
      () =>
        api()
          .get('/registry/v1/ops/dead-letters?limit=200')
          .set(operator)
          .then((res) => res.body.items as { key: string }[]),
      (items) => items.some((item) => item.key === unknown),
    );
    // Not found is not retriable: an operator replays it once the person is registered.
    expect(letters.find((item) => item.key === unknown)).toMatchObject({
      topic: 'treatment.case.v1',
      attempts: 1,
    });
  });
});
