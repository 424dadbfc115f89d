// prom-client metrics, created once per Registry so several buses/relays can share one registry.
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

/** Metrics written by the relay, publisher and consumers. */
export interface EventMetrics {
  outboxBacklog: Gauge<'collection'>;
  published: Counter<'topic'>;
  consumed: Counter<'topic' | 'outcome'>;
  consumerLag: Gauge<'topic' | 'partition' | 'group'>;
}

/** Outcome label of `events_consumed_total`. */
export type ConsumeOutcome = 'applied' | 'duplicate' | 'retried' | 'dead-lettered';

const byRegistry = new WeakMap<Registry, EventMetrics>();

function build(registers: Registry[]): EventMetrics {
  return {
    outboxBacklog: new Gauge({
      name: 'outbox_backlog',
      help: 'Aggregate documents with events waiting in their outbox, at the last relay poll.',
      labelNames: ['collection'],
      registers,
    }),
    published: new Counter({
      name: 'events_published_total',
      help: 'Events published to Kafka.',
      labelNames: ['topic'],
      registers,
    }),
    consumed: new Counter({
      name: 'events_consumed_total',
      help: 'Messages handled by consumers, by outcome (applied/duplicate/retried/dead-lettered).',
      labelNames: ['topic', 'outcome'],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'consumer_lag',
      help: 'Messages between the committed offset of a group and the end of the partition.',
      labelNames: ['topic', 'partition', 'group'],
      registers,
    }),
  };
}

/** The metrics registered in `registry`; unregistered (discarded) metrics when none is given. */
export function eventMetrics(registry?: Registry): EventMetrics {
  if (!registry) return build([]);
  let metrics = byRegistry.get(registry);
  if (!metrics) {
    metrics = build([registry]);
    byRegistry.set(registry, metrics);
  }
  return metrics;
}
