import { v7 as uuidv7 } from 'uuid';
import { todayIn } from '@rehab/domain-kit';
import {
  consumingService,
  mongoPersonProjection,
  openServicePlatform,
  serviceHttpApp,
  startServiceConsumers,
  type ConsumingService,
  type ServiceOverrides,
} from '@rehab/service-kit';
import type { VocationalDeps } from './app/deps.ts';
import { vocationalCatalogue } from './catalogue.ts';
import type { VocationalConfig } from './config.ts';
import { createVocationalRules } from './domain/index.ts';
import { startConsumers } from './events/consumers.ts';
import { registerRoutes } from './http/routes.ts';
import {
  employerLoanRepository,
  loanListRepository,
  loanRepository,
} from './store/loan-repositories.ts';
import { placementRepository } from './store/placement-repository.ts';
import { supportFileRepository } from './store/support-file-repository.ts';
import { courseRepository, enrolmentRepository } from './store/training-repositories.ts';

/** What tests may replace. */
export interface VocationalOverrides extends ServiceOverrides<VocationalDeps['clock']> {
  /** False: start at the end of the treatment and methadone topics (tests share the broker). */
  consumeFromBeginning?: boolean;
}

export type VocationalService = ConsumingService<VocationalDeps>;

/** Wires the vocational service: platform, rules, repositories, routes, relay and consumers. */
export async function createVocationalService(
  config: VocationalConfig,
  overrides: VocationalOverrides = {},
): Promise<VocationalService> {
  const { platform, rulebook } = await openServicePlatform({
    service: 'vocational',
    config,
    catalogue: vocationalCatalogue,
    packageRoot: new URL('..', import.meta.url),
    overrides,
  });
  const { persistence, units, connection } = platform;
  const rules = createVocationalRules(rulebook);
  const deps: VocationalDeps = {
    files: supportFileRepository(persistence, connection, units, rules.firstDay()),
    courses: courseRepository(persistence),
    enrolments: enrolmentRepository(persistence),
    placements: placementRepository(persistence, units),
    loanLists: loanListRepository(persistence, connection),
    loans: loanRepository(persistence),
    employerLoans: employerLoanRepository(persistence),
    persons: mongoPersonProjection(connection),
    rules,
    units,
    clock: overrides.clock ?? { now: () => new Date(), today: () => todayIn() },
    newId: uuidv7,
  };
  // The person projection is looked up by `_id` on every request and event.
  persistence.declare('persons');
  await persistence.ensureIndexes();

  const consumers = startServiceConsumers(platform, overrides.consume, () =>
    startConsumers(platform, deps, {
      ...(overrides.consumerGroupSuffix ? { groupSuffix: overrides.consumerGroupSuffix } : {}),
      ...(overrides.consumeFromBeginning === false ? { fromBeginning: false } : {}),
    }),
  );

  const api = platform.createApi('/vocational/v1');
  registerRoutes(api, deps);
  const app = serviceHttpApp(platform, api, vocationalCatalogue, {
    title: 'Vocational API (labour)',
    description:
      'Support after rehab: the needs queue, counselling, training, job placements and follow-ups, preferential loans (Decision 08/2026/QĐ-TTg)',
    eventsTitle: 'Vocational events',
  });
  return consumingService({ app, platform, deps, consumers });
}
