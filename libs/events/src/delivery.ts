// Processing of one delivered message, independent of the Kafka client: parse, dedupe, retry
// with backoff inside the session budget, then dead-letter. Never lets a message block its partition
// except for FatalConsumerError and dead-letter infrastructure failures (redelivered after restart).
import type { MessageMeta, RawMessage } from './bus.ts';
import type { EventCatalogue } from './catalogue.ts';
import { dlqTopicOf } from './catalogue.ts';
import type { DeadLetterStore } from './dead-letters.ts';
import type { ProcessedEventStore } from './dedupe.ts';
import type { EventEnvelope } from './envelope.ts';
import { EventSchemaError, FatalConsumerError, describeError } from './errors.ts';
import type { EventLogger } from './logger.ts';
import type { ConsumeOutcome, EventMetrics } from './metrics.ts';
import { retry } from './retry.ts';
import { contextFrom, endSpan, startMessagingSpan } from './tracing.ts';
import { context } from '@opentelemetry/api';

/** A message as delivered by the broker client. */
export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Everything processDelivery needs, fixed per subscription. */
export interface DeliveryContext {
  groupId: string;
  catalogue: EventCatalogue;
  handle: (event: EventEnvelope, meta: MessageMeta) => Promise<void>;
  /** Delays before attempts 2..n (see retrySchedule). */
  delays: number[];
  budgetMs: number;
  isRetriable: (err: unknown) => boolean;
  dedupe?: ProcessedEventStore;
  deadLetters?: DeadLetterStore;
  sendToDlq: (topic: string, message: RawMessage) => Promise<void>;
  /**
   * Keeps the group session alive between attempts. One session per member, whichever
   * partition calls it: kafkajs sends at most one heartbeat per interval, and it throws
   * once the group rebalances, which ends the retries (the message is redelivered).
   */
  heartbeat: () => Promise<void>;
  metrics: EventMetrics;
  logger: EventLogger;
}

/** Headers added to a dead-lettered message. */
export const DLQ_HEADERS = {
  errorName: 'x-dlq-error-name',
  errorMessage: 'x-dlq-error-message',
  topic: 'x-dlq-original-topic',
  partition: 'x-dlq-original-partition',
  offset: 'x-dlq-original-offset',
  group: 'x-dlq-group',
  attempts: 'x-dlq-attempts',
} as const;

/** Default retriable predicate: not schema errors, not errors flagged `retriable: false`. */
export function defaultIsRetriable(err: unknown): boolean {
  if (err instanceof EventSchemaError) return false;
  if (typeof err === 'object' && err !== null && 'retriable' in err && err.retriable === false) {
    return false;
  }
  return true;
}

async function deadLetter(
  ctx: DeliveryContext,
  msg: InboundMessage,
  err: unknown,
  attempts: number,
): Promise<void> {
  const error = describeError(err);
  const headers = {
    ...msg.headers,
    [DLQ_HEADERS.errorName]: error.name,
    [DLQ_HEADERS.errorMessage]: error.message.slice(0, 2_000),
    [DLQ_HEADERS.topic]: msg.topic,
    [DLQ_HEADERS.partition]: String(msg.partition),
    [DLQ_HEADERS.offset]: msg.offset,
    [DLQ_HEADERS.group]: ctx.groupId,
    [DLQ_HEADERS.attempts]: String(attempts),
  };
  // Both writes are idempotent, so if either fails the throw makes the message redeliver.
  await ctx.sendToDlq(dlqTopicOf(msg.topic), { key: msg.key, value: msg.value, headers });
  await ctx.deadLetters?.record({
    group: ctx.groupId,
    topic: msg.topic,
    partition: msg.partition,
    offset: msg.offset,
    key: msg.key,
    value: msg.value ?? '',
    headers: msg.headers,
    error,
    attempts,
    failedAt: new Date(),
  });
  ctx.metrics.consumed.inc({ topic: msg.topic, outcome: 'dead-lettered' });
  ctx.logger.error(
    {
      topic: msg.topic,
      partition: msg.partition,
      offset: msg.offset,
      group: ctx.groupId,
      error,
      attempts,
    },
    'message dead-lettered',
  );
}

function parse(ctx: DeliveryContext, msg: InboundMessage): EventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(msg.value ?? '');
  } catch {
    throw new EventSchemaError('message value is not JSON');
  }
  return ctx.catalogue.parse(json, msg.topic);
}

/** Handles one message; resolves when its offset may be committed. */
export async function processDelivery(
  ctx: DeliveryContext,
  msg: InboundMessage,
): Promise<ConsumeOutcome> {
  let event: EventEnvelope;
  try {
    event = parse(ctx, msg);
  } catch (err) {
    // Poison message: dead-letter at once so the partition keeps moving.
    await deadLetter(ctx, msg, err, 0);
    return 'dead-lettered';
  }
  if (ctx.dedupe && (await ctx.dedupe.has(ctx.groupId, event.id))) {
    ctx.metrics.consumed.inc({ topic: msg.topic, outcome: 'duplicate' });
    return 'duplicate';
  }
  const parent = contextFrom({
    traceparent: msg.headers['traceparent'] ?? event.traceparent,
    tracestate: msg.headers['tracestate'] ?? event.tracestate,
  });
  const { span, ctx: spanCtx } = startMessagingSpan(msg.topic, 'process', parent, {
    'messaging.message.id': event.id,
    'messaging.consumer.group.name': ctx.groupId,
    'messaging.destination.partition.id': String(msg.partition),
    'messaging.kafka.offset': Number(msg.offset),
    'messaging.kafka.message.key': msg.key ?? '',
  });
  let attempts = 0;
  // A failed heartbeat means the group rebalanced: the retries end and the message is
  // redelivered to the partition's new owner, not dead-lettered.
  let rebalanced: unknown;
  try {
    await retry(
      async (attempt) => {
        attempts = attempt;
        const meta = { topic: msg.topic, partition: msg.partition, offset: msg.offset, attempt };
        await context.with(spanCtx, () => ctx.handle(event, meta));
      },
      {
        waits: ctx.delays,
        withinMs: ctx.budgetMs,
        retryOn: (err) => !(err instanceof FatalConsumerError) && ctx.isRetriable(err),
        onRetry: async (err, attempt, delay) => {
          ctx.metrics.consumed.inc({ topic: msg.topic, outcome: 'retried' });
          ctx.logger.warn(
            { topic: msg.topic, offset: msg.offset, attempt, delay, error: describeError(err) },
            'handler failed, retrying',
          );
          await ctx.heartbeat().catch((error: unknown) => {
            rebalanced = error;
            throw error;
          });
        },
      },
    );
  } catch (err) {
    endSpan(span, err);
    if (err instanceof FatalConsumerError || (rebalanced !== undefined && err === rebalanced)) {
      throw err;
    }
    await deadLetter(ctx, msg, err, attempts);
    return 'dead-lettered';
  }
  endSpan(span);
  await ctx.dedupe?.mark(ctx.groupId, event.id);
  ctx.metrics.consumed.inc({ topic: msg.topic, outcome: 'applied' });
  return 'applied';
}
