/**
 * Polls `read` until `done` holds or the timeout passes, and returns the last value read
 * (the caller's assertion then shows what was seen). A read that throws counts as "not yet".
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch {
      // transient (e.g. a service restarting); keep polling until the deadline
    }
    if (Date.now() > deadline) return last as T;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
