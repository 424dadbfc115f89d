// Named points where the fault tests kill the process (SIGKILL, no shutdown), to prove that
// what was written before the point is neither lost nor doubled by a retry. Armed only by
// REHAB_FAULT_POINTS (comma-separated names), which no deployment sets: the chart's schema
// has no place for it and the local platform never passes it.
const armed = new Set(
  (process.env.REHAB_FAULT_POINTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);

/** The points the HTTP pipeline passes. */
export type FaultPoint = 'idempotency-claimed' | 'idempotency-written';

/** Dies on the spot when `name` is armed. */
export function faultPoint(name: FaultPoint): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
