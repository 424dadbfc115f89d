import { v7 as uuidv7 } from 'uuid';
import { createWorkingDayCalendar, todayIn } from '@rehab/domain-kit';
import type { ConsumerHandle } from '@rehab/events';
import type { OutboxRelay } from '@rehab/persistence';
import { startDeterminationConsumer } from './events/determination-consumer.ts';
import { startTreatmentConsumer } from './events/treatment-consumer.ts';
import {
  openServicePlatform,
  serviceHttpApp,
  type Platform,
  type RouteContext,
  type TokenVerifier,
} from '@rehab/service-kit';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { RegistryDeps } from './app/deps.ts';
import type { Clock } from './app/ports.ts';
import { registryCatalogue } from './catalogue.ts';
import type { RegistryConfig } from './config.ts';
import { createRegistryRules } from './domain/registry-rules.ts';
import { registerRoutes } from './http/routes.ts';
import { createNationalIdProtector } from './store/national-id-protector.ts';
import { mongoNationalIdIndex } from './store/national-id-index.ts';
import { mongoPersonRepository } from './store/person-repository.ts';

/** What tests and main.ts may replace (composition-root habit from Mojaloop). */
export interface RegistryOverrides {
  logger?: Logger;
  verifier?: TokenVerifier;
  clock?: Clock;
  /** Tests drive the relay themselves (drainOnce) to simulate crashes. */
  pollOutbox?: boolean;
  /** Tests that do not need the determination consumer skip its group join. */
  consumeDeterminations?: boolean;
  /** Likewise for the treatment case consumer. */
  consumeTreatmentCases?: boolean;
  /**
   * A test's new group starts at the end of the treatment case stream instead of reading
   * its history, which on a shared broker holds other tests' unknown persons.
   */
  treatmentCasesFromEnd?: boolean;
  /** Tests give each instance its own consumer groups (they share one broker). */
  consumerGroupSuffix?: string;
}

export interface RegistryService {
  app: Express;
  platform: Platform;
  deps: RegistryDeps;
  relay: OutboxRelay;
  determinations?: ConsumerHandle;
  treatmentCases?: ConsumerHandle;
  stop(): Promise<void>;
}

/** Wires the registry: platform, rules, repositories, routes and the outbox relay. */
export async function createRegistryService(
  config: RegistryConfig,
  overrides: RegistryOverrides = {},
): Promise<RegistryService> {
  const { platform, rulebook } = await openServicePlatform({
    service: 'registry',
    config,
    catalogue: registryCatalogue,
    packageRoot: new URL('..', import.meta.url),
    overrides,
    pollOutbox: overrides.pollOutbox ?? true,
  });
  const protector = createNationalIdProtector(Buffer.from(config.NATIONAL_ID_KEY, 'base64'));
  const persons = mongoPersonRepository(
    platform.persistence,
    platform.connection,
    protector,
    platform.units,
  );
  const nationalIds = mongoNationalIdIndex(platform.persistence, protector, (id) =>
    persons.exists(id),
  );
  await platform.persistence.ensureIndexes();
  const relay = platform.persistence.relay;

  const deps: RegistryDeps = {
    persons,
    nationalIds,
    rules: createRegistryRules(rulebook, createWorkingDayCalendar()),
    units: platform.units,
    audit: platform.audit,
    clock: overrides.clock ?? { now: () => new Date(), today: () => todayIn() },
    newId: uuidv7,
  };

  const determinations =
    overrides.consumeDeterminations === false
      ? undefined
      : startDeterminationConsumer(platform, deps, overrides.consumerGroupSuffix);
  if (determinations)
    platform.shutdown.add('stop determination consumer', () => determinations.stop());
  const treatmentCases =
    overrides.consumeTreatmentCases === false
      ? undefined
      : startTreatmentConsumer(
          platform,
          deps,
          overrides.consumerGroupSuffix,
          !overrides.treatmentCasesFromEnd,
        );
  if (treatmentCases)
    platform.shutdown.add('stop treatment case consumer', () => treatmentCases.stop());

  const api = platform.createApi('/registry/v1');
  const allows = (ctx: RouteContext<unknown, unknown, unknown>, operation: string) => {
    try {
      platform.policy.rulesFor(ctx.principal, operation);
      return true;
    } catch {
      return false;
    }
  };
  registerRoutes(api, deps, allows);
  const app = serviceHttpApp(platform, api, registryCatalogue, {
    title: 'Registry API (police)',
    description:
      'Persons, the management list of illegal drug users, movements and determination referrals',
    eventsTitle: 'Registry events',
  });
  return {
    app,
    platform,
    deps,
    relay,
    ...(determinations ? { determinations } : {}),
    ...(treatmentCases ? { treatmentCases } : {}),
    stop: () => platform.shutdown.run('stop'),
  };
}
