// Supervised kafkajs consumer: kafkajs' own restart is disabled so every crash (CRASH event,
// run() rejecting, connect failing) takes one path: disconnect, back off, start a fresh consumer.
// Partitions are consumed concurrently, and within a partition's batch a few keys at once (each
// key in order), in batches that end early after batchYieldMs so that retries in one
// partition do not hold up the others for long.
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumerHandle, EventPublisher, SubscriptionOptions } from './bus.ts';
import type { EventCatalogue } from './catalogue.ts';
import type { DeliveryContext, InboundMessage } from './delivery.ts';
import { handleByKey } from './keyed-batch.ts';
import { defaultIsRetriable, processDelivery } from './delivery.ts';
import { describeError } from './errors.ts';
import type { EventLogger } from './logger.ts';
import type { EventMetrics } from './metrics.ts';
import {
  DEFAULT_RETRY,
  DEFAULT_SESSION_TIMEOUT_MS,
  batchYieldMs,
  retryBudgetMs,
  retrySchedule,
} from './retry.ts';

/** Default of SubscriptionOptions.partitionsConsumedConcurrently (see there for why). */
export const DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY = 6;
/** Default of SubscriptionOptions.keysConsumedConcurrently. */
export const DEFAULT_KEYS_CONSUMED_CONCURRENTLY = 8;

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

function inbound(topic: string, partition: number, message: KafkaMessage): InboundMessage {
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
  const concurrency =
    opts.partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY;
  // kafkajs starts that many workers: with 0 none would take a batch and nothing would happen.
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `partitionsConsumedConcurrently must be a positive integer, got ${concurrency}`,
    );
  }
  const yieldAfterMs = batchYieldMs(sessionTimeout);
  const keyConcurrency = opts.keysConsumedConcurrently ?? DEFAULT_KEYS_CONSUMED_CONCURRENTLY;
  if (!Number.isInteger(keyConcurrency) || keyConcurrency < 1) {
    throw new RangeError(
      `keysConsumedConcurrently must be a positive integer, got ${keyConcurrency}`,
    );
  }
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

  // What kafkajs' eachMessage loop does (stop when stopping or after a seek; resolve, heartbeat
  // and maybe commit after each message), plus an early end of the batch. kafkajs fetches a
  // broker's partitions again only when all batches of the last fetch are done: a partition
  // that has spent yieldAfterMs on its batch (retries, slow handlers) leaves the rest for the
  // next fetch, so the other partitions wait for at most that plus one message, whose retries
  // fit in the retry budget; together well under the session timeout. Heartbeats keep coming
  // meanwhile: after every message of every partition, and between retries (processDelivery).
  const consumeBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } =
      payload;
    const ctx: DeliveryContext = { ...base, heartbeat };
    const deadline = Date.now() + yieldAfterMs;
    // A few keys at a time, each in order; the offset resolved is the end of the handled
    // prefix, so the next fetch starts at the first message not yet handled (those of other
    // keys handled beyond it come again, and are dropped as duplicates).
    const last = await handleByKey(
      batch.messages,
      keyConcurrency,
      async (message) => {
        await processDelivery(ctx, inbound(batch.topic, batch.partition, message));
        await heartbeat();
      },
      () => !isRunning() || isStale() || Date.now() >= deadline,
    );
    if (!last || isStale()) return;
    resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
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
        partitionsConsumedConcurrently: concurrency,
        // Offsets are resolved per message below, so a batch may end before its last message.
        eachBatchAutoResolve: false,
        eachBatch: consumeBatch,
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
