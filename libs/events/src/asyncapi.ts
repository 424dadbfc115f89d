// AsyncAPI 3.0 description of the catalogue, generated from the zod schemas so it cannot drift.
import { z } from 'zod';
import type { EventDefinition, TopicSpec } from './catalogue.ts';
import { envelopeSchema } from './envelope.ts';

/** The `info` block of the generated document. */
export interface AsyncApiInfo {
  title: string;
  version: string;
  description?: string;
}

// AsyncAPI component keys allow only [A-Za-z0-9_.-] in some tools and [A-Za-z0-9_-] in the spec.
const key = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, '_');

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // `unrepresentable: 'any'` keeps generation total; such fields then show as unconstrained.
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return rest;
}

function messageOf(def: EventDefinition): Record<string, unknown> {
  return {
    name: def.type,
    title: def.type,
    summary: def.summary,
    contentType: 'application/cloudevents+json',
    headers: {
      type: 'object',
      properties: {
        ce_id: { type: 'string', description: 'Envelope id (UUID v7).' },
        ce_type: { type: 'string', const: def.type },
        traceparent: { type: 'string', description: 'W3C trace context of the publish span.' },
        tracestate: { type: 'string' },
      },
      required: ['ce_id', 'ce_type'],
    },
    payload: jsonSchema(envelopeSchema.extend({ type: z.literal(def.type), data: def.schema })),
    bindings: {
      kafka: { key: { type: 'string', description: 'The envelope subject (aggregate id).' } },
    },
  };
}

/** Builds the AsyncAPI 3.0 document; one channel per topic, one send operation per type. */
export function buildAsyncApi(
  defs: EventDefinition[],
  topics: TopicSpec[],
  info: AsyncApiInfo,
): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of topics) {
    const typesHere = defs.filter((d) => d.topic.name === topic.name);
    const topicConfiguration =
      topic.retentionMs === undefined ? undefined : { 'retention.ms': topic.retentionMs };
    channels[key(topic.name)] = {
      address: topic.name,
      description: topic.description,
      messages: Object.fromEntries(
        typesHere.map((d) => [key(d.type), { $ref: `#/components/messages/${key(d.type)}` }]),
      ),
      bindings: { kafka: { partitions: topic.partitions, topicConfiguration } },
    };
  }
  for (const def of defs) {
    messages[key(def.type)] = messageOf(def);
    operations[`send_${key(def.type)}`] = {
      action: 'send',
      summary: def.summary,
      channel: { $ref: `#/channels/${key(def.topic.name)}` },
      messages: [{ $ref: `#/channels/${key(def.topic.name)}/messages/${key(def.type)}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info,
    defaultContentType: 'application/cloudevents+json',
    channels,
    operations,
    components: { messages },
  };
}
