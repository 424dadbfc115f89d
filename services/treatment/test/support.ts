// The treatment service on the test stack (real Kafka and FerretDB), with a clock the test
// can move, an identity provider for tokens of every agency, and the registry's and the
// assessment's events that make a person known and addicted.
import { todayIn, type LocalDate } from '@rehab/domain-kit';
import {
  createEvent,
  createEventBus,
  determinationConcluded,
  type EventBus,
  type EventEnvelope,
  type EventPublisher,
} from '@rehab/events';
import { loadConfig } from '@rehab/service-kit';
import {
  agencyBearer,
  eventually,
  movableToday,
  publishRegisteredPerson,
  serviceTestStack,
  testConsumerGroupSuffix,
  type TokenClaims,
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
  const { idp, stack, settings } = serviceTestStack('treatment');
  const days = movableToday(options.today ?? todayIn());
  const service = await createTreatmentService(
    loadConfig(treatmentConfigSchema, { ...settings, OUTBOX_POLL_MS: '50' }),
    { consumerGroupSuffix: testConsumerGroupSuffix(), clock: days.clock },
  );
  await Promise.all(service.consumers.map((consumer) => consumer.started));
  const bus: EventBus = createEventBus(
    { brokers: stack.kafkaBrokers, clientId: 'treatment-test' },
    treatmentCatalogue,
  );
  const publisher = await bus.publisher();
  const api = () => request(service.app);
  const as: TreatmentHarness['as'] = (claims) =>
    agencyBearer(idp, { orgUnit: '99003', roles: ['officer'], ...claims });
  const knownPerson: TreatmentHarness['knownPerson'] = async (input = {}) => {
    const personId = uuidv7();
    // The result consumer parks a result for an unknown person, but other steps need it now.
    await publishRegisteredPerson(publisher, service.deps.persons, personId, {
      fullName: input.fullName ?? 'Bùi Thị Thu',
      dateOfBirth: input.dateOfBirth ?? '1992-07-08',
      sex: 'female',
      residenceUnitCode: input.unitCode ?? '99003',
    });
    return personId;
  };
  return {
    service,
    publisher,
    today: days.today,
    setToday: days.setToday,
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
