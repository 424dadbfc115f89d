import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { createWorkingDayCalendar, todayIn } from '@rehab/domain-kit';
import {
  consumingService,
  mongoPersonProjection,
  openServicePlatform,
  serviceHttpApp,
  startServiceConsumers,
  startServiceSweep,
  type ConsumingService,
  type ServiceOverrides,
} from '@rehab/service-kit';
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

/** SHA-256 in hex: the register's chain digest. */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What tests may replace. */
export type MethadoneOverrides = ServiceOverrides<MethadoneDeps['clock']>;

export type MethadoneService = ConsumingService<MethadoneDeps>;

/** Wires the methadone service: platform, rules, stores, routes, relay, consumers, sweep. */
export async function createMethadoneService(
  config: MethadoneConfig,
  overrides: MethadoneOverrides = {},
): Promise<MethadoneService> {
  const { platform, rulebook } = await openServicePlatform({
    service: 'methadone',
    config,
    catalogue: methadoneCatalogue,
    packageRoot: new URL('..', import.meta.url),
    overrides,
  });
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

  const consumers = startServiceConsumers(platform, overrides.consume, () =>
    startConsumers(platform, deps, overrides.consumerGroupSuffix),
  );
  startServiceSweep(platform, 'missed-dose', config.SWEEP_INTERVAL_MS, () => sweepUseCase(deps));

  const api = platform.createApi('/methadone/v1');
  registerRoutes(api, deps);
  const app = serviceHttpApp(platform, api, methadoneCatalogue, {
    title: 'Methadone API (health)',
    description:
      'MMT clinics and sites, enrolment, dose orders, observed daily dosing, missed doses, take-homes, stock and the dispensing register',
    eventsTitle: 'Methadone events',
  });
  return consumingService({ app, platform, deps, consumers });
}
