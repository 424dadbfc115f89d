// createEventBus: the kafkajs client, admin operations and the wiring of publisher and consumers.
import { Kafka, logLevel } from 'kafkajs';
import type { Admin, KafkaConfig, LogEntry, SASLOptions } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { ConsumerHandle, EventBus } from './bus.ts';
import type { EventCatalogue, TopicSpec } from './catalogue.ts';
import { DLQ_SUFFIX, dlqSpecOf } from './catalogue.ts';
import { superviseConsumer } from './consumer.ts';
import { watchLag } from './lag.ts';
import type { EventLogger } from './logger.ts';
import { silentLogger } from './logger.ts';
import { eventMetrics } from './metrics.ts';
import { createPublisher } from './publisher.ts';
import { retry } from './retry.ts';

/** Broker connection settings. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
  connectionTimeoutMs?: number;
  /** Receives kafkajs' own logs; default silent. */
  logger?: EventLogger;
}

function logCreator(logger: EventLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, timestamp: _t, ...extra } = log;
      const obj = { kafkajs: namespace, ...extra };
      if (level <= logLevel.ERROR) logger.error(obj, message);
      else if (level === logLevel.WARN) logger.warn(obj, message);
      else if (level === logLevel.INFO) logger.info(obj, message);
      else logger.debug(obj, message);
    };
}

function saslOf(s: NonNullable<KafkaSettings['sasl']>): SASLOptions {
  const { username, password } = s;
  switch (s.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Creates the bus; nothing connects until first use. */
export function createEventBus(
  settings: KafkaSettings,
  catalogue: EventCatalogue,
  registry?: Registry,
): EventBus {
  const logger = settings.logger ?? silentLogger;
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs ?? 3_000,
    logLevel: logLevel.INFO,
    logCreator: logCreator(logger),
  };
  if (settings.ssl) config.ssl = true;
  if (settings.sasl) config.sasl = saslOf(settings.sasl);
  const kafka = new Kafka(config);
  const metrics = eventMetrics(registry);
  const publisher = createPublisher(kafka, catalogue, metrics, logger);
  const consumers = new Set<ConsumerHandle>();

  let adminClient: Promise<Admin> | undefined;
  const admin = (): Promise<Admin> =>
    (adminClient ??= (async () => {
      const a = kafka.admin();
      try {
        await a.connect();
        return a;
      } catch (err) {
        adminClient = undefined;
        throw err;
      }
    })());

  return {
    async ensureTopics(specs: readonly TopicSpec[]) {
      const wanted = new Map<string, TopicSpec>();
      for (const spec of specs) {
        wanted.set(spec.name, spec);
        if (!spec.name.endsWith(DLQ_SUFFIX) && !wanted.has(`${spec.name}${DLQ_SUFFIX}`)) {
          const dlq = dlqSpecOf(spec);
          wanted.set(dlq.name, dlq);
        }
      }
      const a = await admin();
      // Services starting together on a fresh cluster create the same topics at once: the
      // loser's wait for leaders can see a topic the broker has not finished creating
      // (UNKNOWN_TOPIC_OR_PARTITION, retriable). Listing and creating again is harmless.
      const existing = await retry(
        async () => {
          const listed = new Set(await a.listTopics());
          const missing = [...wanted.values()].filter((s) => !listed.has(s.name));
          if (missing.length > 0) {
            // Returns false (no throw) when another process created them concurrently.
            await a.createTopics({
              waitForLeaders: true,
              topics: missing.map((s) => ({
                topic: s.name,
                numPartitions: s.partitions,
                configEntries:
                  s.retentionMs === undefined
                    ? []
                    : [{ name: 'retention.ms', value: String(s.retentionMs) }],
              })),
            });
          }
          return listed;
        },
        {
          withinMs: 30_000,
          waits: { firstMs: 250, maxMs: 2_000, jitter: 'half' },
          retryOn: (error) =>
            typeof error === 'object' &&
            error !== null &&
            (error as { retriable?: unknown }).retriable === true,
          onRetry: (error, attempt, waitMs) =>
            logger.warn({ err: error, attempt, waitMs }, 'creating topics: retrying'),
        },
      );
      const present = [...wanted.values()].filter((s) => existing.has(s.name));
      if (present.length > 0) {
        const meta = await a.fetchTopicMetadata({ topics: present.map((s) => s.name) });
        for (const t of meta.topics) {
          const want = wanted.get(t.name)?.partitions ?? 0;
          // Never add partitions automatically: it remaps keys and breaks per-subject order.
          if (t.partitions.length < want) {
            logger.warn(
              { topic: t.name, have: t.partitions.length, want },
              'topic has fewer partitions than declared',
            );
          }
        }
      }
    },
    async publisher() {
      await publisher.connect();
      return publisher;
    },
    subscribe(opts) {
      const handle = superviseConsumer(
        {
          kafka,
          catalogue,
          publisher: async () => {
            await publisher.connect();
            return publisher;
          },
          metrics,
          logger,
          ...(registry
            ? {
                watchLag: (group: string, topics: string[], ms: number) =>
                  watchLag(admin, metrics, logger, group, topics, ms),
              }
            : {}),
        },
        opts,
      );
      consumers.add(handle);
      const stop = handle.stop;
      return { ...handle, stop: async () => (consumers.delete(handle), stop()) };
    },
    async endOffsets(topic) {
      const offsets = await (await admin()).fetchTopicOffsets(topic);
      return offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high }));
    },
    async ping(timeoutMs = 2_000) {
      await withTimeout(
        admin().then((a) => a.describeCluster()),
        timeoutMs,
        'kafka ping',
      );
    },
    async close() {
      await Promise.allSettled([...consumers].map((c) => c.stop()));
      consumers.clear();
      await publisher.disconnect();
      const a = adminClient;
      adminClient = undefined;
      if (a) await (await a.catch(() => undefined))?.disconnect();
    },
  };
}
