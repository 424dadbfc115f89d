import { v7 as uuidv7 } from 'uuid';
import { createWorkingDayCalendar, todayIn } from '@rehab/domain-kit';
import type { ConsumerHandle } from '@rehab/events';
import type { OutboxRelay } from '@rehab/persistence';
import {
  openServicePlatform,
  serviceHttpApp,
  type Platform,
  type TokenVerifier,
} from '@rehab/service-kit';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { AssessmentDeps } from './app/deps.ts';
import { assessmentCatalogue } from './catalogue.ts';
import type { AssessmentConfig } from './config.ts';
import { createAssessmentRules } from './domain/index.ts';
import { startRegistryConsumer } from './events/registry-consumer.ts';
import { registerRoutes } from './http/routes.ts';
import { mongoDeterminationRepository } from './store/determination-repository.ts';
import { mongoFacilityRepository } from './store/facility-repository.ts';
import { mongoPersonProjection } from '@rehab/service-kit';

/** What tests may replace. */
export interface AssessmentOverrides {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: AssessmentDeps['clock'];
  /** Tests that seed the projection themselves may skip the registry consumer. */
  consumeRegistry?: boolean;
  /** Tests give each instance its own consumer groups (they share one broker). */
  consumerGroupSuffix?: string;
}

export interface AssessmentService {
  app: Express;
  platform: Platform;
  deps: AssessmentDeps;
  relay: OutboxRelay;
  registryConsumer?: ConsumerHandle;
  stop(): Promise<void>;
}

/** Wires the assessment service: platform, rules, repositories, routes, relay and consumer. */
export async function createAssessmentService(
  config: AssessmentConfig,
  overrides: AssessmentOverrides = {},
): Promise<AssessmentService> {
  const { platform, rulebook } = await openServicePlatform({
    service: 'assessment',
    config,
    catalogue: assessmentCatalogue,
    packageRoot: new URL('..', import.meta.url),
    overrides,
  });
  const determinations = mongoDeterminationRepository(platform.persistence);
  await platform.persistence.ensureIndexes();
  const relay = platform.persistence.relay;
  const deps: AssessmentDeps = {
    facilities: mongoFacilityRepository(platform.connection),
    persons: mongoPersonProjection(platform.connection),
    determinations,
    rules: createAssessmentRules(rulebook, createWorkingDayCalendar()),
    units: platform.units,
    clock: overrides.clock ?? { now: () => new Date(), today: () => todayIn() },
    newId: uuidv7,
  };

  const registryConsumer =
    overrides.consumeRegistry === false
      ? undefined
      : startRegistryConsumer(platform, deps, overrides.consumerGroupSuffix);
  if (registryConsumer)
    platform.shutdown.add('stop registry consumer', () => registryConsumer.stop());

  const api = platform.createApi('/assessment/v1');
  registerRoutes(api, deps);
  const app = serviceHttpApp(platform, api, assessmentCatalogue, {
    title: 'Assessment API (health)',
    description: 'Certified facilities and assessors, addiction status determinations, results',
    eventsTitle: 'Assessment events',
  });
  return {
    app,
    platform,
    deps,
    relay,
    ...(registryConsumer ? { registryConsumer } : {}),
    stop: () => platform.shutdown.run('stop'),
  };
}
