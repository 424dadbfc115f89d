// The treatment service on the test stack (real Kafka and FerretDB), with a clock the test
// can move, an identity provider for tokens of every agency, and the registry's and the
// assessment's events that make a person known and addicted.
import { todayIn, type LocalDate } from '@rehab/domain-kit';
import {
  createEvent,
  createEventBus,
  determinationConcluded,
  personRegistered,
  type EventBus,
  type EventEnvelope,
  type EventPublisher,
} from '@rehab/events';
import { loadConfig } from '@rehab/service-kit';
import {
  createTestIdentityProvider,
  eventually,
  testStackEnv,
  uniqueDatabaseUrl,
  type TokenClaims,
  standInSettings,
} from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { treatmentCatalogue } from '../src/catalogue.ts';
import { treatmentConfigSchema } from '../src/config.ts';
import { createTreatmentService, type TreatmentService } from '../src/service.ts';

export interface TreatmentHarness {
  service: TreatmentService;
  publisher: EventPublisher;
  /** The service's today; `setToday` moves it (e.g. a year on, for a term to end). */
  today(): LocalDate;
  setToday(day: LocalDate): void;
  api(): ReturnType<typeof request>;
  /** An Authorization header for a caller of the given agency, unit and roles. */
  as(claims: Partial<TokenClaims> & Pick<TokenClaims, 'agency'>): { Authorization: string };
  /** A person the registry registered in `unitCode` (default 99003), once projected here. */
  knownPerson(input?: {
    dateOfBirth?: LocalDate;
    unitCode?: string;
    fullName?: string;
  }): Promise<string>;
  /** A person registered in `unitCode`, found addicted with notification on `notifiedOn`. */
  addictedPerson(input: {
    notifiedOn: LocalDate;
    registrationDeadline?: LocalDate;
    dateOfBirth?: LocalDate;
    unitCode?: string;
    fullName?: string;
  }): Promise<{
    personId: string;
    determinationId: string;
    caseId: string;
    /** The result event, to deliver again. */
    result: EventEnvelope;
  }>;
  stop(): Promise<void>;
}

export async function startTreatment(
  options: { today?: LocalDate } = {},
): Promise<TreatmentHarness> {
  const idp = createTestIdentityProvider();
  const stack = testStackEnv();
  let today = options.today ?? todayIn();
  const service = await createTreatmentService(
    loadConfig(treatmentConfigSchema, {
      PORT: '0',
      MONGO_URL: uniqueDatabaseUrl('treatment'),
      ...standInSettings(),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      OUTBOX_POLL_MS: '50',
    }),
    {
      consumerGroupSuffix: `-test-${Math.random().toString(36).slice(2, 8)}`,
      clock: { now: () => new Date(), today: () => today },
    },
  );
  await Promise.all(service.consumers.map((consumer) => consumer.started));
  const bus: EventBus = createEventBus(
    { brokers: stack.kafkaBrokers, clientId: 'treatment-test' },
    treatmentCatalogue,
  );
  const publisher = await bus.publisher();
  const api = () => request(service.app);
  const as: TreatmentHarness['as'] = (claims) => ({
    Authorization: `Bearer ${idp.issue({ sub: `${claims.agency}-user`, orgUnit: '99003', roles: ['officer'], ...claims })}`,
  });
  const knownPerson: TreatmentHarness['knownPerson'] = async (input = {}) => {
    const personId = uuidv7();
    await publisher.publish([
      createEvent(personRegistered, {
        source: 'registry',
        subject: personId,
        actor: { agency: 'police', orgUnit: '99', sub: 'officer' },
        data: {
          personId,
          person: {
            fullName: input.fullName ?? 'Bùi Thị Thu',
            dateOfBirth: input.dateOfBirth ?? '1992-07-08',
            sex: 'female',
            residenceUnitCode: input.unitCode ?? '99003',
            hasNationalId: false,
          },
        },
      }),
    ]);
    // The result consumer parks a result for an unknown person, but other steps need it now.
    await eventually(
      () => service.deps.persons.get(personId),
      (person) => person !== undefined,
      60_000,
    );
    return personId;
  };
  return {
    service,
    publisher,
    today: () => today,
    setToday: (day) => {
      today = day;
    },
    api,
    as,
    knownPerson,
    async addictedPerson(input) {
      const personId = await knownPerson(input);
      const determinationId = uuidv7();
      const result = createEvent(determinationConcluded, {
        source: 'assessment',
        subject: personId,
        actor: { agency: 'health', orgUnit: '99', sub: 'doctor' },
        data: {
          determinationId,
          conclusionId: uuidv7(),
          personId,
          result: 'addicted',
          substanceClass: 'ats',
          concludedOn: input.notifiedOn,
          notifiedOn: input.notifiedOn,
          ...(input.registrationDeadline
            ? { registrationDeadline: input.registrationDeadline }
            : {}),
          facilityId: uuidv7(),
          origin: 'referral',
        },
      });
      await publisher.publish([result]);
      const reader = as({ agency: 'labour', orgUnit: '99', roles: ['officer'] });
      const [kase] = await eventually(
        () =>
          api()
            .get(`/treatment/v1/cases?personId=${personId}`)
            .set(reader)
            .then((res) => res.body.items as { id: string }[]),
        (items) => items.length > 0,
        20_000,
      );
      return { personId, determinationId, caseId: kase!.id, result };
    },
    async stop() {
      await bus.close();
      await service.stop();
    },
  };
}
