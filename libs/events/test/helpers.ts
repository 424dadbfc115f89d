// Shared setup of the integration tests: real Kafka and FerretDB/MongoDB from the environment,
// unique names per file so files can run in parallel against one broker and one server.
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { z } from 'zod';
import type { EventEnvelope, EventLogger, TopicSpec } from '../src/index.ts';
import { EventCatalogue, defineEvent } from '../src/index.ts';

/** Broker list for tests. */
export const KAFKA_BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');
/** Mongo URL for tests. */
export const MONGO_URL = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27018';

/** A short unique suffix for topic, group and database names. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Connects to a fresh database; drop it in afterAll. */
export async function connectMongo(name: string): Promise<mongoose.Connection> {
  return mongoose
    .createConnection(MONGO_URL, { dbName: name, serverSelectionTimeoutMS: 5_000 })
    .asPromise();
}

/** A catalogue with two event types on one topic named after `suffix`. */
export function testCatalogue(suffix: string, partitions = 1) {
  const topic: TopicSpec = {
    name: `test.person.${suffix}.v1`,
    partitions,
    description: 'test stream',
  };
  const registered = defineEvent({
    type: 'registry.person.registered.v1',
    topic,
    summary: 'registered',
    schema: z.object({ fullName: z.string(), seq: z.number().int() }),
  });
  const moved = defineEvent({
    type: 'registry.person.moved.v1',
    topic,
    summary: 'moved',
    schema: z.object({ province: z.string(), seq: z.number().int() }),
  });
  return { topic, registered, moved, catalogue: new EventCatalogue([registered, moved]) };
}

/** Test actor. */
export const actor = { agency: 'doh', orgUnit: 'hn-01', sub: 'tester' };

/** A message read without the library, to check what is really on the topic. */
export interface WireMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Reads `count` messages from the start of a topic with a plain kafkajs consumer. */
export async function readTopic(
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<WireMessage[]> {
  const kafka = new Kafka({
    clientId: 'test-reader',
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `reader-${uniqueSuffix()}`, maxWaitTimeInMs: 100 });
  const out: WireMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${out.length}/${count} from ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {}))
            if (v) headers[k] = v.toString();
          out.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers,
            partition,
            offset: message.offset,
          });
          if (out.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** Polls until `check` returns true. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Parsed envelope of a wire message. */
export function envelopeOf(m: WireMessage): EventEnvelope {
  return JSON.parse(m.value ?? 'null') as EventEnvelope;
}

/** Collects log lines; set EVENTS_TEST_LOG=1 to print them. */
export function testLogger(lines: string[] = []): EventLogger {
  const log =
    (level: string) =>
    (obj: object, msg: string): void => {
      lines.push(`${level} ${msg}`);
      if (process.env['EVENTS_TEST_LOG']) console.log(level, msg, JSON.stringify(obj));
    };
  return { debug: () => undefined, info: log('info'), warn: log('warn'), error: log('error') };
}
