// DHIS2's answer to POST /api/dataValueSets, read the documented way: since 2.38 a
// WebMessage `{httpStatusCode, status, response: ImportSummary}` (an import with errors is
// HTTP 409), before it the ImportSummary itself. Which outcomes are worth another try.

export interface ImportOutcome {
  /** SUCCESS, WARNING or ERROR (DHIS2's ImportStatus). */
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  conflicts: { object: string; value: string }[];
  description?: string;
}

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

/** The import summary in a DHIS2 answer body; undefined when there is none. */
export function importOutcomeOf(body: unknown): ImportOutcome | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const root = body as Record<string, unknown>;
  const summary = (
    root.response && typeof root.response === 'object' ? root.response : root
  ) as Record<string, unknown>;
  const status = summary.status;
  if (status !== 'SUCCESS' && status !== 'WARNING' && status !== 'ERROR') return undefined;
  const counts = (summary.importCount ?? {}) as Record<string, unknown>;
  const conflicts = Array.isArray(summary.conflicts)
    ? summary.conflicts.map((c: { object?: unknown; value?: unknown }) => ({
        object: String(c.object ?? ''),
        value: String(c.value ?? ''),
      }))
    : [];
  return {
    status,
    importCount: {
      imported: count(counts.imported),
      updated: count(counts.updated),
      ignored: count(counts.ignored),
      deleted: count(counts.deleted),
    },
    conflicts,
    ...(typeof summary.description === 'string' ? { description: summary.description } : {}),
  };
}

/** Server errors, throttling and timeouts may pass; a 4xx (409 import conflicts) will not. */
export function isRetriableStatus(httpStatus: number): boolean {
  return httpStatus >= 500 || httpStatus === 429 || httpStatus === 408;
}
