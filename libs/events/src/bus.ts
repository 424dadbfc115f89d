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
  /**
   * How many of this member's partitions are handled at the same time (a positive integer).
   * Messages of one partition are still handled one after the other, in offset order. Since
   * a subject is the message key, and so always lands on the same partition, its events stay
   * in publish order. Events of different subjects on different partitions may be handled
   * concurrently, so handlers must not depend on the order of events across subjects.
   *
   * Default 6, the partitions of our topics: a member alone in its group (one replica, or
   * the other one down) handles every partition at once; with the chart's 2 replicas each
   * member has 3 and the other workers stay idle, so the load on the handlers' database is
   * bounded by the partitions, not by the replicas. Measured on the bench stack, a fresh
   * registry draining 10,000 events: 343-369 events/s at 3 partitions x 4 keys, 427-442 at
   * 6 x 8 (the insert lock's group commit gathers more writers).
   */
  partitionsConsumedConcurrently?: number;
  /**
   * How many keys of one partition's batch are handled at the same time (default 8): one
   * key's events stay in order, different subjects on one partition need not wait for each
   * other (a backlog drains that much faster). The same caveat as above: handlers must not
   * depend on the order of events across subjects.
   */
  keysConsumedConcurrently?: number;
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
  /** Each partition's first and next offsets (low and high watermarks): what a replay reads. */
  endOffsets(topic: string): Promise<{ partition: number; low: string; high: string }[]>;
  /** Cheap metadata request with a short timeout, for readiness probes. */
  ping(timeoutMs?: number): Promise<void>;
  /** Stops consumers, disconnects producer and admin. */
  close(): Promise<void>;
}
