// Broker-neutral interfaces: services depend on these, never on kafkajs types, so the client
// library can be swapped (e.g. for @confluentinc/kafka-javascript) inside this package only.
import type { TopicSpec } from './catalogue.ts';
import type { DeadLetterStore } from './dead-letters.ts';
import type { ProcessedEventStore } from './dedupe.ts';
import type { EventEnvelope } from './envelope.ts';
import type { RetryPolicy } from './retry.ts';

/** A message as bytes-on-the-wire, for dead-lettering and replay. */
export interface RawMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition?: number;
}

/** Publishes validated envelopes (keyed by subject) and raw messages. */
export interface EventPublisher {
  /**
   * Validates each envelope against the catalogue and sends all of them in one request, in
   * array order; per message a `<topic> publish` span is started under the envelope's trace
   * context and injected as the `traceparent`/`tracestate` headers (plus `ce_id`, `ce_type`).
   */
  publish(envelopes: readonly EventEnvelope[]): Promise<void>;
  /** Sends messages unchanged (DLQ, replay). */
  publishRaw(topic: string, messages: readonly RawMessage[]): Promise<void>;
}

/** Where a delivered message came from and which attempt this is (1-based). */
export interface MessageMeta {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
}

/** Backoff of the supervisor that restarts a crashed consumer. */
export interface RestartBackoff {
  initialMs: number;
  maxMs: number;
}

/** A consumer group subscription. */
export interface SubscriptionOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  handle: (event: EventEnvelope, meta: MessageMeta) => Promise<void>;
  /** Default DEFAULT_RETRY, truncated to fit half the session timeout. */
  retry?: RetryPolicy;
  /** Default: everything except EventSchemaError and errors with `retriable === false`. */
  isRetriable?: (err: unknown) => boolean;
  dedupe?: ProcessedEventStore;
  deadLetters?: DeadLetterStore;
  /** Default 30 000 ms (kafkajs default). */
  sessionTimeoutMs?: number;
  /** Broker long-poll wait; default 100 ms (kafkajs' 5 s default adds latency). */
  maxWaitTimeInMs?: number;
  /** Default 1 s doubling to 30 s; reset after a successful group join. */
  restartBackoff?: RestartBackoff;
  /** How often `consumer_lag` is computed when the bus has a metrics registry; default 15 s. */
  lagIntervalMs?: number;
}

/** A running, supervised consumer. */
export interface ConsumerHandle {
  /** Resolves at the first group join; rejects if stopped before that. */
  started: Promise<void>;
  stop(): Promise<void>;
  /** Joined and not crashed (for /readyz). */
  isHealthy(): boolean;
  /** How many times the supervisor restarted the consumer. */
  restartCount(): number;
}

/** Connection to the event broker. */
export interface EventBus {
  /** Creates missing topics and their `<topic>.dlq`; idempotent. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** The shared idempotent producer (acks=all), connected. */
  publisher(): Promise<EventPublisher>;
  subscribe(opts: SubscriptionOptions): ConsumerHandle;
  /** Cheap metadata request with a short timeout, for readiness probes. */
  ping(timeoutMs?: number): Promise<void>;
  /** Stops consumers, disconnects producer and admin. */
  close(): Promise<void>;
}
