// Public API of @rehab/events. kafkajs types never appear here, so the client can be replaced.
export type { AsyncApiInfo } from './asyncapi.ts';
export type {
  ConsumerHandle,
  EventBus,
  EventPublisher,
  MessageMeta,
  RawMessage,
  RestartBackoff,
  SubscriptionOptions,
} from './bus.ts';
export { DLQ_SUFFIX, EventCatalogue, defineEvent, dlqSpecOf, dlqTopicOf } from './catalogue.ts';
export type { EventDefinition, TopicSpec } from './catalogue.ts';
export { createEvent, eventsFrom } from './create-event.ts';
export type { CreateEventArgs } from './create-event.ts';
export {
  DEAD_LETTERS_COLLECTION,
  mongoDeadLetterStore,
  replaysCollectionOf,
} from './dead-letters.ts';
export type {
  DeadLetter,
  DeadLetterQuery,
  DeadLetterStore,
  NewDeadLetter,
} from './dead-letters.ts';
export {
  PROCESSED_EVENTS_COLLECTION,
  mongoProcessedEventStore,
  startProcessedEventSweep,
} from './dedupe.ts';
export type { ProcessedEventStore, SweepOptions } from './dedupe.ts';
export { DLQ_HEADERS, defaultIsRetriable } from './delivery.ts';
export { EVENT_TYPE_PATTERN, actorSchema, dataSchemaUrn, envelopeSchema } from './envelope.ts';
export type { EventActor, EventEnvelope } from './envelope.ts';
export {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  EventSchemaError,
  FatalConsumerError,
  describeError,
  isDuplicateKey,
} from './errors.ts';
export type { SchemaIssue } from './errors.ts';
export { createEventBus } from './kafka.ts';
export type { KafkaSettings } from './kafka.ts';
export { silentLogger } from './logger.ts';
export type { EventLogger } from './logger.ts';
export { eventMetrics } from './metrics.ts';
export type { ConsumeOutcome, EventMetrics } from './metrics.ts';
export { REPLAYED_FROM_HEADER, replayDeadLetter } from './replay.ts';
export { eachLimited } from './each-limited.ts';
export { DEFAULT_RETRY, backoffDelay, retry, retrySchedule, sleep } from './retry.ts';
export type { Backoff, RetryOptions, RetryPolicy } from './retry.ts';
export * from './contracts/index.ts';
