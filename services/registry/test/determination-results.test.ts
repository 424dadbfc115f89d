import request from 'supertest';
import { addDays, todayIn } from '@rehab/domain-kit';
import {
  createEvent,
  createEventBus,
  determinationConcluded,
  type EventBus,
  type EventPublisher,
} from '@rehab/events';
import { eventually, testStackEnv } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCatalogue } from '../src/catalogue.ts';
import { personBody, startRegistry, type RegistryUnderTest } from './support.ts';

let registry: RegistryUnderTest;
let bus: EventBus;
let publisher: EventPublisher;
const today = todayIn();
const actor = { agency: 'health', orgUnit: '99', sub: 'doctor-1' };

beforeAll(async () => {
  registry = await startRegistry({ consumeDeterminations: true });
  await registry.service.determinations?.started;
  bus = createEventBus(
    { brokers: testStackEnv().kafkaBrokers, clientId: 'assessment-stand-in' },
    registryCatalogue,
  );
  publisher = await bus.publisher();
});
afterAll(async () => {
  await bus?.close();
  await registry?.stop();
});

const api = () => request(registry.service.app);

async function managedPerson(): Promise<string> {
  const created = await api()
    .post('/registry/v1/persons')
    .set(registry.bearer())
    .send(personBody());
  const id = created.body.id as string;
  await api()
    .post(`/registry/v1/persons/${id}/drug-use-detections`)
    .set(registry.bearer())
    .send({ detectedAt: addDays(today, -20), sample: 'urine', substances: ['heroin'] });
  return id;
}

function concluded(personId: string, result: 'addicted' | 'not-addicted') {
  return createEvent(determinationConcluded, {
    source: 'assessment',
    subject: personId,
    actor,
    data: {
      determinationId: uuidv7(),
      conclusionId: uuidv7(),
      personId,
      result,
      ...(result === 'addicted'
        ? { substanceClass: 'opioid' as const, registrationDeadline: addDays(today, 7) }
        : {}),
      concludedOn: addDays(today, -1),
      notifiedOn: addDays(today, -1),
      facilityId: uuidv7(),
      origin: 'referral' as const,
    },
  });
}

const readPerson = (id: string) =>
  api()
    .get(`/registry/v1/persons/${id}`)
    .set(registry.bearer())
    .then((res) => res.body);

describe('results from assessment.determination.v1', () => {
  it('an "addicted" result stops management (determined addicted), sets status, substance and deadline', async () => {
    const id = await managedPerson();
    await publisher.publish([concluded(id, 'addicted')]);
    const person = await eventually(
      () => readPerson(id),
      (p) => p.addictionStatus === 'addicted',
    );
    expect(person.addictionStatus).toBe('addicted');
    expect(person.substanceClass).toBe('opioid');
    expect(person.registrationDeadline).toBe(addDays(today, 7));
    expect(person.management.status).toBe('stopped');
    expect(person.management.stopReason).toBe('determined-addicted');
    const entry = person.timeline.find((e: { kind: string }) => e.kind === 'determination-result');
    expect(entry.details).not.toHaveProperty('criteria');
  });

  it('a "not addicted" result is recorded and management continues', async () => {
    const id = await managedPerson();
    await publisher.publish([concluded(id, 'not-addicted')]);
    const person = await eventually(
      () => readPerson(id),
      (p) => p.addictionStatus === 'not-addicted',
    );
    expect(person.addictionStatus).toBe('not-addicted');
    expect(person.management.status).toBe('active');
  });

  it('applies a result delivered twice only once', async () => {
    const id = await managedPerson();
    const event = concluded(id, 'addicted');
    await publisher.publish([event]);
    await publisher.publish([event]);
    const person = await eventually(
      () => readPerson(id),
      (p) => p.addictionStatus === 'addicted',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await readPerson(id);
    expect(
      after.timeline.filter((e: { kind: string }) => e.kind === 'determination-result'),
    ).toHaveLength(1);
    expect(after.version).toBe(person.version);
  });

  it('sends a schema-invalid message to the dead-letter store and still processes the next one', async () => {
    const id = await managedPerson();
    const bad = concluded(id, 'addicted');
    await publisher.publishRaw('assessment.determination.v1', [
      {
        key: id,
        value: JSON.stringify({ ...bad, data: { ...bad.data, result: 'maybe' } }),
        headers: {},
      },
    ]);
    await publisher.publish([concluded(id, 'not-addicted')]);
    const person = await eventually(
      () => readPerson(id),
      (p) => p.addictionStatus === 'not-addicted',
    );
    expect(person.addictionStatus).toBe('not-addicted');
    const operator = registry.bearer({ agency: 'it', roles: ['operator'] });
    // Every page: on a broker that keeps earlier runs' events, this one is not on the first.
    const allLetters = async () => {
      const items: { key: string }[] = [];
      for (let cursor: string | undefined; ;) {
        const query = `limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await api().get(`/registry/v1/ops/dead-letters?${query}`).set(operator)).body;
        items.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) return items;
      }
    };
    const letters = await eventually(allLetters, (items) => items.some((item) => item.key === id));
    expect(letters.some((item) => item.key === id)).toBe(true);
  });
});
