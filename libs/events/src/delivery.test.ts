import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RawMessage } from './bus.ts';
import { EventCatalogue, defineEvent } from './catalogue.ts';
import { createEvent } from './create-event.ts';
import type { DeliveryContext, InboundMessage } from './delivery.ts';
import { processDelivery } from './delivery.ts';
import { FatalConsumerError } from './errors.ts';
import { silentLogger } from './logger.ts';
import { eventMetrics } from './metrics.ts';

const def = defineEvent({
  type: 'case.plan.created.v1',
  topic: { name: 'case.plan.v1', partitions: 1, description: 'Plans' },
  summary: 'Plan created',
  schema: z.object({ n: z.number() }),
});
const actor = { agency: 'a', orgUnit: 'o', sub: 's' };
const event = createEvent(def, { source: 'case', subject: 'p1', actor, data: { n: 1 } });
const message = (value: string | null = JSON.stringify(event)): InboundMessage => ({
  topic: def.topic.name,
  partition: 0,
  offset: '7',
  key: 'p1',
  value,
  headers: { ce_id: event.id },
});

// In-memory collaborators: this tests the decision logic only; the Kafka path is in test/.
function setup(handle: DeliveryContext['handle']) {
  const dlq: { topic: string; message: RawMessage }[] = [];
  const seen = new Set<string>();
  const ctx: DeliveryContext = {
    groupId: 'g',
    catalogue: new EventCatalogue([def]),
    handle,
    delays: [1, 1, 1],
    budgetMs: 1_000,
    isRetriable: (err) => !(err instanceof TypeError),
    sendToDlq: async (topic, m) => void dlq.push({ topic, message: m }),
    heartbeat: async () => undefined,
    dedupe: {
      has: async (g, id) => seen.has(`${g}:${id}`),
      mark: async (g, id) => void seen.add(`${g}:${id}`),
      sweep: async () => 0,
    },
    metrics: eventMetrics(),
    logger: silentLogger,
  };
  return { ctx, dlq };
}

describe('processDelivery', () => {
  it('retries retriable failures and applies once; a redelivery is a duplicate', async () => {
    const attempts: number[] = [];
    const { ctx, dlq } = setup(async (_e, meta) => {
      attempts.push(meta.attempt);
      if (meta.attempt < 3) throw new Error('flaky');
    });
    expect(await processDelivery(ctx, message())).toBe('applied');
    expect(attempts).toEqual([1, 2, 3]);
    expect(await processDelivery(ctx, message())).toBe('duplicate');
    expect(dlq).toHaveLength(0);
  });

  it('dead-letters after the last attempt with error headers', async () => {
    const { ctx, dlq } = setup(async () => {
      throw new Error('always');
    });
    expect(await processDelivery(ctx, message())).toBe('dead-lettered');
    expect(dlq[0]!.topic).toBe('case.plan.v1.dlq');
    expect(dlq[0]!.message.headers).toMatchObject({
      'x-dlq-error-message': 'always',
      'x-dlq-attempts': '4',
      'x-dlq-original-offset': '7',
      ce_id: event.id,
    });
  });

  it('dead-letters non-retriable errors and poison messages at once', async () => {
    let calls = 0;
    const { ctx, dlq } = setup(async () => {
      calls++;
      throw new TypeError('bug');
    });
    expect(await processDelivery(ctx, message())).toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(await processDelivery(ctx, message('{not json'))).toBe('dead-lettered');
    expect(
      await processDelivery(ctx, message(JSON.stringify({ ...event, data: { n: 'x' } }))),
    ).toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(dlq.map((d) => d.message.headers['x-dlq-attempts'])).toEqual(['1', '0', '0']);
  });

  it('propagates FatalConsumerError so the consumer crashes without committing', async () => {
    const { ctx, dlq } = setup(async () => {
      throw new FatalConsumerError('db down');
    });
    await expect(processDelivery(ctx, message())).rejects.toBeInstanceOf(FatalConsumerError);
    expect(dlq).toHaveLength(0);
  });

  it('stops retrying when the time budget would be exceeded', async () => {
    let calls = 0;
    const { ctx, dlq } = setup(async () => {
      calls++;
      throw new Error('slow');
    });
    ctx.delays = [50, 50, 50];
    ctx.budgetMs = 120;
    expect(await processDelivery(ctx, message())).toBe('dead-lettered');
    expect(calls).toBe(3);
    expect(dlq).toHaveLength(1);
  });
});
