import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

const tracer = trace.getTracer('@rehab/service-kit');

/**
 * A server span for each request when no HTTP instrumentation made one already: under
 * ESM (and in tests) the instrumentation's module hooks may not apply, and without an
 * active span the trace would break at the outbox. Continues an incoming `traceparent`.
 * Without an OpenTelemetry SDK this costs nothing (no-op tracer).
 */
export function ensureServerSpan(): RequestHandler {
  return (req, res, next) => {
    if (trace.getActiveSpan()) {
      next();
      return;
    }
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${req.method} ${req.path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method, 'url.path': req.path },
      },
      parent,
    );
    res.on('finish', () => {
      const route = req.route
        ? `${req.baseUrl}${String((req.route as { path: string }).path)}`
        : undefined;
      if (route) {
        span.setAttribute('http.route', route);
        span.updateName(`${req.method} ${route}`);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
