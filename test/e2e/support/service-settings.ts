// What a service the journeys start themselves (treatment, vocational, reporting: those
// without a harness the journeys use) reads from its environment on the shared test stack,
// and the tokens its callers carry.
import {
  standInSettings,
  testStackEnv,
  uniqueDatabaseUrl,
  type TestIdentityProvider,
  type TokenClaims,
} from '@rehab/testing';

/** A service's settings on the test stack: its own database, tokens from `idp`, no logs. */
export function stackSettings(
  idp: TestIdentityProvider,
  databasePrefix: string,
  options: { quickOutbox?: boolean } = {},
): Record<string, string | undefined> {
  return {
    PORT: '0',
    MONGO_URL: uniqueDatabaseUrl(databasePrefix),
    ...standInSettings(),
    KAFKA_BROKERS: testStackEnv().kafkaBrokers.join(','),
    JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
    LOG_LEVEL: 'silent',
    // A journey waits on each event it causes: relaying every 50 ms keeps the waits short.
    ...(options.quickOutbox ? { OUTBOX_POLL_MS: '50' } : {}),
  };
}

/** An Authorization header for a caller of `agency` with `roles`, in `orgUnit` (the province). */
export type CallerToken = (
  agency: TokenClaims['agency'],
  roles: string[],
  orgUnit?: string,
) => { Authorization: string };

export function callerTokens(idp: TestIdentityProvider): CallerToken {
  return (agency, roles, orgUnit = '99') => ({
    Authorization: `Bearer ${idp.issue({ sub: `${agency}-${roles[0]}`, agency, orgUnit, roles })}`,
  });
}
