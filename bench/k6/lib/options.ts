// The options every load test shares: constant-arrival-rate scenarios sized by RATE,
// DURATION, VUS and MAX_VUS; thresholds that fail the run (exit code 99) on the error rate,
// the checks and per-endpoint p95/p99; and the statistics the summary shows.
import type { Options } from 'k6/options';
import { load, slo } from './config.ts';

/**
 * A constant-arrival-rate scenario running the exported function `exec` `rate` times a
 * second (open model: the rate holds however slow the service gets, so latency shows up as
 * latency, not as fewer requests).
 */
export const constantRate = (exec: string, rate: number) => ({
  executor: 'constant-arrival-rate' as const,
  exec,
  rate,
  timeUnit: '1s',
  duration: load.duration,
  preAllocatedVUs: load.preAllocatedVUs,
  maxVUs: load.maxVUs,
});

/** Thresholds on p95/p99 of each endpoint tag; a failed threshold fails the run (exit 99). */
function latencyThresholds(
  endpoints: readonly string[],
  kind: 'read' | 'write',
): Record<string, string[]> {
  const p95 = kind === 'read' ? slo.readP95 : slo.writeP95;
  const p99 = kind === 'read' ? slo.readP99 : slo.writeP99;
  return Object.fromEntries(
    endpoints.map((endpoint) => [
      `http_req_duration{endpoint:${endpoint}}`,
      [`p(95)<${p95}`, `p(99)<${p99}`],
    ]),
  );
}

export interface LoadTestOptions extends Omit<Options, 'thresholds' | 'summaryTrendStats'> {
  /** Endpoint tags held to the write latency objectives (WRITE_P95_MS, WRITE_P99_MS). */
  write?: readonly string[];
  /** Endpoint tags held to the read latency objectives (READ_P95_MS, READ_P99_MS). */
  read?: readonly string[];
}

/** A script's options: its own (scenarios, timeouts) plus the shared thresholds and summary. */
export function loadTestOptions({ write = [], read = [], ...options }: LoadTestOptions): Options {
  return {
    ...options,
    thresholds: {
      http_req_failed: [`rate<${slo.maxErrorRate}`],
      checks: ['rate>0.99'],
      ...latencyThresholds(write, 'write'),
      ...latencyThresholds(read, 'read'),
    },
    summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
  };
}
