import type { Connection } from 'mongoose';
import {
  DEAD_LETTERS_COLLECTION,
  replaysCollectionOf,
  PROCESSED_EVENTS_COLLECTION,
  createEventBus,
  mongoDeadLetterStore,
  mongoProcessedEventStore,
  startProcessedEventSweep,
  type DeadLetterStore,
  type EventBus,
  type EventCatalogue,
  type EventPublisher,
  type ProcessedEventStore,
} from '@rehab/events';
import { openPersistence, type Persistence } from '@rehab/persistence';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { mongoAuditTrail, type AuditTrail } from '../audit/audit-trail.ts';
import { loadPolicy, type Policy } from '../auth/policy.ts';
import { createTokenVerifier, readPublicKeys, type TokenVerifier } from '../auth/token-verifier.ts';
import type { CommonConfig } from '../config/common-schema.ts';
import { createApi, type Api } from '../http/api.ts';
import { createHttpApp } from '../http/app.ts';
import {
  IDEMPOTENCY_COLLECTION,
  mongoIdempotencyStore,
  type IdempotencyStore,
} from '../idempotency/idempotency-store.ts';
import { createLogger } from '../logging/logger.ts';
import { createServiceMetrics, type ServiceMetrics } from '../metrics/metrics.ts';
import { connectMongo, pingMongo } from '../mongo/connection.ts';
import { loadUnitDirectory, type UnitDirectory } from '../units/unit-directory.ts';
import { registerAuditRoutes } from './audit-routes.ts';
import { registerDeadLetterRoutes } from './dead-letter-routes.ts';
import { createShutdown, type Shutdown } from './shutdown.ts';

export interface PlatformOptions {
  /** Service name, also the first path segment (`/registry/...`). */
  service: string;
  config: CommonConfig;
  catalogue: EventCatalogue;
  /** The service's own policy.yaml; POLICY_FILE in config overrides it. */
  defaultPolicyFile: string;
  /** Tests pass their own; production builds it from config. */
  logger?: Logger;
  verifier?: TokenVerifier;
  /** False: the outbox relay does not poll (tests drive it with `relay.drainOnce()`). */
  pollOutbox?: boolean;
}

/**
 * Everything a service stands on, connected and ready: logger, metrics, its database,
 * the event bus and publisher, identity, policy, units, idempotency, audit, dead letters,
 * and an ordered graceful shutdown. Services add their repositories, routes and consumers.
 */
export interface Platform {
  service: string;
  logger: Logger;
  metrics: ServiceMetrics;
  connection: Connection;
  bus: EventBus;
  publisher: EventPublisher;
  units: UnitDirectory;
  policy: Policy;
  verifier: TokenVerifier;
  idempotency: IdempotencyStore;
  audit: AuditTrail;
  deadLetters: DeadLetterStore;
  processedEvents: ProcessedEventStore;
  /** The persistence kit: aggregate stores, claims, the outbox relay, indexes. */
  persistence: Persistence;
  shutdown: Shutdown;
  createApi(basePath: string): Api;
  /** The express app with health, metrics, documents, the APIs and dead-letter operations. */
  httpApp(options: {
    apis: Api[];
    openApi: () => Record<string, unknown>;
    documents?: Record<string, () => Record<string, unknown>>;
    files?: Record<string, { contentType: string; read: () => Buffer }>;
  }): Express;
}

