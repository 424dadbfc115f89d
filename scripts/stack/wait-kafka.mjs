// Waits until a Kafka broker really serves clients: an admin client connects
// and lists topics (metadata served by the broker, controller quorum up).
// Usage: node scripts/stack/wait-kafka.mjs <host:port> [timeoutMs]
// Exit 0 when ready, 1 on timeout (prints the last error).
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
const broker = process.argv[2];
const timeoutMs = Number(process.argv[3] ?? 90_000);
if (!broker) {
  console.error('usage: wait-kafka.mjs <host:port> [timeoutMs]');
  process.exit(2);
}

const deadline = Date.now() + timeoutMs;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let lastError;

while (Date.now() < deadline) {
  const kafka = new Kafka({
    clientId: 'stack-wait',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
    process.exit(0);
  } catch (error) {
    lastError = error;
    await admin.disconnect().catch(() => {});
    await sleep(500);
  }
}
console.error(
  `Kafka at ${broker} not ready after ${timeoutMs} ms: ${lastError?.message ?? 'no answer'}`,
);
process.exit(1);
