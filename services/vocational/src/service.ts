import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { loadRulebook, todayIn } from '@rehab/domain-kit';
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

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** What tests may replace. */
export interface VocationalOverrides {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: VocationalDeps['clock'];
  /** Tests that seed the projection and the needs themselves may skip the consumers. */
  consume?: boolean;
  /** Tests give each instance its own consumer groups (they share one broker). */
  consumerGroupSuffix?: string;
  /** False: start at the end of the treatment and methadone topics (tests share the broker). */
  consumeFromBeginning?: boolean;
}

export interface VocationalService {
  app: Express;
  platform: Platform;
  deps: VocationalDeps;
  relay: OutboxRelay;
  consumers: ConsumerHandle[];
  stop(): Promise<void>;
}

/** Wires the vocational service: platform, rules, repositories, routes, relay and consumers. */
export async function createVocationalService(
  config: VocationalConfig,
  overrides: VocationalOverrides = {},
): Promise<VocationalService> {
  const platform = await openPlatform({
    service: 'vocational',
    config,
    catalogue: vocationalCatalogue,
    defaultPolicyFile: here('../policy.yaml'),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...(overrides.verifier ? { verifier: overrides.verifier } : {}),
  });
  const rulebook = loadRulebook(
    readFileSync(config.RULEBOOK_FILE ?? here('../rules/vocational.rulebook.yaml'), 'utf8'),
  );
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

  const consumers =
    overrides.consume === false
      ? []
      : startConsumers(platform, deps, {
          ...(overrides.consumerGroupSuffix ? { groupSuffix: overrides.consumerGroupSuffix } : {}),
          ...(overrides.consumeFromBeginning === false ? { fromBeginning: false } : {}),
        });
  platform.shutdown.add('stop consumers', () =>
    Promise.all(consumers.map((consumer) => consumer.stop())).then(() => undefined),
  );

  const api = platform.createApi('/vocational/v1');
  registerRoutes(api, deps);
  const app = platform.httpApp({
    apis: [api],
    openApi: () =>
      api.openApi({
        title: 'Vocational API (labour)',
        version: '1.0.0',
        description:
          'Support after rehab: the needs queue, counselling, training, job placements and follow-ups, preferential loans (Decision 08/2026/QĐ-TTg)',
      }),
    documents: {
      '/vocational/asyncapi.json': () =>
        vocationalCatalogue.toAsyncApi({ title: 'Vocational events', version: '1.0.0' }),
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