/** Connects to MongoDB and Kafka, creates topics and indexes, and returns the platform. */
export async function openPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, service } = options;
  const logger = options.logger ?? createLogger(service, { level: config.LOG_LEVEL });
  const metrics = createServiceMetrics(service);
  const shutdown = createShutdown(logger, config.SHUTDOWN_DEADLINE_MS);
  const units = loadUnitDirectory(config.ADMIN_UNITS_FILE);
  const policy = loadPolicy(config.POLICY_FILE ?? options.defaultPolicyFile, units);
  const verifier =
    options.verifier ??
    createTokenVerifier({
      publicKeys: config.JWT_PUBLIC_KEY_FILE ? readPublicKeys(config.JWT_PUBLIC_KEY_FILE) : [],
      jwksUrl: config.JWT_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });

  const connection = await connectMongo(config.MONGO_URL, { appName: service });
  shutdown.add('close MongoDB', () => connection.close());
  const kafkaLogger = logger.child({ component: 'kafka' });
  const bus = createEventBus(
    {
      brokers: [...config.KAFKA_BROKERS],
      clientId: config.KAFKA_CLIENT_ID ?? service,
      ...(config.KAFKA_SSL ? { ssl: true } : {}),
      ...(config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
        ? {
            sasl: {
              mechanism: config.KAFKA_SASL_MECHANISM,
              username: config.KAFKA_SASL_USERNAME,
              password: config.KAFKA_SASL_PASSWORD,
            },
          }
        : {}),
      logger: {
        debug: (obj, msg) => kafkaLogger.debug(obj, msg),
        info: (obj, msg) => kafkaLogger.debug(obj, msg),
        warn: (obj, msg) => kafkaLogger.warn(obj, msg),
        error: (obj, msg) => kafkaLogger.error(obj, msg),
      },
    },
    options.catalogue,
    metrics.registry,
  );
  await bus.ensureTopics(
    options.catalogue.topics().filter((topic) => !topic.name.endsWith('.dlq')),
  );
  const publisher = await bus.publisher();
  shutdown.add('close Kafka', () => bus.close());

  const audit = mongoAuditTrail(connection);
  const deadLetters = mongoDeadLetterStore(connection, { metrics: metrics.registry });
  const processedEvents = mongoProcessedEventStore(connection);
  const persistence = openPersistence({
    connection,
    mongoUrl: config.MONGO_URL,
    concurrency: config.STORAGE_CONCURRENCY,
    publisher,
    standInPostgresUrl: config.FERRETDB_POSTGRESQL_URL,
    relay: {
      intervalMs: config.OUTBOX_POLL_MS,
      fullScanIntervalMs: config.OUTBOX_SCAN_INTERVAL_MS,
      poll: options.pollOutbox ?? true,
    },
    logger: logger.child({ component: 'outbox-relay' }),
    metrics: metrics.registry,
  });
  shutdown.add('stop outbox relay', () => persistence.stop());
  const idempotency = mongoIdempotencyStore(connection, {
    leaseMs: config.IDEMPOTENCY_LEASE_SECONDS * 1000,
    exclusive: persistence.exclusive,
  });
  await Promise.all([idempotency.ensureIndexes(), audit.ensureIndexes()]);
  // Looked up by `_id` on every request or event: the stand-in's mirror must cover them.
  for (const collection of [
    IDEMPOTENCY_COLLECTION,
    PROCESSED_EVENTS_COLLECTION,
    DEAD_LETTERS_COLLECTION,
    replaysCollectionOf(DEAD_LETTERS_COLLECTION),
  ]) {
    persistence.declare(collection);
  }

  const sweeps = [
    startProcessedEventSweep(processedEvents, {
      retentionMs: config.PROCESSED_EVENT_TTL_DAYS * 86_400_000,
    }),
    startPeriodic(3_600_000, () =>
      idempotency.sweep(new Date(Date.now() - config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000)),
    ),
  ];
  shutdown.add('stop sweeps', async () => sweeps.forEach((sweep) => sweep.stop()));

  const createServiceApi = (basePath: string) =>
    createApi({ basePath, verifier, policy, idempotency, audit, logger });
  return {
    service,
    logger,
    metrics,
    connection,
    bus,
    publisher,
    units,
    policy,
    verifier,
    idempotency,
    audit,
    deadLetters,
    processedEvents,
    persistence,
    shutdown,
    createApi: createServiceApi,
    httpApp({ apis, openApi, documents, files }) {
      const ops = createServiceApi(`/${service}/v1/ops`);
      registerDeadLetterRoutes(ops, deadLetters, publisher);
      // Every service answers its auditors, where its policy names who they are.
      const auditApi = createServiceApi(`/${service}/v1`);
      if (policy.document.operations['audit.read']) registerAuditRoutes(auditApi, audit);
      return createHttpApp({
        service,
        logger,
        metrics,
        readiness: [
          { name: 'mongodb', check: () => pingMongo(connection) },
          { name: 'kafka', check: () => bus.ping() },
        ],
        apis: [...apis, ops, auditApi],
        openApi: () => {
          const document = openApi();
          const pathsOf = (api: Api) =>
            api.openApi({ title: '', version: '' }).paths as Record<string, unknown>;
          return {
            ...document,
            paths: {
              ...(document.paths as Record<string, unknown>),
              ...pathsOf(ops),
              ...pathsOf(auditApi),
            },
          };
        },
        ...(documents ? { documents } : {}),
        ...(files ? { files } : {}),
        bodyLimit: config.BODY_LIMIT,
        trustProxy: config.TRUST_PROXY,
        isShuttingDown: () => shutdown.inProgress,
      });
    },
  };
}

function startPeriodic(intervalMs: number, work: () => Promise<unknown>): { stop(): void } {
  const timer = setInterval(() => void work().catch(() => undefined), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
