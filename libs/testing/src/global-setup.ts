// Vitest global setup of the integration project: refuses to run against nothing. The
// stack itself is started by scripts/test.sh (npm test); tests never fake Kafka or Mongo.
import { connect } from 'node:net';
import { testStackEnv } from './stack-env.ts';

function reachable(hostPort: string): Promise<boolean> {
  const url = new URL(hostPort.includes('://') ? hostPort : `tcp://${hostPort}`);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export default async function setup(): Promise<void> {
  const env = testStackEnv();
  const missing: string[] = [];
  if (!(await reachable(env.kafkaBrokers[0] ?? '')))
    missing.push(`Kafka at ${env.kafkaBrokers.join(',')}`);
  if (!(await reachable(env.mongoUrl))) missing.push(`FerretDB/MongoDB at ${env.mongoUrl}`);
  if (missing.length > 0) {
    throw new Error(
      `integration tests need the real test stack; not reachable: ${missing.join('; ')}.\n` +
        'Run `npm test`, or `bash scripts/stack.sh start --profile test` first.',
    );
  }
}
