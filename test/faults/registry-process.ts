// The registry as a real process (node services/registry/src/main.ts) on the test stack, so a
// fault test can kill it outright: SIGKILL, no shutdown, at a named fault point
// (libs/service-kit/src/runtime/fault-points.ts) or at any moment.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { standInSettings, testStackEnv, uniqueDatabaseUrl } from '@rehab/testing';

const mainFile = fileURLToPath(new URL('../../services/registry/src/main.ts', import.meta.url));

/** What two processes of "the same" registry share: database, key, identity provider. */
export interface RegistryInstallation {
  mongoUrl: string;
  nationalIdKey: string;
  publicKeyFile: string;
  leaseSeconds: number;
}

export function registryInstallation(publicKeyFile: string): RegistryInstallation {
  return {
    mongoUrl: uniqueDatabaseUrl('registry_kill'),
    nationalIdKey: randomBytes(32).toString('base64'),
    publicKeyFile,
    leaseSeconds: 2,
  };
}

export interface RegistryProcess {
  url: string;
  /** Resolves with the signal or exit code once the process is gone. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** What the process logged (warnings and errors). */
  output(): string;
  /** SIGKILL from outside, whatever the process is doing. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`registry exited early:\n${log()}`);
    const ready = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`registry not ready within 60 s:\n${log()}`);
}

/** Starts a registry process; `faultPoints` arms the points where it kills itself. */
export async function startRegistryProcess(
  installation: RegistryInstallation,
  faultPoints: readonly string[] = [],
): Promise<RegistryProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--no-warnings=ExperimentalWarning', mainFile],
    {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        MONGO_URL: installation.mongoUrl,
        ...standInSettings(),
        KAFKA_BROKERS: testStackEnv().kafkaBrokers.join(','),
        KAFKA_CLIENT_ID: `registry-kill-${port}`,
        JWT_PUBLIC_KEY_FILE: installation.publicKeyFile,
        NATIONAL_ID_KEY: installation.nationalIdKey,
        IDEMPOTENCY_LEASE_SECONDS: String(installation.leaseSeconds),
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '50',
        REHAB_FAULT_POINTS: faultPoints.join(','),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  await waitReady(url, child, () => output);
  return {
    url,
    exited,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
