import request from 'supertest';
import { addDays, todayIn } from '@rehab/domain-kit';
import { createEventBus, type EventBus } from '@rehab/events';
import { collectEvents, testStackEnv, type EventCollector } from '@rehab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCatalogue } from '../src/catalogue.ts';
import { nationalId, personBody, startRegistry, type RegistryUnderTest } from './support.ts';

let registry: RegistryUnderTest;
let bus: EventBus;
let collector: EventCollector;
const today = todayIn();

beforeAll(async () => {
  registry = await startRegistry({ pollOutbox: false });
  bus = createEventBus(
    { brokers: testStackEnv().kafkaBrokers, clientId: 'registry-events-test' },
    registryCatalogue,
  );
  collector = await collectEvents(bus, ['registry.person.v1']);
});
afterAll(async () => {
  await collector?.stop();
  await bus?.close();
  await registry?.stop();
});

const api = () => request(registry.service.app);
const forPerson = (id: string) => (event: { subject: string }) => event.subject === id;

describe('events on registry.person.v1', () => {
  it('puts exactly one valid event on the topic for each change, never the national ID', async () => {
    const number = nationalId();
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody({ nationalId: number }));
    const id = created.body.id as string;
    await api()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(registry.bearer())
      .send({ detectedAt: addDays(today, -3), sample: 'urine', substances: ['heroin'] });
    await api()
      .post(`/registry/v1/persons/${id}/movements`)
      .set(registry.bearer())
      .send({ kind: 'absence', effectiveOn: addDays(today, -1) });
    await api()
      .patch(`/registry/v1/persons/${id}`)
      .set(registry.bearer())
      .set('If-Match', '"3"')
      .send({ ethnicity: 'Mường' });
    await api()
      .post(`/registry/v1/persons/${id}/determination-referrals`)
      .set(registry.bearer())
      .send({ reason: 'voluntary' });
    await registry.service.relay.drainOnce();
    const events = await collector.waitFor(forPerson(id), { count: 5 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = collector.events.filter(forPerson(id));
    expect(all.map((e) => e.type)).toEqual([
      'registry.person.registered.v1',
      'registry.person.drug-use-detected.v1',
      'registry.person.moved.v1',
      'registry.person.updated.v1',
      'registry.person.determination-referred.v1',
    ]);
    for (const event of events) {
      expect(() => registryCatalogue.parse(event)).not.toThrow();
      expect(event.actor).toEqual({ agency: 'police', orgUnit: '99', sub: 'officer-1' });
      expect(JSON.stringify(event)).not.toContain(number);
    }
  });

  it('loses no event when the relay stops after the database write, and publishes it once restarted', async () => {
    const created = await api()
      .post('/registry/v1/persons')
      .set(registry.bearer())
      .send(personBody());
    const id = created.body.id as string;
    // The relay is not polling (a crash after the write): the event waits in the outbox.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(collector.events.filter(forPerson(id))).toHaveLength(0);
    const stored = await registry.service.deps.persons.get(id);
    expect(stored).toBeDefined();
    await registry.service.relay.drainOnce();
    const [event] = await collector.waitFor(forPerson(id));
    expect(event?.type).toBe('registry.person.registered.v1');
  });
});
