// Error types callers branch on: HTTP layers map them to 400/404/409, the consumer to DLQ or restart.

/** One schema violation, with the dotted path of the offending field (e.g. `data.dose`). */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** An envelope or its data does not match the catalogue; never retried, dead-lettered at once. */
export class EventSchemaError extends Error {
  override readonly name = 'EventSchemaError';
  readonly retriable = false;
  readonly issues: SchemaIssue[];

  constructor(message: string, issues: SchemaIssue[] = []) {
    const detail = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super(detail ? `${message}: ${detail}` : message);
    this.issues = issues;
  }
}

/**
 * Thrown by a handler to stop consuming instead of dead-lettering (e.g. its database is down):
 * the offset is not committed, the consumer crashes and the supervisor restarts it with backoff.
 */
export class FatalConsumerError extends Error {
  override readonly name = 'FatalConsumerError';
  // kafkajs reads `retriable === false` to crash at once rather than re-run the fetch loop.
  readonly retriable = false;
}

/** No dead letter has the requested id (maps to HTTP 404). */
export class DeadLetterNotFoundError extends Error {
  override readonly name = 'DeadLetterNotFoundError';
}

/** The dead letter was already replayed (maps to HTTP 409). */
export class DeadLetterAlreadyReplayedError extends Error {
  override readonly name = 'DeadLetterAlreadyReplayedError';
}

/** Name and message of any thrown value, for logs, headers and dead-letter records. */
export function describeError(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'NonError', message: String(err) };
}

/** The driver's duplicate-key error (E11000), which FerretDB reports the same way. */
export function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 11000
  );
}
