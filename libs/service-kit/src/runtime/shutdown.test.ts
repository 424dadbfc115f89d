import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createShutdown } from './shutdown.ts';

const silent = pino({ level: 'silent' });

describe('graceful shutdown', () => {
  it('runs steps in reverse registration order, so HTTP stops before the database closes', async () => {
    const order: string[] = [];
    const shutdown = createShutdown(silent, 1_000);
    shutdown.add('close MongoDB', async () => void order.push('mongo'));
    shutdown.add('stop relay', async () => void order.push('relay'));
    shutdown.add('stop HTTP', async () => void order.push('http'));
    await shutdown.run('test');
    expect(order).toEqual(['http', 'relay', 'mongo']);
  });

  it('gives up at the deadline when a step hangs, and runs only once', async () => {
    let runs = 0;
    const shutdown = createShutdown(silent, 50);
    shutdown.add('hangs', () => {
      runs += 1;
      return new Promise(() => {});
    });
    const started = Date.now();
    await Promise.all([shutdown.run('a'), shutdown.run('b')]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(runs).toBe(1);
    expect(shutdown.inProgress).toBe(true);
  });

  it('keeps going when a step fails', async () => {
    const order: string[] = [];
    const shutdown = createShutdown(silent, 1_000);
    shutdown.add('second', async () => void order.push('second'));
    shutdown.add('first fails', async () => {
      throw new Error('boom');
    });
    await shutdown.run('test');
    expect(order).toEqual(['second']);
  });
});
