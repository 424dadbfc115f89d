// Fault injection on the real test stack: stop and start the Kafka broker of the test
// profile through the project's own stack script (its data survives).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const stackScript = fileURLToPath(new URL('../../scripts/stack.sh', import.meta.url));

function stack(command: 'stop-kafka' | 'start-kafka'): void {
  execFileSync('bash', [stackScript, command, '--profile', 'test'], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

export const stopKafka = () => stack('stop-kafka');
export const startKafka = () => stack('start-kafka');

/** Polls until `done` or the timeout, returning the last value read. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if ((value !== undefined && done(value)) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
