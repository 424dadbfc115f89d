// Supervised kafkajs consumer: kafkajs' own restart is disabled so every crash (CRASH event,
// run() rejecting, connect failing) takes one path: disconnect, back off, start a fresh consumer.
import type { Consumer, EachMessagePayload, IHeaders, Kafka } from 'kafkajs';
import type { ConsumerHandle, EventPublisher, SubscriptionOptions } from './bus.ts';
import type { EventCatalogue } from './catalogue.ts';
import type { DeliveryContext, InboundMessage } from './delivery.ts';
import { defaultIsRetriable, processDelivery } from './delivery.ts';
import { describeError } from './errors.ts';
import type { EventLogger } from './logger.ts';
import type { EventMetrics } from './metrics.ts';
import {
  DEFAULT_RETRY,
  DEFAULT_SESSION_TIMEOUT_MS,
  retryBudgetMs,
  retrySchedule,
} from './retry.ts';

/** What the bus hands to each supervised consumer. */
export interface ConsumerDeps {
  kafka: Kafka;
  catalogue: EventCatalogue;
  publisher: () => Promise<EventPublisher>;
  metrics: EventMetrics;
  logger: EventLogger;
  /** Starts lag reporting for a group; absent without a metrics registry. */
  watchLag?: (groupId: string, topics: string[], intervalMs: number) => { stop(): void };
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) out[name] = value.toString();
  }
  return out;
}

function inbound({ topic, partition, message }: EachMessagePayload): InboundMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers: headersOf(message.headers),
  };
}

/** Starts a consumer group member under a supervisor that restarts it after crashes. */
export function superviseConsumer(deps: ConsumerDeps, opts: SubscriptionOptions): ConsumerHandle {
  const { logger } = deps;
  const sessionTimeout = opts.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  const backoff = opts.restartBackoff ?? { initialMs: 1_000, maxMs: 30_000 };
  const base: Omit<DeliveryContext, 'heartbeat'> = {
    groupId: opts.groupId,
    catalogue: deps.catalogue,
    handle: opts.handle,
    delays: retrySchedule(opts.retry ?? DEFAULT_RETRY, sessionTimeout),
    budgetMs: retryBudgetMs(sessionTimeout),
    isRetriable: opts.isRetriable ?? defaultIsRetriable,
    sendToDlq: async (topic, message) => (await deps.publisher()).publishRaw(topic, [message]),
    metrics: deps.metrics,
    logger,
  };
  if (opts.dedupe) base.dedupe = opts.dedupe;
  if (opts.deadLetters) base.deadLetters = opts.deadLetters;

  let current: Consumer | undefined;
  let stopped = false;
  let healthy = false;
  let failures = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  let joined!: () => void;
  let abandoned!: (err: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    joined = resolve;
    abandoned = reject;
  });
  started.catch(() => undefined); // nobody may be waiting; avoid an unhandled rejection

  const restart = (consumer: Consumer, err: unknown): void => {
    if (stopped || consumer !== current) return; // stale consumer or already restarting
    current = undefined;
    healthy = false;
    const delay = Math.min(backoff.initialMs * 2 ** failures, backoff.maxMs);
    failures++;
    restarts++;
    logger.error(
      { group: opts.groupId, error: describeError(err), delay, restarts },
      'consumer crashed, restarting',
    );
    consumer.disconnect().catch(() => undefined);
    timer = setTimeout(() => void launch(), delay);
  };

  const launch = async (): Promise<void> => {
    if (stopped) return;
    const consumer = deps.kafka.consumer({
      groupId: opts.groupId,
      sessionTimeout,
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 10)),
      maxWaitTimeInMs: opts.maxWaitTimeInMs ?? 100,
      retry: { restartOnFailure: async () => false },
    });
    current = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      healthy = true;
      failures = 0;
      joined();
    });
    consumer.on(consumer.events.CRASH, (e) => restart(consumer, e.payload.error));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: opts.topics, fromBeginning: opts.fromBeginning ?? false });
      if (stopped) {
        // stop() ran while connecting; its disconnect may have preceded ours.
        await consumer.disconnect();
        return;
      }
      await consumer.run({
        eachMessage: async (payload) => {
          await processDelivery({ ...base, heartbeat: payload.heartbeat }, inbound(payload));
        },
      });
    } catch (err) {
      restart(consumer, err);
    }
  };

  const lag = deps.watchLag?.(opts.groupId, opts.topics, opts.lagIntervalMs ?? 15_000);
  void launch();

  return {
    started,
    isHealthy: () => !stopped && healthy,
    restartCount: () => restarts,
    async stop() {
      if (stopped) return;
      stopped = true;
      healthy = false;
      clearTimeout(timer);
      lag?.stop();
      abandoned(new Error(`consumer ${opts.groupId} stopped before joining`));
      await current?.disconnect();
      current = undefined;
    },
  };
}
