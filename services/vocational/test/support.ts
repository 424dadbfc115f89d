// The vocational service on the test stack (real Kafka and FerretDB), with a clock the test
// can move, an identity provider for tokens of every agency, and the registry's and the
// treatment service's events that make a person known, through rehab and under post-rehab
// management. Other test files share the broker: assertions name this file's persons.
import { todayIn, type LocalDate } from '@rehab/domain-kit';
import {
  caseChanged,
  createEvent,
  createEventBus,
  type EventBus,
  type EventEnvelope,
  type EventPublisher,
} from '@rehab/events';
import { loadConfig } from '@rehab/service-kit';
import {
  agencyBearer,
  collectEvents,
  eventually,
  movableToday,
  publishRegisteredPerson,
  serviceTestStack,
  testConsumerGroupSuffix,
  type EventCollector,
  type TokenClaims,
} from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { vocationalCatalogue } from '../src/catalogue.ts';
import { vocationalConfigSchema } from '../src/config.ts';
import { createVocationalService, type VocationalService } from '../src/service.ts';

export interface VocationalHarness {
  service: VocationalService;
  publisher: EventPublisher;
  /** What the service put on vocational.support.v1 (filter by subject: the topic is shared). */
  published: EventCollector;
  today(): LocalDate;
  setToday(day: LocalDate): void;
  api(): ReturnType<typeof request>;
  /** An Authorization header (default: a labour officer of the province, 99). */
  as(claims?: Partial<TokenClaims>): { Authorization: string };
  /** A person the registry registered in `unitCode` (default 99003), once projected here. */
  knownPerson(input?: {
    dateOfBirth?: LocalDate;
    unitCode?: string;
    fullName?: string;
  }): Promise<string>;
  /**
   * A person who completed voluntary home rehab on `completedOn` and whose post-rehab
   * management was decided on `decidedOn`, as the treatment service announces it; resolves
   * once the need is open here.
   */
  postRehabPerson(input: {
    completedOn: LocalDate;
    decidedOn: LocalDate;
    dateOfBirth?: LocalDate;
    unitCode?: string;
    fullName?: string;
  }): Promise<{ personId: string; caseId: string; decision: EventEnvelope }>;
  /** A treatment case event of `personId`, as the treatment service publishes it. */
  treatmentEvent(input: {
    personId: string;
    caseId: string;
    kind: 'voluntary-home' | 'compulsory' | 'post-rehab';
    step: string;
    state: string;
    on: LocalDate;
    unitCode?: string;
    supportNeed?: 'schooling' | 'vocational-training' | 'job' | 'loan';
  }): EventEnvelope;
  stop(): Promise<void>;
}

export async function startVocational(
  options: { today?: LocalDate } = {},
): Promise<VocationalHarness> {
  const { idp, stack, settings } = serviceTestStack('vocational');
  const days = movableToday(options.today ?? todayIn());
  const service = await createVocationalService(
    loadConfig(vocationalConfigSchema, { ...settings, OUTBOX_POLL_MS: '50' }),
    {
      consumerGroupSuffix: testConsumerGroupSuffix(),
      consumeFromBeginning: false,
      clock: days.clock,
    },
  );
  await Promise.all(service.consumers.map((consumer) => consumer.started));
  const bus: EventBus = createEventBus(
    { brokers: stack.kafkaBrokers, clientId: 'vocational-test' },
    vocationalCatalogue,
  );
  const publisher = await bus.publisher();
  const published = await collectEvents(bus, ['vocational.support.v1']);
  const api = () => request(service.app);
  const as: VocationalHarness['as'] = (claims = {}) =>
    agencyBearer(idp, { agency: 'labour', orgUnit: '99', roles: ['officer'], ...claims });
  const knownPerson: VocationalHarness['knownPerson'] = async (input = {}) => {
    const personId = uuidv7();
    await publishRegisteredPerson(publisher, service.deps.persons, personId, {
      fullName: input.fullName ?? 'Đặng Văn Hùng',
      dateOfBirth: input.dateOfBirth ?? '1990-04-12',
      sex: 'male',
      residenceUnitCode: input.unitCode ?? '99003',
    });
    return personId;
  };
  const treatmentEvent: VocationalHarness['treatmentEvent'] = (input) =>
    createEvent(caseChanged, {
      source: 'treatment',
      subject: input.personId,
      actor: { agency: 'commune', orgUnit: input.unitCode ?? '99003', sub: 'chairman' },
      data: {
        caseId: input.caseId,
        personId: input.personId,
        kind: input.kind,
        state: input.state,
        regime: 'LAW-2025',
        unitCode: input.unitCode ?? '99003',
        changedOn: input.on,
        step: input.step,
        ...(input.supportNeed ? { supportNeed: input.supportNeed } : {}),
      },
    });
  return {
    service,
    publisher,
    published,
    today: days.today,
    setToday: days.setToday,
    api,
    as,
    knownPerson,
    treatmentEvent,
    async postRehabPerson(input) {
      const personId = await knownPerson(input);
      const caseId = uuidv7();
      const unit = input.unitCode ? { unitCode: input.unitCode } : {};
      const decision = treatmentEvent({
        personId,
        caseId,
        kind: 'post-rehab',
        step: 'decide',
        state: 'under-management',
        on: input.decidedOn,
        ...unit,
      });
      await publisher.publish([
        treatmentEvent({
          personId,
          caseId: uuidv7(),
          kind: 'voluntary-home',
          step: 'complete',
          state: 'completed',
          on: input.completedOn,
          ...unit,
        }),
        decision,
      ]);
      await eventually(
        () => service.deps.files.get(personId),
        (file) => (file?.episodes.length ?? 0) > 0 && (file?.completions.length ?? 0) > 0,
        60_000,
      );
      return { personId, caseId, decision };
    },
    async stop() {
      await published.stop();
      await bus.close();
      await service.stop();
    },
  };
}
