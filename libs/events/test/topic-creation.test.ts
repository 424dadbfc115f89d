// Services starting together on a fresh cluster create the same topics at the same moment
// (npm start, a Helm install): every one of them must come up, whichever wins the creation,
// and each topic exists once with its partitions and its dead-letter topic. In npm test's
// demo check a loser once died on UNKNOWN_TOPIC_OR_PARTITION while waiting for the leaders
// of a topic the broker had not finished creating; ensureTopics now retries that. This test
// races six callers three times but did not reproduce that timing on its own.
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createEventBus, type TopicSpec } from '../src/index.ts';
import { KAFKA_BROKERS, testCatalogue, uniqueSuffix } from './helpers.ts';

describe('ensureTopics by several services at once', () => {
  it('creates the topics and their dead-letter topics once, and every caller succeeds', async () => {
    const rounds = 3;
    for (let round = 0; round < rounds; round++) {
      const suffix = uniqueSuffix();
      const topics: TopicSpec[] = Array.from({ length: 4 }, (_, i) => ({
        ...testCatalogue(`tc${i}${suffix}`, 6).topic,
      }));
      const { catalogue } = testCatalogue(`tc0${suffix}`, 6);
      const buses = Array.from({ length: 6 }, (_, i) =>
        createEventBus({ brokers: KAFKA_BROKERS, clientId: `tc-${suffix}-${i}` }, catalogue),
      );
      try {
        const results = await Promise.allSettled(buses.map((bus) => bus.ensureTopics(topics)));
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
        const admin = new Kafka({ brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
        await admin.connect();
        try {
          const names = topics.flatMap((spec) => [spec.name, `${spec.name}.dlq`]);
          expect((await admin.listTopics()).filter((name) => names.includes(name)).sort()).toEqual(
            [...names].sort(),
          );
          const meta = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
          expect(meta.topics.map((t) => t.partitions.length)).toEqual(topics.map(() => 6));
        } finally {
          await admin.disconnect();
        }
      } finally {
        await Promise.all(buses.map((bus) => bus.close()));
      }
    }
  }, 120_000);
});
