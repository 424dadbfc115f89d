import type { DeadLetterStore } from '@rehab/events';
import type { Platform } from '@rehab/service-kit';
import type { ReplaySource } from '../app/rebuild.ts';

/** Replays topics from their beginning in a consumer group of its own (no dedupe: a replay reads everything again). */
export function busReplaySource(platform: Platform): ReplaySource {
  return {
    offsets: (topic) => platform.bus.endOffsets(topic),
    replay(name, topics, handle, skipped) {
      // A message that is no valid event is dead-lettered without reaching the handler: the
      // replay learns of it here, so it does not wait for that offset forever.
      const deadLetters: DeadLetterStore = {
        ...platform.deadLetters,
        record: async (letter) => {
          await platform.deadLetters.record(letter);
          skipped({ topic: letter.topic, partition: letter.partition, offset: letter.offset });
        },
      };
      const consumer = platform.bus.subscribe({
        groupId: name,
        topics: [...topics],
        fromBeginning: true,
        // A pass knows a partition is read when its last offset is handled; that holds only
        // when the partition's messages are handled one after the other. Keys side by side
        // let the last one finish first (a CI run lost an event that way: 747 of 748). The
        // replay applies to memory, so side by side would gain little anyway.
        keysConsumedConcurrently: 1,
        deadLetters,
        handle: (event, meta) => handle(event, meta),
      });
      return { started: consumer.started, stop: () => consumer.stop() };
    },
  };
}
