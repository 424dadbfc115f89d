// Bounded concurrency over a list, for batch work that must not flood the database or the
// gateway (the outbox relay's reads and clean-ups, the demo seed's requests).

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
