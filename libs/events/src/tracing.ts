// W3C trace context across the outbox and Kafka, using only @opentelemetry/api (no-ops without SDK).
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span } from '@opentelemetry/api';
import { describeError } from './errors.ts';

const tracer = () => trace.getTracer('@rehab/events');

/** Trace headers of the active context, captured when an event is created. */
export function captureTraceContext(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const out: { traceparent?: string; tracestate?: string } = {};
  if (carrier['traceparent']) out.traceparent = carrier['traceparent'];
  if (carrier['tracestate']) out.tracestate = carrier['tracestate'];
  return out;
}

/** A context whose parent comes from `traceparent`/`tracestate` in the carrier. */
export function contextFrom(carrier: Record<string, string | undefined>): Context {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(carrier)) if (v !== undefined) clean[k] = v;
  return propagation.extract(context.active(), clean);
}

/** Starts a messaging span (`<topic> publish` or `<topic> process`) under a parent context. */
export function startMessagingSpan(
  topic: string,
  operation: 'publish' | 'process',
  parent: Context,
  attributes: Attributes,
): { span: Span; ctx: Context } {
  const span = tracer().startSpan(
    `${topic} ${operation}`,
    {
      kind: operation === 'publish' ? SpanKind.PRODUCER : SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.operation.type': operation === 'publish' ? 'send' : 'process',
        ...attributes,
      },
    },
    parent,
  );
  return { span, ctx: trace.setSpan(parent, span) };
}

/** Writes the context's trace headers into a Kafka header map. */
export function injectInto(ctx: Context, headers: Record<string, string>): void {
  propagation.inject(ctx, headers);
}

/** Ends a span, marking it failed when an error is given. */
export function endSpan(span: Span, err?: unknown): void {
  if (err !== undefined) {
    const { name, message } = describeError(err);
    span.recordException({ name, message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
  span.end();
}
