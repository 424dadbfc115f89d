import { randomBytes } from 'node:crypto';
import { loadConfig } from '@rehab/service-kit';
import { serviceTestStack, testConsumerGroupSuffix, type TokenClaims } from '@rehab/testing';
import { registryConfigSchema } from '../src/config.ts';
import {
  createRegistryService,
  type RegistryOverrides,
  type RegistryService,
} from '../src/service.ts';

/** A registry on the real test stack with its own database and a test identity provider. */
export interface RegistryUnderTest {
  service: RegistryService;
  token(claims?: Partial<TokenClaims>): string;
  bearer(claims?: Partial<TokenClaims>): { Authorization: string };
  stop(): Promise<void>;
}

/** A provincial police officer unless overridden. */
export const policeOfficer: TokenClaims = {
  sub: 'officer-1',
  agency: 'police',
  orgUnit: '99',
  roles: ['officer'],
};

/** Reuse a database, key and consumer groups to restart "the same" registry. */
export interface RegistryInstance {
  mongoUrl?: string;
  nationalIdKey?: string;
}

export async function startRegistry(
  overrides: RegistryOverrides = {},
  instance: RegistryInstance = {},
): Promise<RegistryUnderTest & { mongoUrl: string; nationalIdKey: string }> {
  const { idp, settings } = serviceTestStack('registry');
  const mongoUrl = instance.mongoUrl ?? settings.MONGO_URL;
  const nationalIdKey = instance.nationalIdKey ?? randomBytes(32).toString('base64');
  const config = loadConfig(registryConfigSchema, {
    ...settings,
    MONGO_URL: mongoUrl,
    KAFKA_CLIENT_ID: `registry-test-${process.pid}`,
    NATIONAL_ID_KEY: nationalIdKey,
    OUTBOX_POLL_MS: '50',
  });
  // Registries of different test files share the broker: only a test that needs a
  // consumer joins its group, so no other file's registry takes its events.
  const service = await createRegistryService(config, {
    consumeDeterminations: false,
    consumeTreatmentCases: false,
    consumerGroupSuffix: testConsumerGroupSuffix(),
    ...overrides,
  });
  const token = (claims: Partial<TokenClaims> = {}) => idp.issue({ ...policeOfficer, ...claims });
  return {
    mongoUrl,
    nationalIdKey,
    service,
    token,
    bearer: (claims) => ({ Authorization: `Bearer ${token(claims)}` }),
    stop: () => service.stop(),
  };
}

let counter = 0;
/** A valid registration body; names carry diacritics on purpose. */
export function personBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    fullName: `Nguyễn Văn Ánh ${String.fromCharCode(65 + (counter % 26))}`,
    dateOfBirth: '1995-04-12',
    sex: 'male',
    ethnicity: 'Kinh',
    residence: { unitCode: '99001', address: 'Số 12, đường Lê Lợi' },
    ...overrides,
  };
}

/** A random valid 12-digit national ID number. */
export function nationalId(): string {
  return `0${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
}
