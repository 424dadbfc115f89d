import type { Connection } from 'mongoose';
import {
  createEventBus,
  mongoDeadLetterStore,
  mongoDocumentLock,
  noDocumentLock,
  type DocumentLock,
  mongoProcessedEventStore,
  startOutboxRelay,
  type OutboxRelay,
  startProcessedEventSweep,
  type DeadLetterStore,
  type EventBus,
  type EventCatalogue,
  type EventPublisher,
  type ProcessedEventStore,
} from '@rehab/events';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { mongoAuditTrail, type AuditTrail } from '../audit/audit-trail.ts';
import { loadPolicy, type Policy } from '../auth/policy.ts';
import { createTokenVerifier, readPublicKeys, type TokenVerifier } from '../auth/token-verifier.ts';
import type { CommonConfig } from '../config/common-schema.ts';
import { createApi, type Api } from '../http/api.ts';
import { createHttpApp } from '../http/app.ts';
import { mongoIdempotencyStore, type IdempotencyStore } from '../idempotency/idempotency-store.ts';
import { createLogger } from '../logging/logger.ts';
import { createServiceMetrics, type ServiceMetrics } from '../metrics/metrics.ts';
import { connectMongo, pingMongo } from '../mongo/connection.ts';
import { loadUnitDirectory, type UnitDirectory } from '../units/unit-directory.ts';
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
  /** Taken by every writer of an aggregate document, and by the outbox relay. */
  documentLock: DocumentLock;
  shutdown: Shutdown;
  createApi(basePath: string): Api;
  /**
   * Starts the outbox relay of one aggregate collection with the platform's settings and
   * lock, stopped on shutdown; `notify(id)` relays a document's new events at once.
   */
  relayOutbox(
    collection: string,
    options?: { poll?: boolean },
  ): { relay: OutboxRelay; notify(id: string): void };
  /** The express app with health, metrics, documents, the APIs and dead-letter operations. */
  httpApp(options: {
    apis: Api[];
    openApi: () => Record<string, unknown>;
    documents?: Record<string, () => Record<string, unknown>>;
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

  const idempotency = mongoIdempotencyStore(connection);
  const audit = mongoAuditTrail(connection);
  const deadLetters = mongoDeadLetterStore(connection, { metrics: metrics.registry });
  const processedEvents = mongoProcessedEventStore(connection);
  const documentLock = config.DOCUMENT_WRITE_LOCK ? mongoDocumentLock(connection) : noDocumentLock;
  await Promise.all([idempotency.ensureIndexes(), audit.ensureIndexes()]);

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
    createApi({ basePath, verifier, policy, idempotency, logger });
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
    documentLock,
    shutdown,
    createApi: createServiceApi,
    relayOutbox(collection, relayOptions = {}) {
      const relay = startOutboxRelay({
        collections: [connection.collection(collection)],
        publisher,
        lock: documentLock,
        intervalMs: config.OUTBOX_POLL_MS,
        fullScanIntervalMs: config.OUTBOX_SCAN_INTERVAL_MS,
        poll: relayOptions.poll ?? true,
        metrics: metrics.registry,
        logger: logger.child({ component: 'outbox-relay', collection }),
      });
      shutdown.add(`stop outbox relay (${collection})`, () => relay.stop());
      return { relay, notify: (id) => relay.notify(collection, id) };
    },
    httpApp({ apis, openApi, documents }) {
      const ops = createServiceApi(`/${service}/v1/ops`);
      registerDeadLetterRoutes(ops, deadLetters, publisher);
      return createHttpApp({
        service,
        logger,
        metrics,
        readiness: [
          { name: 'mongodb', check: () => pingMongo(connection) },
          { name: 'kafka', check: () => bus.ping() },
        ],
        apis: [...apis, ops],
        openApi: () => {
          const document = openApi();
          const opsPaths = ops.openApi({ title: '', version: '' }).paths as Record<string, unknown>;
          return {
            ...document,
            paths: { ...(document.paths as Record<string, unknown>), ...opsPaths },
          };
        },
        ...(documents ? { documents } : {}),
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
