#!/usr/bin/env node
// Kafka compatibility probe: runs every kafkajs client operation the platform
// uses against a broker and prints ok/FAIL per operation. Exit 1 on any failure.
//
//   node scripts/kafka-compat-probe.mjs [host:port]     (default 127.0.0.1:9092)
//
// Rerun it whenever the broker version changes (see deploy/local/README.md,
// "Why Kafka 4.4.0"). It creates a topic, groups and a transactional id with a
// random suffix and deletes the topic and groups at the end.
import { randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';

const { Kafka, Partitioners, CompressionTypes, ConfigResourceTypes, logLevel } = kafkajs;

// kafkajs 2.2.4 schedules timers with negative delays, which Node 24 reports as
// TimeoutNegativeWarning. Harmless; keep other warnings.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning')
    console.warn(`${warning.name}: ${warning.message}`);
});

const broker = process.argv[2] ?? process.env.KAFKA_BROKERS?.split(',')[0] ?? '127.0.0.1:9092';
const suffix = randomBytes(4).toString('hex');
const topic = `compat-probe-${suffix}`;
const groupId = `compat-probe-${suffix}`;
const transactionalId = `compat-probe-tx-${suffix}`;

let failures = 0;
const step = async (name, fn) => {
  const t0 = Date.now();
  try {
    const result = await fn();
    const detail = result === undefined ? '' : ` ${JSON.stringify(result).slice(0, 100)}`;
    console.log(`ok    ${name} (${Date.now() - t0} ms)${detail}`);
    return result;
  } catch (error) {
    failures++;
    console.log(
      `FAIL  ${name} (${Date.now() - t0} ms) ${error.type ?? error.name ?? ''}: ${error.message}`,
    );
    return undefined;
  }
};
const withTimeout = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms).unref(),
    ),
  ]);

const kafka = new Kafka({
  clientId: 'kafka-compat-probe',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer({
  idempotent: true,
  createPartitioner: Partitioners.DefaultPartitioner,
});
const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
const txProducer = kafka.producer({
  transactionalId,
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
});

console.log(`kafka-compat-probe: broker ${broker}, topic ${topic}`);
try {
  await step('admin.connect', () => admin.connect());
  await step('describeCluster', () =>
    admin.describeCluster().then((c) => ({ brokers: c.brokers.length, controller: c.controller })),
  );
  await step('createTopics', () =>
    admin.createTopics({
      topics: [
        { topic, numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '604800000' }] },
      ],
      waitForLeaders: true,
    }),
  );
  await step('createPartitions', () =>
    admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] }),
  );
  await step('fetchTopicMetadata', () =>
    admin
      .fetchTopicMetadata({ topics: [topic] })
      .then((m) => ({ partitions: m.topics[0].partitions.length })),
  );
  await step('describeConfigs', () =>
    admin
      .describeConfigs({
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] },
        ],
      })
      .then((r) => r.resources[0].configEntries.map((e) => `${e.configName}=${e.configValue}`)),
  );
  await step('alterConfigs', () =>
    admin.alterConfigs({
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'retention.ms', value: '86400000' }],
        },
      ],
    }),
  );

  await step('producer.connect (idempotent)', () => producer.connect());
  await step('send (gzip, acks=all)', () =>
    producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: 10 }, (_, i) => ({
        key: `k${i}`,
        value: `v${i}`,
        headers: { n: String(i) },
      })),
    }),
  );
  await step('sendBatch (acks=all)', () =>
    producer.sendBatch({
      acks: -1,
      topicMessages: [{ topic, messages: [{ key: 'a', value: 'b' }] }],
    }),
  );
  await step('fetchTopicOffsets', () =>
    admin.fetchTopicOffsets(topic).then((o) => o.map((p) => p.high)),
  );
  await step('fetchTopicOffsetsByTimestamp', () =>
    admin
      .fetchTopicOffsetsByTimestamp(topic, Date.now() - 60_000)
      .then((o) => o.map((p) => p.offset)),
  );

  await step('consumer.connect+subscribe', async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
  });
  await step('consume (group join, fetch, auto-commit)', () =>
    withTimeout(
      new Promise((resolve) => {
        let n = 0;
        consumer.run({
          autoCommit: true,
          eachMessage: async () => {
            n++;
            if (n === 11) resolve(n);
          },
        });
      }),
      30_000,
      'consume',
    ),
  );
  await step('commitOffsets', () => consumer.commitOffsets([{ topic, partition: 0, offset: '1' }]));
  await step('describeGroups', () =>
    admin.describeGroups([groupId]).then((r) => r.groups[0].state),
  );
  await step('listGroups', () =>
    admin
      .listGroups()
      .then((r) => r.groups.some((g) => g.groupId === groupId) || 'group not listed'),
  );
  await step('consumer.disconnect', () => consumer.disconnect());
  await step('fetchOffsets', () =>
    admin
      .fetchOffsets({ groupId, topics: [topic] })
      .then((r) => r[0].partitions.map((p) => p.offset)),
  );
  await step('resetOffsets (earliest)', () =>
    admin.resetOffsets({ groupId, topic, earliest: true }),
  );
  await step('setOffsets', () =>
    admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] }),
  );
  await step('deleteGroups', () =>
    admin.deleteGroups([groupId]).then((r) => r.map((g) => g.errorCode)),
  );
  await step('deleteTopicRecords', () =>
    admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '1' }] }),
  );

  await step('transactional producer.connect', () => txProducer.connect());
  await step('transaction send+commit', async () => {
    const tx = await txProducer.transaction();
    await tx.send({ topic, messages: [{ value: 'tx-commit' }] });
    await tx.commit();
  });
  await step('transaction send+abort', async () => {
    const tx = await txProducer.transaction();
    await tx.send({ topic, messages: [{ value: 'tx-abort' }] });
    await tx.abort();
  });
} finally {
  await txProducer.disconnect().catch(() => {});
  await producer.disconnect().catch(() => {});
  await consumer.disconnect().catch(() => {});
  await step('deleteTopics', () => admin.deleteTopics({ topics: [topic] }));
  await admin.disconnect().catch(() => {});
}

console.log(
  failures
    ? `kafka-compat-probe: ${failures} FAILED against ${broker}`
    : `kafka-compat-probe: all ok against ${broker}`,
);
process.exit(failures ? 1 : 0);
