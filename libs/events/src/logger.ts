// A pino-compatible subset so services pass their own logger and the library stays silent by default.

/** Structured logger with pino's `(obj, msg)` call shape. */
export interface EventLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const noop = (): void => undefined;

/** Logger that drops everything; the default for every component. */
export const silentLogger: EventLogger = { debug: noop, info: noop, warn: noop, error: noop };
