import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonConfigShape, refineCommonConfig } from './common-schema.ts';
import { ConfigError, loadConfig } from './load-config.ts';

// Mirrors services/registry/src/config.ts: the common shape plus a secret without default.
const schema = z
  .object({
    ...commonConfigShape,
    PORT: commonConfigShape.PORT.default(3001),
    NATIONAL_ID_KEY: z
      .string()
      .refine(
        (value) => Buffer.from(value, 'base64').length >= 32,
        'must be base64 of at least 32 bytes',
      ),
  })
  .superRefine(refineCommonConfig);

const goodKey = Buffer.alloc(32, 7).toString('base64');
const minimalEnv = {
  MONGO_URL: 'mongodb://localhost:27017/registry',
  KAFKA_BROKERS: 'localhost:9092',
  JWT_PUBLIC_KEY_FILE: '/etc/keys/idp.pem',
  NATIONAL_ID_KEY: goodKey,
};

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with the common shape', () => {
  it('applies defaults for every variable the environment leaves out', () => {
    const config = loadConfig(schema, minimalEnv);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.PORT).toBe(3001);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KAFKA_SSL).toBe(false);
    expect(config.SHUTDOWN_DEADLINE_MS).toBe(10_000);
    expect(config.BODY_LIMIT).toBe('100kb');
    expect(config.IDEMPOTENCY_KEY_TTL_HOURS).toBe(24);
    expect(config.PROCESSED_EVENT_TTL_DAYS).toBe(14);
    expect(config.OUTBOX_POLL_MS).toBe(200);
    expect(config.STORAGE_CONCURRENCY).toBe('insert-lock');
    expect(config.FERRETDB_POSTGRESQL_URL).toBeUndefined();
    expect(config.TRUST_PROXY).toBe('loopback, linklocal, uniquelocal');
    expect(config.JWT_JWKS_URL).toBeUndefined();
  });

  it('coerces numbers and booleans from their string form', () => {
    const config = loadConfig(schema, {
      ...minimalEnv,
      PORT: '0',
      KAFKA_SSL: '1',
      STORAGE_CONCURRENCY: 'version-filter',
      OUTBOX_POLL_MS: '50',
    });
    expect(config.PORT).toBe(0);
    expect(config.KAFKA_SSL).toBe(true);
    expect(config.STORAGE_CONCURRENCY).toBe('version-filter');
    expect(config.OUTBOX_POLL_MS).toBe(50);
  });

  it('parses KAFKA_BROKERS as a trimmed comma list, dropping empty entries', () => {
    const config = loadConfig(schema, {
      ...minimalEnv,
      KAFKA_BROKERS: ' kafka-0:9092 , kafka-1:9092,,kafka-2:9092, ',
    });
    expect(config.KAFKA_BROKERS).toEqual(['kafka-0:9092', 'kafka-1:9092', 'kafka-2:9092']);
  });

  it('refuses a KAFKA_BROKERS list with no broker in it', () => {
    const error = configErrorOf(() => loadConfig(schema, { ...minimalEnv, KAFKA_BROKERS: ' , ' }));
    expect(error.problems.some((p) => p.startsWith('KAFKA_BROKERS:'))).toBe(true);
  });

  it('freezes the result deeply, so nested arrays cannot be changed either', () => {
    const config = loadConfig(schema, { ...minimalEnv, KAFKA_BROKERS: 'a:1,b:2' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.KAFKA_BROKERS)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.KAFKA_BROKERS as string[]).push('c:3');
    }).toThrow(TypeError);
  });

  it('freezes nested objects of any schema', () => {
    const nested = z.object({ outer: z.object({ inner: z.object({ value: z.string() }) }) });
    // loadConfig takes a flat environment, but any schema's output is frozen all the way down
    const config = loadConfig(
      z.preprocess(() => ({ outer: { inner: { value: 'x' } } }), nested),
      {},
    );
    expect(Object.isFrozen(config.outer)).toBe(true);
    expect(Object.isFrozen(config.outer.inner)).toBe(true);
  });

  it('lists every bad variable in one ConfigError', () => {
    const error = configErrorOf(() =>
      loadConfig(schema, {
        ...minimalEnv,
        PORT: '70000',
        LOG_LEVEL: 'loud',
        MONGO_URL: 'postgres://db/registry',
        KAFKA_SSL: 'yes',
      }),
    );
    const variables = error.problems.map((p) => p.split(':')[0]);
    expect(variables).toEqual(
      expect.arrayContaining(['PORT', 'LOG_LEVEL', 'MONGO_URL', 'KAFKA_SSL']),
    );
    for (const name of ['PORT', 'LOG_LEVEL', 'MONGO_URL', 'KAFKA_SSL']) {
      expect(error.message).toContain(`- ${name}:`);
    }
    expect(error.message).toMatch(/^invalid configuration:/);
    expect(error.name).toBe('ConfigError');
  });

  it('reports a missing required variable by name', () => {
    const { MONGO_URL: _omit, ...env } = minimalEnv;
    const error = configErrorOf(() => loadConfig(schema, env));
    expect(error.problems.some((p) => p.startsWith('MONGO_URL:'))).toBe(true);
  });

  it('names a too-short secret without echoing its value', () => {
    const shortSecret = Buffer.from('s3cr3t-too-short').toString('base64');
    const error = configErrorOf(() =>
      loadConfig(schema, { ...minimalEnv, NATIONAL_ID_KEY: shortSecret }),
    );
    expect(error.problems).toEqual(['NATIONAL_ID_KEY: must be base64 of at least 32 bytes']);
    expect(error.message).toContain('NATIONAL_ID_KEY');
    expect(error.message).not.toContain(shortSecret);
    expect(error.message).not.toContain('s3cr3t');
    expect(JSON.stringify(error.problems)).not.toContain(shortSecret);
  });

  it('does not echo the value of an enum variable it refuses', () => {
    const error = configErrorOf(() =>
      loadConfig(schema, { ...minimalEnv, KAFKA_SASL_MECHANISM: 'hunter2-mechanism' }),
    );
    expect(error.message).toContain('KAFKA_SASL_MECHANISM');
    expect(error.message).not.toContain('hunter2');
  });

  it('reports a missing JWT key source when neither the key file nor a JWKS URL is set', () => {
    const { JWT_PUBLIC_KEY_FILE: _omit, ...env } = minimalEnv;
    const error = configErrorOf(() => loadConfig(schema, env));
    expect(error.problems).toEqual([
      'JWT_PUBLIC_KEY_FILE: set JWT_PUBLIC_KEY_FILE or JWT_JWKS_URL: tokens cannot be verified otherwise',
    ]);
  });

  it('accepts a JWKS URL instead of a key file', () => {
    const { JWT_PUBLIC_KEY_FILE: _omit, ...env } = minimalEnv;
    const config = loadConfig(schema, { ...env, JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(config.JWT_JWKS_URL).toBe('https://idp.example/jwks.json');
  });

  it('requires SASL credentials when a SASL mechanism is set', () => {
    const error = configErrorOf(() =>
      loadConfig(schema, {
        ...minimalEnv,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_PASSWORD: 'pw-value-secret',
      }),
    );
    expect(error.problems).toEqual([
      'KAFKA_SASL_USERNAME: KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    ]);
    expect(error.message).not.toContain('pw-value-secret');
  });

  it('reads process.env when no environment is passed', () => {
    const probe = z.object({ SERVICE_KIT_CONFIG_PROBE: z.string().default('unset') });
    expect(loadConfig(probe).SERVICE_KIT_CONFIG_PROBE).toBe(
      process.env.SERVICE_KIT_CONFIG_PROBE ?? 'unset',
    );
  });
});
