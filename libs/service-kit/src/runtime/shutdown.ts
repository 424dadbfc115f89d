import type { Logger } from 'pino';
import { shutdownProcessTelemetry } from '../telemetry/telemetry.ts';

/**
 * Steps run in reverse registration order on SIGTERM/SIGINT (like `defer`: what was opened
 * first, the database, is closed last), all within one deadline.
 */
export interface Shutdown {
  /** Adds a step, e.g. "stop accepting HTTP", "stop consumers", "close MongoDB". */
  add(name: string, step: () => Promise<void>): void;
  readonly inProgress: boolean;
  /** Runs the steps now (also what the signals trigger); resolves when done or out of time. */
  run(reason: string): Promise<void>;
  /** Installs the signal handlers; exits the process when the steps finish or the deadline passes. */
  installSignalHandlers(): void;
}

/**
 * Graceful shutdown within a deadline shorter than Kubernetes'
 * terminationGracePeriodSeconds, so in-flight requests finish and offsets are committed
 * before the pod is killed.
 */
export function createShutdown(logger: Logger, deadlineMs: number): Shutdown {
  const steps: { name: string; step: () => Promise<void> }[] = [];
  let running: Promise<void> | undefined;
  const shutdown: Shutdown = {
    add: (name, step) => steps.push({ name, step }),
    get inProgress() {
      return running !== undefined;
    },
    run(reason) {
      running ??= (async () => {
        logger.info({ reason, deadlineMs }, 'shutting down');
        const work = (async () => {
          for (const { name, step } of [...steps].reverse()) {
            try {
              await step();
            } catch (error) {
              logger.error({ err: error, step: name }, 'shutdown step failed');
            }
          }
          await shutdownProcessTelemetry();
        })();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            logger.warn({ deadlineMs }, 'shutdown deadline reached');
            resolve();
          }, deadlineMs);
        });
        await Promise.race([work, deadline]);
        clearTimeout(timer);
      })();
      return running;
    },
    installSignalHandlers() {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          void shutdown.run(signal).then(() => process.exit(0));
        });
      }
    },
  };
  return shutdown;
}
