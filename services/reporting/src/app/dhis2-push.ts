// Sends a report to the configured DHIS2 (POST /api/dataValueSets) with exact counts (DHIS2
// is a state statistics system, not a reader), `dryRun` to validate only, retries with
// backoff on server errors, and the import summary stored with every attempt's status.
import { ConflictError, errorCode } from '@rehab/domain-kit';
import { importOutcomeOf, isRetriableStatus, type ImportOutcome } from '../domain/dhis2-import.ts';
import type { Dhis2MappingRules } from '../domain/dhis2.ts';
import type { ReportingDeps } from './deps.ts';
import { reportDhis2UseCase } from './exports.ts';

export const dhis2Errors = {
  notConfigured: errorCode(
    'dhis2-not-configured',
    'No DHIS2 server is configured (DHIS2_URL)',
    'Chưa cấu hình máy chủ DHIS2 (DHIS2_URL)',
  ),
} as const;

export interface Dhis2Target {
  url?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  idScheme: string;
  attempts: number;
  backoffMs: number;
}

export interface Dhis2PushRecord {
  id: string;
  period: string;
  unitCode: string;
  dryRun: boolean;
  pushedAt: string;
  pushedBy: string;
  attempts: { httpStatus: number | null; error?: string }[];
  outcome: ImportOutcome | null;
  dataValues: number;
}

export interface Dhis2PushStore {
  insert(record: Dhis2PushRecord): Promise<void>;
}

export async function dhis2PushUseCase(
  deps: ReportingDeps,
  mapping: Dhis2MappingRules,
  target: Dhis2Target,
  store: Dhis2PushStore,
  input: { period: string; unitCode: string; dryRun: boolean; actor: string; id: string },
): Promise<Dhis2PushRecord> {
  // A platform without DHIS2 is a state of its configuration, not a failure of the server.
  if (!target.url) throw new ConflictError(dhis2Errors.notConfigured);
  const body = await reportDhis2UseCase(deps, mapping, undefined, input);
  const query = new URLSearchParams({
    dryRun: String(input.dryRun),
    idScheme: target.idScheme,
    orgUnitIdScheme: target.idScheme,
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  if (target.username)
    headers.Authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}`;
  const attempts: Dhis2PushRecord['attempts'] = [];
  let outcome: ImportOutcome | null = null;
  for (let attempt = 1; attempt <= target.attempts; attempt++) {
    try {
      const res = await fetch(`${target.url.replace(/\/$/, '')}/api/dataValueSets?${query}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      attempts.push({ httpStatus: res.status });
      outcome = importOutcomeOf(safeJson(text)) ?? null;
      if (!isRetriableStatus(res.status)) break;
    } catch (error) {
      attempts.push({ httpStatus: null, error: (error as Error).message });
    }
    if (attempt < target.attempts)
      await new Promise((resolve) => setTimeout(resolve, target.backoffMs * 2 ** (attempt - 1)));
  }
  const record: Dhis2PushRecord = {
    id: input.id,
    period: input.period,
    unitCode: input.unitCode,
    dryRun: input.dryRun,
    pushedAt: deps.clock.now().toISOString(),
    pushedBy: input.actor,
    attempts,
    outcome,
    dataValues: body.dataValues.length,
  };
  await store.insert(record);
  return record;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
