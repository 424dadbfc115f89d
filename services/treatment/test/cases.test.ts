import { addDays, createWorkingDayCalendar, todayIn } from '@rehab/domain-kit';
import {
  createEvent,
  createEventBus,
  determinationConcluded,
  personRegistered,
  type EventBus,
  type EventPublisher,
} from '@rehab/events';
import { loadConfig } from '@rehab/service-kit';
import {
  createTestIdentityProvider,
  eventually,
  testStackEnv,
  uniqueDatabaseUrl,
  type TokenClaims,
} from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treatmentCatalogue } from '../src/catalogue.ts';
import { treatmentConfigSchema } from '../src/config.ts';
import { createTreatmentService, type TreatmentService } from '../src/service.ts';

let service: TreatmentService;
let bus: EventBus;
let publisher: EventPublisher;
const idp = createTestIdentityProvider();
const today = todayIn();
const calendar = createWorkingDayCalendar();
const commune = (claims: Partial<TokenClaims> = {}) => ({
  Authorization: `Bearer ${idp.issue({ sub: 'commune-officer', agency: 'commune', orgUnit: '99003', roles: ['officer'], ...claims })}`,
});
const health = { agency: 'health', orgUnit: '99', sub: 'doctor' };

beforeAll(async () => {
  const stack = testStackEnv();
  service = await createTreatmentService(
    loadConfig(treatmentConfigSchema, {
      PORT: '0',
      MONGO_URL: uniqueDatabaseUrl('treatment'),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      OUTBOX_POLL_MS: '50',
    }),
    { consumerGroupSuffix: `-test-${Math.random().toString(36).slice(2, 8)}` },
  );
  await Promise.all(service.consumers.map((consumer) => consumer.started));
  bus = createEventBus(
    { brokers: stack.kafkaBrokers, clientId: 'treatment-test' },
    treatmentCatalogue,
  );
  publisher = await bus.publisher();
});
afterAll(async () => {
  await bus?.close();
  await service?.stop();
});

const api = () => request(service.app);

/** The registry's and the assessment's events for one addicted person in commune 99003. */
async function addictedPerson(notifiedOn: string, registrationDeadline?: string) {
  const personId = uuidv7();
  const determinationId = uuidv7();
  await publisher.publish([
    createEvent(personRegistered, {
      source: 'registry',
      subject: personId,
      actor: { agency: 'police', orgUnit: '99', sub: 'officer' },
      data: {
        personId,
        person: {
          fullName: 'Bùi Thị Thu',
          dateOfBirth: '1992-07-08',
          sex: 'female',
          residenceUnitCode: '99003',
          hasNationalId: false,
        },
      },
    }),
  ]);
  await eventually(
    () => service.deps.persons.get(personId),
    (person) => person !== undefined,
    20_000,
  );
  const concluded = createEvent(determinationConcluded, {
    source: 'assessment',
    subject: personId,
    actor: health,
    data: {
      determinationId,
      conclusionId: uuidv7(),
      personId,
      result: 'addicted',
      substanceClass: 'ats',
      concludedOn: notifiedOn,
      notifiedOn,
      ...(registrationDeadline ? { registrationDeadline } : {}),
      facilityId: uuidv7(),
      origin: 'referral',
    },
  });
  await publisher.publish([concluded]);
  return { personId, concluded };
}

const casesOf = (personId: string) =>
  api()
    .get(`/treatment/v1/cases?personId=${personId}`)
    .set(commune())
    .then((res) => res.body.items as Record<string, unknown>[]);

describe('registration deadline after an "addicted" result (Decree 116/2021 Art. 3, 28)', () => {
  it('opens a case awaiting registration with the deadline 5 working days after notification', async () => {
    const notifiedOn = addDays(today, -1);
    const { personId } = await addictedPerson(notifiedOn);
    const items = await eventually(
      () => casesOf(personId),
      (list) => list.length === 1,
      20_000,
    );
    expect(items[0]).toEqual(
      expect.objectContaining({
        kind: 'awaiting-registration',
        state: 'awaiting-registration',
        registrationDeadline: calendar.addWorkingDays(notifiedOn, 5),
        unitCode: '99003',
        registrant: 'person',
      }),
    );
  });

  it('opens one case however often the result is delivered, and records a registration in time', async () => {
    const { personId, concluded } = await addictedPerson(addDays(today, -2), addDays(today, 5));
    await publisher.publish([concluded]);
    const [kase] = await eventually(
      () => casesOf(personId),
      (list) => list.length > 0,
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await casesOf(personId)).toHaveLength(1);
    const registered = await api()
      .post(`/treatment/v1/cases/${String(kase!.id)}/registration`)
      .set(commune())
      .send({ modality: 'voluntary-home' });
    expect(registered.status).toBe(200);
    expect(registered.body.state).toBe('registered');
    const otherCommune = await api()
      .get(`/treatment/v1/cases/${String(kase!.id)}`)
      .set(commune({ orgUnit: '99001' }));
    expect(otherCommune.status).toBe(403);
  });

  it('makes a case overdue after the deadline with a not-registered violation, listed first in the commune queue', async () => {
    const { personId } = await addictedPerson(addDays(today, -20), addDays(today, -10));
    const [kase] = await eventually(
      () => casesOf(personId),
      (list) => list.length > 0,
      20_000,
    );
    const late = await api()
      .post(`/treatment/v1/cases/${String(kase!.id)}/registration`)
      .set(commune())
      .send({ modality: 'methadone' });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('registration-after-deadline');
    const operator = {
      Authorization: `Bearer ${idp.issue({ sub: 'ops', agency: 'it', orgUnit: '99', roles: ['operator'] })}`,
    };
    const sweep = await api().post('/treatment/v1/ops/sweep').set(operator);
    expect(sweep.body.overdue).toBeGreaterThanOrEqual(1);
    const read = await api()
      .get(`/treatment/v1/cases/${String(kase!.id)}`)
      .set(commune());
    expect(read.body.state).toBe('overdue');
    expect(read.body.violation).toEqual(
      expect.objectContaining({ kind: 'not-registered', on: addDays(today, -9) }),
    );
    const due = await api().get('/treatment/v1/due?unitCode=99003').set(commune());
    expect(due.body.items[0]).toEqual(expect.objectContaining({ overdue: true }));
    expect(due.body.items.some((item: { caseId: string }) => item.caseId === kase!.id)).toBe(true);
    const again = await api().post('/treatment/v1/ops/sweep').set(operator);
    expect(again.status).toBe(200);
    expect(
      (
        await api()
          .get(`/treatment/v1/cases/${String(kase!.id)}`)
          .set(commune())
      ).body.timeline.filter((e: { event: string }) => e.event === 'violation-not-registered'),
    ).toHaveLength(1);
  });
});
