import autocannon from 'autocannon';

/** One measured endpoint. */
export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export interface LoadSpec {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body per request (unique names, so writes are real inserts). */
  body?: () => string;
  connections: number;
  durationSeconds: number;
}

/**
 * Runs autocannon at a fixed concurrency. Latencies are collected per response so p95 is
 * exact (autocannon's own summary has p97.5 but no p95).
 */
export async function measure(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: spec.method,
        connections: spec.connections,
        duration: spec.durationSeconds,
        headers: { 'content-type': 'application/json', ...spec.headers },
        ...(spec.body
          ? {
              requests: [
                { setupRequest: (request) => ({ ...request, body: spec.body?.() ?? '' }) },
              ],
            }
          : {}),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  latencies.sort((a, b) => a - b);
  return {
    name: spec.name,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** Percentile of a sorted sample (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}
