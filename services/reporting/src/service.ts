import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadRulebook, todayIn } from '@rehab/domain-kit';
import type { ConsumerHandle } from '@rehab/events';
import { openPlatform, type Platform, type TokenVerifier } from '@rehab/service-kit';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { ReportingDeps } from './app/deps.ts';
import { pseudonymizer } from './app/pseudonym.ts';
import { createRebuilder } from './app/rebuild.ts';
import { mongoRebuildStatusStore } from './store/rebuild-status-store.ts';
import { consumedTopics, reportingCatalogue } from './catalogue.ts';
import type { ReportingConfig } from './config.ts';
import { createReportingRules } from './domain/reporting-rules.ts';
import { startReadModelConsumer } from './events/read-model-consumer.ts';
import { busReplaySource } from './events/replay-source.ts';
import { registerActivityRoutes } from './http/activity-routes.ts';
import { registerExportRoutes } from './http/export-routes.ts';
import { registerIndicatorRoutes } from './http/indicator-routes.ts';
import { registerDhis2PushRoute, registerOpsRoutes } from './http/ops-routes.ts';
import { registerReportRoutes } from './http/report-routes.ts';
import { registerTargetRoutes } from './http/target-routes.ts';
import { parseDhis2Mapping } from './dhis2-mapping.ts';
import { parseIndicatorCatalogue } from './indicator-catalogue.ts';
import { mongoReadModels } from './store/read-model-store.ts';
import {
  mongoActivityStore,
  mongoDhis2PushStore,
  mongoReportVersionStore,
  mongoTargetStore,
} from './store/report-stores.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const dashboardFile = (name: string) => readFileSync(here(`../dashboard/${name}`));
// Resolved once at start-up: the chart library the dashboard uses, from node_modules.
const echartsFile = readFileSync(
  createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'),
);

/** What tests may replace. */
export interface ReportingOverrides {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: ReportingDeps['clock'];
  /** False: no live consumer (tests that only exercise HTTP). */
  consume?: boolean;
  /** Tests give each instance its own consumer groups (they share one broker). */
  consumerGroupSuffix?: string;
  /**
   * Tests only: the live consumer skips events older than this (the shared broker's history
   * of other tests), so a fresh instance is live at once. A rebuild still reads everything.
   */
  ignoreEventsBefore?: Date;
  /** Tests only: a failure between an event's counter writes (it must still count once). */
  faults?: ReportingDeps['faults'];
  /** How long a rebuild keeps applying what arrived during its switch-over (default 30 s). */
  rebuildGraceMs?: number;
}

export interface ReportingService {
  app: Express;
  platform: Platform;
  deps: ReportingDeps;
  consumer?: ConsumerHandle;
  stop(): Promise<void>;
}

/** Wires the reporting service: platform, rules, catalogue, read models, routes and consumer. */
export async function createReportingService(
  config: ReportingConfig,
  overrides: ReportingOverrides = {},
): Promise<ReportingService> {
  const platform = await openPlatform({
    service: 'reporting',
    config,
    catalogue: reportingCatalogue,
    defaultPolicyFile: here('../policy.yaml'),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...(overrides.verifier ? { verifier: overrides.verifier } : {}),
  });
  const rulebook = loadRulebook(
    readFileSync(config.RULEBOOK_FILE ?? here('../rules/reporting.rulebook.yaml'), 'utf8'),
  );
  const catalogue = parseIndicatorCatalogue(
    readFileSync(config.INDICATORS_FILE ?? here('../indicators.yaml'), 'utf8'),
  );
  const dhis2 = parseDhis2Mapping(
    readFileSync(config.DHIS2_MAPPING_FILE ?? here('../dhis2.yaml'), 'utf8'),
  );
  const dhis2Pushes = mongoDhis2PushStore(platform.persistence);
  const readModels = mongoReadModels(platform.persistence, platform.connection);
  const deps: ReportingDeps = {
    catalogue,
    rules: createReportingRules(rulebook),
    units: platform.units,
    readModels: readModels.generation,
    generations: readModels.generations,
    targets: mongoTargetStore(platform.persistence),
    activities: mongoActivityStore(platform.persistence),
    reports: mongoReportVersionStore(platform.persistence),
    consumedTopics: new Set(consumedTopics),
    pseudonym: pseudonymizer(config.PSEUDONYM_KEY),
    clock: overrides.clock ?? { now: () => new Date(), today: () => todayIn() },
    ...(overrides.faults ? { faults: overrides.faults } : {}),
  };
  await platform.persistence.ensureIndexes();

  const consumer =
    overrides.consume === false
      ? undefined
      : startReadModelConsumer(
          platform,
          deps,
          overrides.consumerGroupSuffix,
          overrides.ignoreEventsBefore,
        );
  if (consumer) platform.shutdown.add('stop read-model consumer', () => consumer.stop());

  const api = platform.createApi('/reporting/v1');
  registerIndicatorRoutes(api, deps);
  registerTargetRoutes(api, deps);
  registerActivityRoutes(api, deps);
  // Before the report routes: `/reports/{period}/{unit}.csv` must not read as a unit code.
  registerExportRoutes(api, deps, dhis2);
  registerReportRoutes(api, deps);
  registerDhis2PushRoute(api, deps, {
    mapping: dhis2,
    target: {
      url: config.DHIS2_URL,
      username: config.DHIS2_USERNAME,
      password: config.DHIS2_PASSWORD,
      idScheme: dhis2.idScheme,
      attempts: config.DHIS2_PUSH_ATTEMPTS,
      backoffMs: config.DHIS2_PUSH_BACKOFF_MS,
    },
    store: dhis2Pushes,
  });
  registerOpsRoutes(
    api,
    createRebuilder(
      deps,
      busReplaySource(platform),
      mongoRebuildStatusStore(platform.persistence),
      overrides.rebuildGraceMs,
      config.REBUILD_EVENTS_PER_PASS,
    ),
  );
  const app = platform.httpApp({
    apis: [api],
    openApi: () =>
      api.openApi({
        title: 'Reporting API (labour / social affairs)',
        version: '1.0.0',
        description:
          'Indicators against targets by unit and period, manual activities, submissions, completeness',
      }),
    // The leaders' dashboard and its chart library, served from the image: no CDN.
    files: {
      '/reporting/': {
        contentType: 'text/html; charset=utf-8',
        read: () => dashboardFile('index.html'),
      },
      '/reporting/assets/dashboard.js': {
        contentType: 'text/javascript; charset=utf-8',
        read: () => dashboardFile('dashboard.js'),
      },
      '/reporting/assets/echarts.min.js': {
        contentType: 'text/javascript; charset=utf-8',
        read: () => echartsFile,
      },
    },
    documents: {
      '/reporting/asyncapi.json': () =>
        reportingCatalogue.toAsyncApi({
          title: 'Events the reporting service consumes',
          version: '1.0.0',
        }),
    },
  });
  return {
    app,
    platform,
    deps,
    ...(consumer ? { consumer } : {}),
    stop: () => platform.shutdown.run('stop'),
  };
}
