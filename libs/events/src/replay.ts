// Operator replay: a dead letter goes back to its original topic, so every group sees it again;
// groups that had applied it skip it through their ProcessedEventStore.
import type { EventPublisher } from './bus.ts';
import type { DeadLetter, DeadLetterStore } from './dead-letters.ts';
import { DeadLetterAlreadyReplayedError, DeadLetterNotFoundError } from './errors.ts';

/** Header naming the dead letter a replayed message came from. */
export const REPLAYED_FROM_HEADER = 'x-replayed-from';

/**
 * Republishes the original key, value and headers to the original topic, then marks the dead
 * letter replayed. Throws DeadLetterNotFoundError (404) or DeadLetterAlreadyReplayedError (409).
 */
export async function replayDeadLetter(
  store: DeadLetterStore,
  publisher: EventPublisher,
  id: string,
): Promise<DeadLetter> {
  const dl = await store.get(id);
  if (!dl) throw new DeadLetterNotFoundError(`dead letter ${id} not found`);
  if (dl.replayedAt)
    throw new DeadLetterAlreadyReplayedError(`dead letter ${id} was already replayed`);
  // Publish before marking: a crash in between replays twice, which consumers tolerate;
  // marking first could lose the message.
  await publisher.publishRaw(dl.topic, [
    { key: dl.key, value: dl.value, headers: { ...dl.headers, [REPLAYED_FROM_HEADER]: id } },
  ]);
  await store.markReplayed(id);
  return (await store.get(id)) ?? dl;
}
