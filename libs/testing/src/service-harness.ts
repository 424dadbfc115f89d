// What the services' test harnesses (services/*/test/support.ts) start from alike: a fresh
// identity provider, the settings that put a service on the shared test stack with a
// database of its own, consumer groups of its own, a clock whose day the test moves, and
// tokens for a caller of some agency.
import {
  createTestIdentityProvider,
  type TestIdentityProvider,
  type TokenClaims,
} from './identity.ts';
import { testStackEnv, uniqueDatabaseUrl, type StackEnv } from './stack-env.ts';
import { standInSettings } from './stand-in.ts';

/** The settings every service under test loads its config from; the harness adds its own. */
export interface ServiceTestSettings {
  PORT: string;
  MONGO_URL: string;
  FERRETDB_POSTGRESQL_URL?: string;
  KAFKA_BROKERS: string;
  JWT_PUBLIC_KEY_FILE: string;
  LOG_LEVEL: string;
}

export interface ServiceTestStack {
  /** Signs the tests' tokens; the service trusts its public key. */
  idp: TestIdentityProvider;
  stack: StackEnv;
  settings: ServiceTestSettings;
}

/**
 * A fresh identity provider and the settings of `service` on the test stack: a free port, a
 * database of its own, the stand-in's index mirror where there is one, the stack's brokers,
 * the provider's public key, and no logs unless TEST_LOG_LEVEL asks for them.
 */
export function serviceTestStack(service: string): ServiceTestStack {
  const idp = createTestIdentityProvider();
  const stack = testStackEnv();
  return {
    idp,
    stack,
    settings: {
      PORT: '0',
      MONGO_URL: uniqueDatabaseUrl(service, stack),
      ...standInSettings(),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    },
  };
}

/** Consumer groups of one service instance's own: the instances of all test files share the broker. */
export function testConsumerGroupSuffix(): string {
  return `-test-${Math.random().toString(36).slice(2, 8)}`;
}

/** A service clock in real time whose day the test sets (e.g. a year on, for a term to end). */
export interface MovableToday {
  /** For the service's overrides. */
  clock: { now(): Date; today(): string };
  today(): string;
  setToday(day: string): void;
}

export function movableToday(start: string): MovableToday {
  let today = start;
  return {
    clock: { now: () => new Date(), today: () => today },
    today: () => today,
    setToday: (day) => {
      today = day;
    },
  };
}

/** An Authorization header for a caller of `claims.agency`, `<agency>-user` unless `sub` is given. */
export function agencyBearer(
  idp: TestIdentityProvider,
  claims: Omit<TokenClaims, 'sub'> & { sub?: string },
): { Authorization: string } {
  return { Authorization: `Bearer ${idp.issue({ sub: `${claims.agency}-user`, ...claims })}` };
}
