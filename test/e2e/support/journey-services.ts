// The registry, assessment and treatment services a calendar journey runs on, on the real
// stack and on the journey's clock, with the consumers that carry a person between them:
// the registry hears determinations and treatment cases, assessment hears the registry's
// referrals, treatment hears both. A journey file adds its own services beside them.
import type { LocalDate } from '@rehab/domain-kit';
import { loadConfig } from '@rehab/service-kit';
import { createTestIdentityProvider } from '@rehab/testing';
import request from 'supertest';
import {
  certifiedFacilityWithDoctor,
  startAssessment,
  type AssessmentUnderTest,
} from '../../../services/assessment/test/support.ts';
import { startRegistry, type RegistryUnderTest } from '../../../services/registry/test/support.ts';
import { treatmentConfigSchema } from '../../../services/treatment/src/config.ts';
import {
  createTreatmentService,
  type TreatmentService,
} from '../../../services/treatment/src/service.ts';
import { callerTokens, stackSettings } from './service-settings.ts';

export interface JourneyClock {
  now(): Date;
  today(): LocalDate;
}

export class JourneyServices {
  readonly clock: JourneyClock;
  /** Signs the treatment service's tokens, and those of any service the journey adds. */
  readonly idp = createTestIdentityProvider();
  readonly token = callerTokens(this.idp);
  #registry?: RegistryUnderTest;
  #assessment?: AssessmentUnderTest;
  #treatment?: TreatmentService;

  constructor(clock: JourneyClock) {
    this.clock = clock;
  }

  get registry(): RegistryUnderTest {
    return started(this.#registry, 'registry');
  }
  get assessment(): AssessmentUnderTest {
    return started(this.#assessment, 'assessment');
  }
  get treatment(): TreatmentService {
    return started(this.#treatment, 'treatment');
  }

  /** Starts the three in consumer groups of their own (`consumerGroupSuffix`). */
  async start(consumerGroupSuffix: string): Promise<void> {
    const { clock } = this;
    this.#registry = await startRegistry({
      clock,
      consumeDeterminations: true,
      consumeTreatmentCases: true,
      // Other files' treatment events are for persons this registry does not know.
      treatmentCasesFromEnd: true,
      consumerGroupSuffix,
    });
    this.#assessment = await startAssessment({ clock, consumeRegistry: true, consumerGroupSuffix });
    this.#treatment = await createTreatmentService(
      loadConfig(
        treatmentConfigSchema,
        stackSettings(this.idp, 'treatment', { quickOutbox: true }),
      ),
      { clock, consumerGroupSuffix },
    );
  }

  /** Waits for the three's consumers and `others`, then certifies the doctor of the journeys. */
  async ready(others: (Promise<void> | undefined)[] = []): Promise<void> {
    await Promise.all([
      this.registry.service.determinations?.started,
      this.registry.service.treatmentCases?.started,
      this.assessment.service.registryConsumer?.started,
      ...this.treatment.consumers.map((consumer) => consumer.started),
      ...others,
    ]);
    await certifiedFacilityWithDoctor(this.assessment);
  }

  /** Stops what has started, the last started first. */
  async stop(): Promise<void> {
    await this.#treatment?.stop();
    await this.#assessment?.stop();
    await this.#registry?.stop();
  }

  /** The person as the police see them in the registry. */
  registryPerson(personId: string) {
    return request(this.registry.service.app)
      .get(`/registry/v1/persons/${personId}`)
      .set(this.registry.bearer())
      .then((res) => res.body);
  }
}

function started<T>(service: T | undefined, name: string): T {
  if (service === undefined) throw new Error(`The journey's ${name} has not started yet.`);
  return service;
}
