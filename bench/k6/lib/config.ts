// Settings of every scenario, from `k6 run -e NAME=value`. Nothing here has a production
// default: BASE_URL and the tokens are the operator's.
import { fail } from 'k6';

/** The platform's public address (the ingress), without a trailing slash. */
export const BASE_URL = (__ENV.BASE_URL ?? 'http://localhost:8080').replace(/\/+$/, '');

/**
 * Bearer tokens per agency and role, issued by the province's identity provider; each is
 * read from the environment variable named in `tokenVariables`.
 */
export const tokenVariables = {
  police: 'TOKEN_POLICE',
  commune: 'TOKEN_COMMUNE',
  healthAdmin: 'TOKEN_HEALTH_ADMIN',
  doctor: 'TOKEN_DOCTOR',
  labour: 'TOKEN_LABOUR',
} as const;

export type Agency = keyof typeof tokenVariables;

const roleOf: Record<Agency, string> = {
  police: 'police officer',
  commune: 'commune officer',
  healthAdmin: 'health admin',
  doctor: 'health doctor (a certified assessor)',
  labour: 'labour officer',
};

/** The token of an agency and role; stops the run in setup when it is missing. */
export function tokenOf(agency: Agency): string {
  const name = tokenVariables[agency];
  const token = __ENV[name];
  if (!token) fail(`set -e ${name}=<bearer token of a ${roleOf[agency]} user>`);
  return token;
}

/** A required setting without a default; stops the run in setup when it is missing. */
export function required(name: string, meaning: string): string {
  const value = __ENV[name];
  if (!value) fail(`set -e ${name}=<${meaning}>`);
  return value;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) fail(`-e ${name} must be a positive number`);
  return value;
}

/** Iterations started per second (constant-arrival-rate), test length, VU pool. */
export const load = {
  rate: positiveNumber('RATE', 20),
  duration: __ENV.DURATION ?? '2m',
  preAllocatedVUs: positiveNumber('VUS', 50),
  maxVUs: positiveNumber('MAX_VUS', 200),
};

/**
 * Waiting for what another service learns from events (Kafka): poll every
 * POLL_INTERVAL_S seconds for at most POLL_TIMEOUT_S seconds.
 */
export const polling = {
  timeoutSeconds: positiveNumber('POLL_TIMEOUT_S', 30),
  intervalSeconds: positiveNumber('POLL_INTERVAL_S', 1),
};

/** Latency objectives (ms); an operator tightens or loosens them per province. */
export const slo = {
  readP95: positiveNumber('READ_P95_MS', 300),
  readP99: positiveNumber('READ_P99_MS', 800),
  writeP95: positiveNumber('WRITE_P95_MS', 500),
  writeP99: positiveNumber('WRITE_P99_MS', 1500),
  maxErrorRate: positiveNumber('MAX_ERROR_RATE', 0.01),
};
