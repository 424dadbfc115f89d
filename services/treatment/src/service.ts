import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { createWorkingDayCalendar, loadRulebook, todayIn } from '@rehab/domain-kit';
import type { ConsumerHandle } from '@rehab/events';
import type { OutboxRelay } from '@rehab/persistence';
import {
  mongoPersonProjection,
  openPlatform,
  type Platform,
  type TokenVerifier,
} from '@rehab/service-kit';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { TreatmentDeps } from './app/deps.ts';
import { sweepUseCase } from './app/registration.ts';
import { treatmentCatalogue } from './catalogue.ts';
import type { TreatmentConfig } from './config.ts';
import { createCompulsoryRules } from './domain/compulsory/index.ts';
import { createTreatmentRules } from './domain/index.ts';
import { startConsumers } from './events/consumers.ts';
import { registerRoutes } from './http/routes.ts';
import { mongoCaseRepository } from './store/case-repository.ts';
import { mongoPendingResults } from './store/pending-results.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export interface TreatmentOverrides {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: TreatmentDeps['clock'];
  consume?: boolean;
  consumerGroupSuffix?: string;
}

export interface TreatmentService {
  app: Express;
  platform: Platform;
  deps: TreatmentDeps;
  relay: OutboxRelay;
  consumers: ConsumerHandle[];
  stop(): Promise<void>;
}

/** Wires the treatment service: platform, rules, cases, routes, relay, consumers, sweep. */
export async function createTreatmentService(
  config: TreatmentConfig,
  overrides: TreatmentOverrides = {},
): Promise<TreatmentService> {
  const platform = await openPlatform({
    service: 'treatment',
    config,
    catalogue: treatmentCatalogue,
    defaultPolicyFile: here('../policy.yaml'),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...(overrides.verifier ? { verifier: overrides.verifier } : {}),
  });
  const rulebook = loadRulebook(
    readFileSync(config.RULEBOOK_FILE ?? here('../rules/treatment.rulebook.yaml'), 'utf8'),
  );
  const compulsoryRulebook = loadRulebook(
    readFileSync(
      config.COMPULSORY_RULEBOOK_FILE ?? here('../rules/compulsory.rulebook.yaml'),
      'utf8',
    ),
  );
  const calendar = createWorkingDayCalendar();
  const cases = mongoCaseRepository(platform.persistence, platform.connection);
  // Results wait here for their person, found by person (pending-results.ts).
  platform.persistence.declare('pendingResults', [{ key: { personId: 1 } }]);
  await platform.persistence.ensureIndexes();
  await cases.ensureDueIndex();
  const relay = platform.persistence.relay;
  const deps: TreatmentDeps = {
    cases,
    persons: mongoPersonProjection(platform.connection),
    rules: createTreatmentRules(rulebook, calendar),
    compulsoryRules: createCompulsoryRules(compulsoryRulebook, calendar),
    units: platform.units,
    clock: overrides.clock ?? { now: () => new Date(), today: () => todayIn() },
    newId: uuidv7,
  };
  const consumers =
    overrides.consume === false
      ? []
      : startConsumers(
          platform,
          deps,
          mongoPendingResults(platform.connection),
          overrides.consumerGroupSuffix,
        );
  platform.shutdown.add('stop consumers', async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  });
  const sweep = setInterval(() => {
    sweepUseCase(deps).catch((error: unknown) =>
      platform.logger.error({ err: error }, 'deadline sweep failed'),
    );
  }, config.SWEEP_INTERVAL_MS);
  sweep.unref();
  platform.shutdown.add('stop deadline sweep', async () => clearInterval(sweep));

  const api = platform.createApi('/treatment/v1');
  registerRoutes(api, deps);
  const app = platform.httpApp({
    apis: [api],
    openApi: () =>
      api.openApi({
        title: 'Treatment API',
        version: '1.0.0',
        description: 'Registration deadlines and the work queue (first slice)',
      }),
    documents: {
      '/treatment/asyncapi.json': () =>
        treatmentCatalogue.toAsyncApi({ title: 'Treatment events', version: '1.0.0' }),
    },
  });
  return { app, platform, deps, relay, consumers, stop: () => platform.shutdown.run('stop') };
}
