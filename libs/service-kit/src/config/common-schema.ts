import { z } from 'zod';

/** A comma-separated list in one environment variable. */
export const commaList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  )
  .pipe(z.array(z.string()).min(1));

/** "true"/"false"/"1"/"0" in the environment. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

// 0 lets the OS pick a free port (tests).
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/**
 * Settings every service shares. Names map one-to-one onto the Helm chart's
 * `config` values (helm/values.yaml); secrets have no defaults on purpose.
 */
export const commonConfigShape = {
  HOST: z.string().default('0.0.0.0'),
  PORT: port,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Full MongoDB URI including this service's own database name. */
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI'),
  KAFKA_BROKERS: commaList,
  KAFKA_CLIENT_ID: z.string().optional(),
  KAFKA_SSL: envBoolean.default(false),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  /** Identity provider: PEM public key(s) in a file, or a JWKS URL. */
  JWT_PUBLIC_KEY_FILE: z.string().optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** Which agency and role may call which operation; defaults to the service's policy.yaml. */
  POLICY_FILE: z.string().optional(),
  /** Administrative units (code, name, level, parent, validity) used for jurisdiction. */
  ADMIN_UNITS_FILE: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  SHUTDOWN_DEADLINE_MS: positiveInt.default(10_000),
  BODY_LIMIT: z.string().default('100kb'),
  IDEMPOTENCY_KEY_TTL_HOURS: positiveInt.default(24),
  /** How long a request in progress holds its Idempotency-Key before a retry may take over. */
  IDEMPOTENCY_LEASE_SECONDS: positiveInt.default(30),
  PROCESSED_EVENT_TTL_DAYS: positiveInt.default(14),
  OUTBOX_POLL_MS: positiveInt.default(200),
  /** Safety-net scan for pending events nobody notified (other replicas, a crash). */
  OUTBOX_SCAN_INTERVAL_MS: positiveInt.default(10_000),
  /**
   * How writers of one document exclude each other: `insert-lock` (an insert against the
   * unique `_id`, the one atomic write on FerretDB 1.24, whose conditional updates are not
   * atomic) or `version-filter` (the atomic `{_id, version}` update of MongoDB only).
   */
  STORAGE_CONCURRENCY: z.enum(['insert-lock', 'version-filter']).default('insert-lock'),
  /**
   * The PostgreSQL database behind FerretDB (the stand-in): declared indexes are mirrored
   * there as GIN indexes FerretDB's filters can use. Unset on MongoDB.
   */
  FERRETDB_POSTGRESQL_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URI')
    .optional(),
  TRUST_PROXY: z.string().default('loopback, linklocal, uniquelocal'),
} as const;

/** Cross-field rules that zod object shapes cannot express alone. */
export function refineCommonConfig(
  config: {
    JWT_PUBLIC_KEY_FILE?: string | undefined;
    JWT_JWKS_URL?: string | undefined;
    KAFKA_SASL_MECHANISM?: string | undefined;
    KAFKA_SASL_USERNAME?: string | undefined;
    KAFKA_SASL_PASSWORD?: string | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  if (!config.JWT_PUBLIC_KEY_FILE && !config.JWT_JWKS_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['JWT_PUBLIC_KEY_FILE'],
      message: 'set JWT_PUBLIC_KEY_FILE or JWT_JWKS_URL: tokens cannot be verified otherwise',
    });
  }
  if (config.KAFKA_SASL_MECHANISM && !(config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_USERNAME'],
      message: 'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    });
  }
}

const _commonConfigSchema = z.object(commonConfigShape);
/** The parsed shared settings, as every service's config contains them. */
export type CommonConfig = z.output<typeof _commonConfigSchema>;
