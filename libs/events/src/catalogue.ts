// The catalogue of event types: which schema validates each type and which topic carries it.
import type { z } from 'zod';
import { buildAsyncApi } from './asyncapi.ts';
import type { AsyncApiInfo } from './asyncapi.ts';
import { EVENT_TYPE_PATTERN, envelopeSchema } from './envelope.ts';
import type { EventEnvelope } from './envelope.ts';
import { EventSchemaError } from './errors.ts';
import type { SchemaIssue } from './errors.ts';

/** A Kafka topic carrying one aggregate stream, e.g. `registry.person.v1`. */
export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs?: number;
  description: string;
}

/** One event type: its zod schema for `data` and its topic. */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  topic: TopicSpec;
  schema: S;
  summary: string;
}

/** Suffix of the dead-letter topic that accompanies every topic. */
export const DLQ_SUFFIX = '.dlq';

/** Name of the dead-letter topic for a topic. */
export function dlqTopicOf(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Declares an event type; checks the type name format early, at module load. */
export function defineEvent<S extends z.ZodType>(def: EventDefinition<S>): EventDefinition<S> {
  if (!EVENT_TYPE_PATTERN.test(def.type)) {
    throw new Error(
      `event type "${def.type}" must look like <service>.<aggregate>.<event>.v<major>`,
    );
  }
  if (!Number.isInteger(def.topic.partitions) || def.topic.partitions < 1) {
    throw new Error(`topic "${def.topic.name}" needs a positive integer partition count`);
  }
  return def;
}

/** Converts zod issues to dotted paths, prefixed (e.g. `data.`) so callers see the full location. */
export function toIssues(error: z.ZodError, prefix = ''): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** The set of event types a service knows; validates envelopes and describes topics. */
export class EventCatalogue {
  readonly #byType = new Map<string, EventDefinition>();
  readonly #topics = new Map<string, TopicSpec>();

  constructor(defs: readonly EventDefinition[]) {
    for (const def of defs) {
      if (this.#byType.has(def.type)) throw new Error(`event type "${def.type}" defined twice`);
      const known = this.#topics.get(def.topic.name);
      if (known && known.partitions !== def.topic.partitions) {
        throw new Error(`topic "${def.topic.name}" declared with different partition counts`);
      }
      this.#byType.set(def.type, def);
      if (!known) this.#topics.set(def.topic.name, def.topic);
    }
  }

  /** The definition of an event type, if known. */
  get(type: string): EventDefinition | undefined {
    return this.#byType.get(type);
  }

  /** Every definition, in declaration order. */
  definitions(): EventDefinition[] {
    return [...this.#byType.values()];
  }

  /** Every topic followed by its `<topic>.dlq` companion. */
  topics(): TopicSpec[] {
    return [...this.#topics.values()].flatMap((t) => [t, dlqSpecOf(t)]);
  }

  /**
   * Validates an envelope and its data against the type's schema; with `topic`, also checks
   * that the type belongs on that topic. Throws EventSchemaError naming each bad field.
   */
  parse(input: unknown, topic?: string): EventEnvelope {
    const envelope = envelopeSchema.safeParse(input);
    if (!envelope.success)
      throw new EventSchemaError('invalid event envelope', toIssues(envelope.error));
    const def = this.#byType.get(envelope.data.type);
    if (!def) {
      throw new EventSchemaError(`unknown event type "${envelope.data.type}"`, [
        { path: 'type', message: 'not in the event catalogue' },
      ]);
    }
    if (topic !== undefined && def.topic.name !== topic) {
      throw new EventSchemaError(`event type "${def.type}" does not belong on topic "${topic}"`);
    }
    const data = def.schema.safeParse(envelope.data.data);
    if (!data.success) {
      throw new EventSchemaError(`invalid data for ${def.type}`, toIssues(data.error, 'data'));
    }
    return { ...envelope.data, data: data.data };
  }

  /** An AsyncAPI 3.0 document describing every topic and event type. */
  toAsyncApi(info: AsyncApiInfo): Record<string, unknown> {
    return buildAsyncApi(this.definitions(), this.topics(), info);
  }
}

/** TopicSpec of the dead-letter companion of a topic. */
export function dlqSpecOf(topic: TopicSpec): TopicSpec {
  return {
    name: dlqTopicOf(topic.name),
    partitions: topic.partitions,
    description: `Dead letters of ${topic.name}: messages its consumers could not process.`,
  };
}
