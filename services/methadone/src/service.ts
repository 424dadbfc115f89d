import { createHash } from 'node:crypto';
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
import type { MethadoneDeps } from './app/deps.ts';
import { sweepUseCase } from './app/sweep.ts';
import { methadoneCatalogue } from './catalogue.ts';
import type { MethadoneConfig } from './config.ts';
import { createMethadoneRules } from './domain/index.ts';
import { startConsumers } from './events/consumers.ts';
import { registerRoutes } from './http/routes.ts';
import { clinicRepository } from './store/clinic-repository.ts';
import { doseRepository } from './store/dose-repository.ts';
import { patientRepository } from './store/patient-repository.ts';
import { guestVisits, opioidResults } from './store/projections.ts';
import { siteLedger } from './store/site-ledger.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** SHA-256 in hex: the register's chain digest. */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What tests may replace. */
export interface MethadoneOverrides {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: MethadoneDeps['clock'];
  consume?: boolean;
  consumerGroupSuffix?: string;
}

export interface MethadoneService {
  app: Express;
  platform: Platform;
  deps: MethadoneDeps;
  relay: OutboxRelay;
  consumers: ConsumerHandle[];
  stop(): Promise<void>;
}

/** Wires the methadone service: platform, rules, stores, routes, relay, consumers, sweep. */
export async function createMethadoneService(
  config: MethadoneConfig,
  overrides: MethadoneOverrides = {},
): Promise<MethadoneService> {
  const platform = await openPlatform({
    service: 'methadone',
    config,
    catalogue: methadoneCatalogue,
    defaultPolicyFile: here('../policy.yaml'),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...(overrides.verifier ? { verifier: overrides.verifier } : {}),
  });
  const rulebook = loadRulebook(
    readFileSync(config.RULEBOOK_FILE ?? here('../rules/methadone.rulebook.yaml'), 'utf8'),
  );
  const { persistence, connection } = platform;
  const clock = overrides.clock ?? { now: () => new Date(), today: () => todayIn() };
  const deps: MethadoneDeps = {
    clinics: clinicRepository(persistence),
    patients: patientRepository(persistence),
    doses: doseRepository(persistence, connection),
    ledger: siteLedger(persistence, connection, sha256, () => clock.now()),
    opioidResults: opioidResults(persistence, connection),
    guests: guestVisits(persistence, connection),
    persons: mongoPersonProjection(connection),
    rules: createMethadoneRules(rulebook, createWorkingDayCalendar()),
    units: platform.units,
    digest: sha256,
    clock,
    newId: uuidv7,
  };
  persistence.declare('persons');
  await persistence.ensureIndexes();

  const consumers =
    overrides.consume === false
      ? []
      : startConsumers(platform, deps, overrides.consumerGroupSuffix);
  platform.shutdown.add('stop consumers', async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  });
  const sweep = setInterval(() => {
    sweepUseCase(deps).catch((error: unknown) =>
      platform.logger.error({ err: error }, 'missed-dose sweep failed'),
    );
  }, config.SWEEP_INTERVAL_MS);
  sweep.unref();
  platform.shutdown.add('stop missed-dose sweep', async () => clearInterval(sweep));

  const api = platform.createApi('/methadone/v1');
  registerRoutes(api, deps);
  const app = platform.httpApp({
    apis: [api],
    openApi: () =>
      api.openApi({
        title: 'Methadone API (health)',
        version: '1.0.0',
        description:
          'MMT clinics and sites, enrolment, dose orders, observed daily dosing, missed doses, take-homes, stock and the dispensing register',
      }),
    documents: {
      '/methadone/asyncapi.json': () =>
        methadoneCatalogue.toAsyncApi({ title: 'Methadone events', version: '1.0.0' }),
    },
  });
  return {
    app,
    platform,
    deps,
    relay: persistence.relay,
    consumers,
    stop: () => platform.shutdown.run('stop'),
  };
}
