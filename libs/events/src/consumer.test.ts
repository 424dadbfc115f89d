import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { EventCatalogue } from './catalogue.ts';
import { superviseConsumer } from './consumer.ts';
import type { ConsumerDeps } from './consumer.ts';
import { silentLogger } from './logger.ts';
import { eventMetrics } from './metrics.ts';

// Nothing connects: the options are checked before the first consumer is created.
const kafka = new Kafka({ brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING });
const deps: ConsumerDeps = {
  kafka,
  catalogue: new EventCatalogue([]),
  publisher: async () => {
    throw new Error('not used');
  },
  metrics: eventMetrics(),
  logger: silentLogger,
};
const subscription = { groupId: 'g', topics: ['t'], handle: async () => undefined };

describe('superviseConsumer', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects partitionsConsumedConcurrently %s', (n) => {
    expect(() =>
      superviseConsumer(deps, { ...subscription, partitionsConsumedConcurrently: n }),
    ).toThrow(RangeError);
  });
});
