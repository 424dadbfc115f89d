import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** OTLP/HTTP endpoint of the collector; without it spans are not exported. */
  otlpEndpoint?: string | undefined;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

/** A running OpenTelemetry SDK; `shutdown` flushes pending spans. */
export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK with HTTP, express, MongoDB/mongoose and kafkajs
 * instrumentation and W3C trace-context propagation. Call it before the instrumented
 * modules are loaded (see register.ts, used with `node --import`). Kafka trace context is
 * also propagated explicitly by libs/events, because the outbox relay publishes after
 * the request has ended.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const processors = [...(options.spanProcessors ?? [])];
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion ?? '0.1.0',
    }),
    textMapPropagator: new W3CTraceContextPropagator(),
    ...(options.otlpEndpoint
      ? {
          traceExporter: new OTLPTraceExporter({
            url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces`,
          }),
        }
      : {}),
    ...(processors.length > 0 ? { spanProcessors: processors } : {}),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) =>
          req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      }),
      new ExpressInstrumentation(),
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
      new MongooseInstrumentation(),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

let processTelemetry: Telemetry | undefined;

/** Remembers the SDK started for this process so shutdown can flush it. */
export function setProcessTelemetry(telemetry: Telemetry): void {
  processTelemetry = telemetry;
}

/** Flushes and stops the process's SDK, if one was started. */
export async function shutdownProcessTelemetry(): Promise<void> {
  await processTelemetry?.shutdown();
  processTelemetry = undefined;
}
