import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TraceFlags, context, propagation, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from './catalogue.ts';
import { createEvent } from './create-event.ts';
import { EventSchemaError } from './errors.ts';

const def = defineEvent({
  type: 'registry.person.registered.v1',
  topic: { name: 'registry.person.v1', partitions: 3, description: 'Person stream' },
  summary: 'Person registered',
  schema: z.object({ fullName: z.string().min(1), province: z.string().default('HN') }),
});
const args = {
  source: 'registry',
  subject: 'person-42',
  actor: { agency: 'doh', orgUnit: 'hn', sub: 'alice' },
  data: { fullName: 'Nguyễn Văn A' },
};

describe('createEvent', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    // Without an SDK the API is a no-op; the test installs just propagator + context manager.
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  it('fills id (UUID v7), time, dataschema and parsed data', () => {
    const before = Date.now();
    const e = createEvent(def, args);
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(e.time)).toBeGreaterThanOrEqual(before);
    expect(e.dataschema).toBe('urn:rehab:schema:registry.person.registered.v1');
    expect(e.data).toEqual({ fullName: 'Nguyễn Văn A', province: 'HN' });
    expect(e.traceparent).toBeUndefined();
    const later = createEvent(def, { ...args, time: new Date('2026-03-01T00:00:00Z') });
    expect(later.time).toBe('2026-03-01T00:00:00.000Z');
    expect(later.id > e.id).toBe(true); // v7 ids sort by creation
  });

  it('captures traceparent from the active span context', () => {
    const spanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    };
    const ctx = trace.setSpan(context.active(), trace.wrapSpanContext(spanContext));
    const e = context.with(ctx, () => createEvent(def, args));
    expect(e.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  });

  it('rejects invalid data naming the field', () => {
    expect(() => createEvent(def, { ...args, data: { fullName: '' } })).toThrow(EventSchemaError);
    expect(() => createEvent(def, { ...args, data: { fullName: '' } })).toThrow(/data\.fullName/);
  });
});
