// The shared idempotent producer. It is recreated after a failed send so that a broker outage or
// a sequence-number error never leaves the relay holding a broken producer.
import { Partitioners } from 'kafkajs';
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type { EventPublisher, RawMessage } from './bus.ts';
import type { EventCatalogue } from './catalogue.ts';
import type { EventLogger } from './logger.ts';
import type { EventMetrics } from './metrics.ts';
import { contextFrom, endSpan, injectInto, startMessagingSpan } from './tracing.ts';
import type { Span } from '@opentelemetry/api';

/** A publisher plus lifecycle hooks for the bus. */
export interface ManagedPublisher extends EventPublisher {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

/** Creates the bus' publisher; the kafkajs producer is connected lazily and shared. */
export function createPublisher(
  kafka: Kafka,
  catalogue: EventCatalogue,
  metrics: EventMetrics,
  logger: EventLogger,
): ManagedPublisher {
  let producer: Promise<Producer> | undefined;

  const connected = (): Promise<Producer> =>
    (producer ??= (async () => {
      const p = kafka.producer({
        idempotent: true,
        // One request in flight keeps per-partition order across kafkajs' internal retries.
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        // Finite (kafkajs' idempotent default is infinite) so an outage surfaces as an error the
        // relay can log and retry; duplicates from our retries are removed by consumers.
        retry: { retries: 5, maxRetryTime: 5_000 },
      });
      try {
        await p.connect();
        return p;
      } catch (err) {
        producer = undefined;
        throw err;
      }
    })());

  const send = async (topicMessages: TopicMessages[]): Promise<void> => {
    const current = connected();
    const p = await current;
    try {
      await p.sendBatch({ acks: -1, topicMessages });
    } catch (err) {
      if (producer === current) {
        producer = undefined;
        p.disconnect().catch(() => undefined);
      }
      logger.warn({ err }, 'kafka send failed; producer will be recreated');
      throw err;
    }
  };

  const byTopic = (entries: [string, Message][]): TopicMessages[] => {
    const map = new Map<string, Message[]>();
    for (const [topic, message] of entries) map.set(topic, [...(map.get(topic) ?? []), message]);
    return [...map].map(([topic, messages]) => ({ topic, messages }));
  };

  return {
    async connect() {
      await connected();
    },
    async disconnect() {
      const current = producer;
      producer = undefined;
      if (current) await (await current.catch(() => undefined))?.disconnect();
    },
    async publish(envelopes) {
      if (envelopes.length === 0) return;
      const entries: [string, Message][] = [];
      const spans: Span[] = [];
      for (const input of envelopes) {
        const env = catalogue.parse(input);
        const topic = catalogue.get(env.type)?.topic.name ?? '';
        // Parent = the request that created the event (captured in the envelope), not the relay.
        const parent = contextFrom({ traceparent: env.traceparent, tracestate: env.tracestate });
        const { span, ctx } = startMessagingSpan(topic, 'publish', parent, {
          'messaging.message.id': env.id,
          'messaging.kafka.message.key': env.subject,
        });
        spans.push(span);
        const headers: Record<string, string> = {
          ce_id: env.id,
          ce_type: env.type,
          'content-type': 'application/cloudevents+json',
        };
        injectInto(ctx, headers);
        entries.push([topic, { key: env.subject, value: JSON.stringify(env), headers }]);
      }
      try {
        await send(byTopic(entries));
      } catch (err) {
        for (const span of spans) endSpan(span, err);
        throw err;
      }
      for (const span of spans) endSpan(span);
      for (const [topic] of entries) metrics.published.inc({ topic });
    },
    async publishRaw(topic: string, messages: readonly RawMessage[]) {
      if (messages.length === 0) return;
      await send([
        {
          topic,
          messages: messages.map((m) => {
            const message: Message = { key: m.key, value: m.value, headers: m.headers };
            if (m.partition !== undefined) message.partition = m.partition;
            return message;
          }),
        },
      ]);
    },
  };
}
