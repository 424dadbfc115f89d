// Fault injection on the real test stack: stop and start the Kafka broker of the test
// profile through the project's own stack script (its data survives).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { eventually } from '@rehab/testing';

const stackScript = fileURLToPath(new URL('../../scripts/stack.sh', import.meta.url));

function stack(command: 'stop-kafka' | 'start-kafka'): void {
  execFileSync('bash', [stackScript, command, '--profile', 'test'], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

export const stopKafka = () => stack('stop-kafka');
export const startKafka = () => stack('start-kafka');
