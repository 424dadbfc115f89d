// Seeds for the shared payload builders: unique per iteration across every VU of the run,
// and offset per run so that a second run against the same database registers new people;
// and the random pick of what setup() prepared.
import exec from 'k6/execution';

export interface RunData {
  /** Random offset chosen once in setup(); national IDs derive from base + iteration. */
  base: number;
  runId: string;
}

export function newRun(): RunData {
  const base = Math.floor(Math.random() * 90_000) * 1_000_000;
  return { base, runId: `k6-${Date.now().toString(36)}-${base.toString(36)}` };
}

/** The seed of this iteration: unique within the run. */
export function iterationSeed(run: RunData): number {
  return run.base + exec.scenario.iterationInTest;
}

/** An Idempotency-Key for one write of this iteration. */
export function idempotencyKey(run: RunData, step: string): string {
  return `${run.runId}-${exec.vu.idInTest}-${exec.scenario.iterationInTest}-${step}`;
}

/** One of the items, picked at random (the reads spread over what setup() prepared). */
export const anyOf = <T>(items: readonly T[]): T =>
  items[Math.floor(Math.random() * items.length)] as T;
