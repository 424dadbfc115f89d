// What the composition roots of the event-consuming services (services/*/src/service.ts) do
// alike around their own stores, routes and consumers: open the platform with the service's
// policy and rulebook and the tests' replacements, start the consumers unless a test turns
// them off, run a periodic sweep, and register each for the ordered shutdown (shutdown.ts).
import { fileURLToPath } from 'node:url';
import { loadRulebookFile, type Rulebook } from '@rehab/domain-kit';
import type { ConsumerHandle } from '@rehab/events';
import type { OutboxRelay } from '@rehab/persistence';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import type { CommonConfig } from '../config/common-schema.ts';
import { openPlatform, type Platform, type PlatformOptions } from './platform.ts';

/** What tests may replace in every service. */
export interface ServiceOverrides<Clock> {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: Clock;
  /** Tests that seed the projections themselves may skip the consumers. */
  consume?: boolean;
  /** Tests give each instance its own consumer groups (they share one broker). */
  consumerGroupSuffix?: string;
}

/** A wired service that consumes events, as main.ts serves it and tests drive it. */
export interface ConsumingService<Deps> {
  app: Express;
  platform: Platform;
  deps: Deps;
  relay: OutboxRelay;
  consumers: ConsumerHandle[];
  stop(): Promise<void>;
}

export interface ServicePlatformOptions extends Omit<
  PlatformOptions,
  'defaultPolicyFile' | 'logger' | 'verifier'
> {
  config: CommonConfig & { RULEBOOK_FILE?: string | undefined };
  /**
   * The service package's folder (`new URL('..', import.meta.url)` from src/), which holds
   * its policy.yaml and rules/<service>.rulebook.yaml, the defaults POLICY_FILE and
   * RULEBOOK_FILE override.
   */
  packageRoot: URL;
  overrides?: Pick<ServiceOverrides<unknown>, 'logger' | 'verifier'>;
}

/** Opens the service's platform, then loads its rulebook. */
export async function openServicePlatform(
  options: ServicePlatformOptions,
): Promise<{ platform: Platform; rulebook: Rulebook }> {
  const { packageRoot, overrides = {}, ...platformOptions } = options;
  const inPackage = (path: string) => fileURLToPath(new URL(path, packageRoot));
  const platform = await openPlatform({
    ...platformOptions,
    defaultPolicyFile: inPackage('policy.yaml'),
    ...(overrides.logger ? { logger: overrides.logger } : {}),
    ...(overrides.verifier ? { verifier: overrides.verifier } : {}),
  });
  const rulebook = await loadRulebookFile(
    options.config.RULEBOOK_FILE ?? inPackage(`rules/${options.service}.rulebook.yaml`),
  );
  return { platform, rulebook };
}

/**
 * Starts the service's consumers unless `consume` is false, and stops them all on shutdown
 * (registered here, so they stop before the relay, Kafka and MongoDB the platform opened).
 */
export function startServiceConsumers(
  platform: Platform,
  consume: boolean | undefined,
  start: () => ConsumerHandle[],
): ConsumerHandle[] {
  const consumers = consume === false ? [] : start();
  platform.shutdown.add('stop consumers', async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  });
  return consumers;
}

/**
 * Runs `sweep` every `intervalMs` until shutdown (step `stop <name> sweep`), logging a failed
 * run (`<name> sweep failed`) and trying again at the next tick. The timer does not keep the
 * process alive.
 */
export function startServiceSweep(
  platform: Platform,
  name: string,
  intervalMs: number,
  sweep: () => Promise<unknown>,
): void {
  const timer = setInterval(() => {
    sweep().catch((error: unknown) =>
      platform.logger.error({ err: error }, `${name} sweep failed`),
    );
  }, intervalMs);
  timer.unref();
  platform.shutdown.add(`stop ${name} sweep`, async () => clearInterval(timer));
}

/** The wired service, its relay the platform's and its stop the platform's shutdown. */
export function consumingService<Deps>(parts: {
  app: Express;
  platform: Platform;
  deps: Deps;
  consumers: ConsumerHandle[];
}): ConsumingService<Deps> {
  const { platform } = parts;
  return {
    ...parts,
    relay: platform.persistence.relay,
    stop: () => platform.shutdown.run('stop'),
  };
}
