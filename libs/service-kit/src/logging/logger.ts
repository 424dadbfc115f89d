import { trace } from '@opentelemetry/api';
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths never written to logs: national ID numbers, tokens and credentials
 * (CONVENTIONS habit 8; health and criminal data are sensitive personal data).
 */
export const redactedPaths = [
  'nationalId',
  '*.nationalId',
  '*.*.nationalId',
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'password',
  '*.password',
];

/** A JSON logger whose every line carries the active trace and span ids. */
export function createLogger(
  service: string,
  options: { level?: LoggerOptions['level']; destination?: pino.DestinationStream } = {},
): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { traceId, spanId };
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
