// The bare round trip an event hop is measured against: kafkajs alone, one message produced
// (idempotent, acks=all, as the platform's publisher) and consumed (maxWaitTimeInMs 100, as
// the platform's consumers) at a time, on the same broker. It measures; it asserts nothing.
import { Kafka, Partitioners, logLevel } from 'kafkajs';

/** A producer and a consumer of their own topic, ready to time one round trip at a time. */
export interface BareKafka {
  /** Ms from the start of a send to its arrival in the consumer's handler. */
  roundTrip(): Promise<number>;
  close(): Promise<void>;
}

export async function bareKafka(brokers: string[]): Promise<BareKafka> {
  const kafka = new Kafka({ clientId: 'bench-bare', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench.bare.${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: `${topic}.group`, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const waiting = new Map<string, () => void>();
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.run({
    eachMessage: async ({ message }) => waiting.get(message.key?.toString() ?? '')?.(),
  });
  await joined;
  let sent = 0;
  const roundTrip = async () => {
    const key = `m${sent++}`;
    const arrived = new Promise<void>((resolve) => waiting.set(key, resolve));
    const started = performance.now();
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify({ key }) }] });
    await arrived;
    waiting.delete(key);
    return performance.now() - started;
  };
  // The first one pays for the fetch loop's start; it is not counted.
  await roundTrip();
  return {
    roundTrip,
    close: async () => {
      await Promise.all([producer.disconnect(), consumer.disconnect()]);
    },
  };
}
