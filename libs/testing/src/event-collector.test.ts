import type { EventBus, EventEnvelope, SubscriptionOptions } from '@rehab/events';
import { describe, expect, it } from 'vitest';
import { collectEvents } from './event-collector.ts';

/** A bus whose one subscription is fed by the test, standing in for the consumer's handler. */
function feedableBus() {
  let handler: SubscriptionOptions['handle'] | undefined;
  const bus: Pick<EventBus, 'subscribe'> = {
    subscribe: (options) => {
      handler = options.handle;
      return {
        started: Promise.resolve(),
        stop: async () => {},
        isHealthy: () => true,
        restartCount: () => 0,
      };
    },
  };
  const feed = async (subject: string, type = 'registry.person.registered.v1') => {
    const event = { id: `${subject}-${type}`, subject, type } as EventEnvelope;
    await handler?.(event, { topic: 't', partition: 0, offset: '0' } as never);
  };
  return { bus, feed };
}

describe('collectEvents', () => {
  it('answers from events already seen', async () => {
    const { bus, feed } = feedableBus();
    const collector = await collectEvents(bus, ['t']);
    await feed('a');
    await feed('b');
    const found = await collector.waitFor((event) => event.subject === 'b');
    expect(found.map((event) => event.subject)).toEqual(['b']);
  });

  it('answers when the event that completes the count arrives, with exactly that many', async () => {
    const { bus, feed } = feedableBus();
    const collector = await collectEvents(bus, ['t']);
    await feed('a', 'one');
    let answered: EventEnvelope[] | undefined;
    const waiting = collector
      .waitFor((event) => event.subject === 'a', { count: 2 })
      .then((found) => (answered = found));
    await feed('b');
    await Promise.resolve();
    expect(answered).toBeUndefined();
    await feed('a', 'two');
    await feed('a', 'three');
    await waiting;
    expect(answered?.map((event) => event.type)).toEqual(['one', 'two']);
    expect(collector.events).toHaveLength(4);
  });

  it('rejects after the timeout, saying how many matched, and a later event changes nothing', async () => {
    const { bus, feed } = feedableBus();
    const collector = await collectEvents(bus, ['t']);
    await feed('a');
    await expect(
      collector.waitFor((event) => event.subject === 'a', { count: 2, timeoutMs: 20 }),
    ).rejects.toThrow('timed out waiting for 2 event(s); saw 1 matching of 1');
    await feed('a');
    expect(collector.events).toHaveLength(2);
  });

  it('rejects with the error a predicate throws', async () => {
    const { bus, feed } = feedableBus();
    const collector = await collectEvents(bus, ['t']);
    const waiting = collector.waitFor(() => {
      throw new Error('bad predicate');
    });
    await feed('a');
    await expect(waiting).rejects.toThrow('bad predicate');
  });

  it('answers a count of zero at once', async () => {
    const { bus } = feedableBus();
    const collector = await collectEvents(bus, ['t']);
    await expect(collector.waitFor(() => true, { count: 0 })).resolves.toEqual([]);
  });
});
