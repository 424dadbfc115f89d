import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { createWorkingDayCalendar, loadRulebook, todayIn } from '@rehab/domain-kit';
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

export type TreatmentOverrides = ServiceOverrides<TreatmentDeps['clock']>;

export type TreatmentService = ConsumingService<TreatmentDeps>;

/** Wires the treatment service: platform, rules, cases, routes, relay, consumers, sweep. */
export async function createTreatmentService(
  config: TreatmentConfig,
  overrides: TreatmentOverrides = {},
): Promise<TreatmentService> {
  const { platform, rulebook } = await openServicePlatform({
    service: 'treatment',
    config,
    catalogue: treatmentCatalogue,
    packageRoot: new URL('..', import.meta.url),
    overrides,
  });
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
  const deps: TreatmentDeps = {
    cases,
    persons: mongoPersonProjection(platform.connection),
    rules: createTreatmentRules(rulebook, calendar),
    compulsoryRules: createCompulsoryRules(compulsoryRulebook, calendar),
    units: platform.units,
    clock: overrides.clock ?? { now: () => new Date(), today: () => todayIn() },
    newId: uuidv7,
  };
  const consumers = startServiceConsumers(platform, overrides.consume, () =>
    startConsumers(
      platform,
      deps,
      mongoPendingResults(platform.connection),
      overrides.consumerGroupSuffix,
    ),
  );
  startServiceSweep(platform, 'deadline', config.SWEEP_INTERVAL_MS, () => sweepUseCase(deps));

  const api = platform.createApi('/treatment/v1');
  registerRoutes(api, deps);
  const app = serviceHttpApp(platform, api, treatmentCatalogue, {
    title: 'Treatment API',
    description: 'Registration deadlines and the work queue (first slice)',
    eventsTitle: 'Treatment events',
  });
  return consumingService({ app, platform, deps, consumers });
}
