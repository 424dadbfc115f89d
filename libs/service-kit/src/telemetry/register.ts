// Loaded with `node --import @rehab/service-kit/telemetry-register` before the service's
// main module, so the instrumentations hook express, mongodb and kafkajs as they load.
// ESM imports are hooked through import-in-the-middle, registered here.
import { register } from 'node:module';
import { startTelemetry, setProcessTelemetry } from './telemetry.ts';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const serviceName = process.env.OTEL_SERVICE_NAME ?? process.env.SERVICE_NAME ?? 'rehab-service';
// Flushed by the service's graceful shutdown (runtime/shutdown.ts), after the last request.
setProcessTelemetry(
  startTelemetry({ serviceName, otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT }),
);
