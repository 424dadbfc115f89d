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
  return summarize(spec.name, [await run(spec)]);
}

/** A baseline and a subject measured in alternating rounds, and the ratio of each round. */
export interface PairResult {
  baseline: LoadResult;
  subject: LoadResult;
  /** Subject over baseline throughput, round by round. */
  ratios: number[];
}

/**
 * Measures `subject` against `baseline` in `rounds` alternating rounds (baseline, subject,
 * baseline, …), each of the spec's duration. This machine's speed drifts by half within an
 * hour of booting; one block of each would put that drift into the ratio. `settle` runs
 * after each round of the subject, so that work it left behind (an outbox still to relay)
 * is not charged to the next round of the baseline.
 */
export async function measurePair(
  baseline: LoadSpec,
  subject: LoadSpec,
  rounds: number,
  settle: () => Promise<void> = async () => {},
): Promise<PairResult> {
  const runs: { baseline: Round[]; subject: Round[] } = { baseline: [], subject: [] };
  for (let round = 0; round < rounds; round++) {
    runs.baseline.push(await run(baseline));
    runs.subject.push(await run(subject));
    await settle();
  }
  return {
    baseline: summarize(baseline.name, runs.baseline),
    subject: summarize(subject.name, runs.subject),
    ratios: runs.subject.map(
      (done, i) => done.requestsPerSecond / (runs.baseline[i]?.requestsPerSecond ?? Number.NaN),
    ),
  };
}

interface Round {
  requestsPerSecond: number;
  latencies: number[];
  errors: number;
  non2xx: number;
  requests: number;
}

async function run(spec: LoadSpec): Promise<Round> {
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
  return {
    requestsPerSecond: result.requests.average,
    latencies,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** Rounds of equal duration: their mean throughput, and percentiles over all their responses. */
function summarize(name: string, rounds: readonly Round[]): LoadResult {
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const sum = (of: (round: Round) => number) => rounds.reduce((n, round) => n + of(round), 0);
  return {
    name,
    requestsPerSecond: sum((round) => round.requestsPerSecond) / rounds.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: sum((round) => round.errors),
    non2xx: sum((round) => round.non2xx),
    requests: sum((round) => round.requests),
  };
}

/** Percentile of a sorted sample (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  );
}
