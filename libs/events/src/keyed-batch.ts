// Within one partition's batch, messages of different keys are independent: one subject's
// events (the key) must stay in order, the rest need not wait for each other. This handles a
// batch key by key, a few keys at once, and says how far the batch is done without a gap, so
// the consumer commits no offset past a message still unhandled.

/** What the batch runner needs of a message. */
export interface KeyedMessage {
  key: Buffer | string | null;
  offset: string;
}

/**
 * Handles `messages` with up to `limit` at a time, each key's messages one after the other
 * in offset order (messages without a key count as one key). Before each message starts,
 * `stop()` may end the run. Returns the last message of the longest handled prefix of the
 * batch (the offset to resolve), or undefined when the first is not handled.
 */
export async function handleByKey<M extends KeyedMessage>(
  messages: readonly M[],
  limit: number,
  handle: (message: M) => Promise<void>,
  stop: () => boolean,
): Promise<M | undefined> {
  const done = new Set<M>();
  // A handler that throws (the consumer must stop) stops the other keys too, then rethrows.
  let failure: { error: unknown } | undefined;
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  // Messages start in offset order, at most `limit` at once, each after its key's previous
  // one: the handled prefix advances steadily, and a stop wastes at most `limit` messages.
  for (const message of messages) {
    while (inFlight.size >= Math.max(1, limit)) await Promise.race(inFlight);
    if (failure || stop()) break;
    const key = message.key === null ? '' : `k:${message.key.toString()}`;
    const run = (chains.get(key) ?? Promise.resolve()).then(async () => {
      // Asked again when it really starts: it may have waited for its key's previous one.
      if (failure || stop()) return;
      try {
        await handle(message);
        done.add(message);
      } catch (error) {
        failure ??= { error };
      }
    });
    chains.set(key, run);
    inFlight.add(run);
    void run.then(() => inFlight.delete(run));
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  let last: M | undefined;
  for (const message of messages) {
    if (!done.has(message)) break;
    last = message;
  }
  return last;
}
