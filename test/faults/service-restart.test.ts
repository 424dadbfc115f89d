// A registry stopped mid-journey resumes from its committed offsets: results published
// while it was down are applied once, earlier ones are not applied again.
import { addDays, todayIn } from '@rehab/domain-kit';
import {
  createEvent,
  createEventBus,
  determinationConcluded,
  type EventBus,
  type EventPublisher,
} from '@rehab/events';
import { testStackEnv } from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCatalogue } from '../../services/registry/src/catalogue.ts';
import { personBody, startRegistry } from '../../services/registry/test/support.ts';
import { eventually } from './stack-control.ts';

let bus: EventBus;
let publisher: EventPublisher;
const today = todayIn();
const groupSuffix = `-restart-${Date.now()}`;

beforeAll(async () => {
  bus = createEventBus(
    { brokers: testStackEnv().kafkaBrokers, clientId: 'restart-test' },
    registryCatalogue,
  );
  publisher = await bus.publisher();
});
afterAll(async () => {
  await bus?.close();
});

const concluded = (personId: string) =>
  createEvent(determinationConcluded, {
    source: 'assessment',
    subject: personId,
    actor: { agency: 'health', orgUnit: '99', sub: 'doctor-1' },
    data: {
      determinationId: uuidv7(),
      conclusionId: uuidv7(),
      personId,
      result: 'addicted',
      substanceClass: 'ats',
      concludedOn: today,
      notifiedOn: today,
      registrationDeadline: addDays(today, 7),
      facilityId: uuidv7(),
      origin: 'referral',
    },
  });

describe('registry restarted mid-journey', () => {
  it('applies what arrived while it was down, once, and does not reprocess earlier results', async () => {
    const first = await startRegistry({
      consumeDeterminations: true,
      consumerGroupSuffix: groupSuffix,
    });
    await first.service.determinations?.started;
    const api1 = () => request(first.service.app);
    const a = (await api1().post('/registry/v1/persons').set(first.bearer()).send(personBody()))
      .body.id as string;
    const b = (await api1().post('/registry/v1/persons').set(first.bearer()).send(personBody()))
      .body.id as string;
    const eventA = concluded(a);
    await publisher.publish([eventA]);
    const before = await eventually(
      () =>
        api1()
          .get(`/registry/v1/persons/${a}`)
          .set(first.bearer())
          .then((res) => res.body),
      (body) => body.addictionStatus === 'addicted',
      30_000,
    );
    await first.stop();

    await publisher.publish([concluded(b), eventA]);
    const second = await startRegistry(
      { consumeDeterminations: true, consumerGroupSuffix: groupSuffix },
      { mongoUrl: first.mongoUrl, nationalIdKey: first.nationalIdKey },
    );
    try {
      const api2 = () => request(second.service.app);
      const shownB = await eventually(
        () =>
          api2()
            .get(`/registry/v1/persons/${b}`)
            .set(second.bearer())
            .then((res) => res.body),
        (body) => body.addictionStatus === 'addicted',
        60_000,
      );
      expect(shownB.addictionStatus).toBe('addicted');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const afterA = (await api2().get(`/registry/v1/persons/${a}`).set(second.bearer())).body;
      expect(afterA.version).toBe(before.version);
      expect(
        afterA.timeline.filter((e: { kind: string }) => e.kind === 'determination-result'),
      ).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
