import { createHash } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { errorCode, ConflictError, RuleViolationError } from '@rehab/domain-kit';
import { isDuplicateKey } from '@rehab/persistence';

export const idempotencyKeyReused = errorCode(
  'idempotency-key-reused',
  'This Idempotency-Key was already used with a different request body',
  'Khóa Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác',
);
const idempotencyInProgress = errorCode(
  'idempotency-in-progress',
  'A request with this Idempotency-Key is still being processed; retry in {retryAfter} s',
  'Yêu cầu với khóa Idempotency-Key này đang được xử lý; hãy thử lại sau {retryAfter} giây',
);

/** The collection of idempotency records. */
export const IDEMPOTENCY_COLLECTION = 'idempotencyKeys';

/** The response stored for a completed request, replayed for its retries. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface IdempotencyRecord {
  _id: string;
  requestHash: string;
  state: 'in-progress' | 'completed';
  response?: StoredResponse;
  createdAt: Date;
  /** An attempt in progress holds the key until then; after it, a retry takes over. */
  leaseUntil?: Date;
  /** Attempts so far: a takeover is the next one. */
  attempt?: number;
}

/**
 * What `begin` found: a key to execute (a fresh one, or one whose earlier attempt was
 * abandoned: `takeover`), or a stored response to replay.
 */
export type IdempotencyClaim =
  | { kind: 'execute'; takeover: boolean; token: string }
  | { kind: 'replay'; response: StoredResponse };

/** Options of the store. */
export interface IdempotencyStoreOptions {
  /**
   * How long an attempt holds its key: longer than any request takes, short enough that a
   * client retrying after a crash is not turned away for long. Default 30 s.
   */
  leaseMs?: number;
  /** Runs a read-then-write alone for one key, across processes (the takeover). */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  now?: () => Date;
}

/** Remembers POST outcomes per (caller, route, key) so retries from poor connections do not duplicate. */
export interface IdempotencyStore {
  begin(scope: string, key: string, requestBody: unknown): Promise<IdempotencyClaim>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a key whose request failed, so the client may retry it. */
  abandon(scope: string, key: string): Promise<void>;
  sweep(olderThan: Date): Promise<number>;
  ensureIndexes(): Promise<void>;
}

const recordSchema = new Schema<IdempotencyRecord>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, required: true },
    response: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true, index: true },
    leaseUntil: { type: Date },
    attempt: { type: Number },
  },
  { versionKey: false, collection: IDEMPOTENCY_COLLECTION, minimize: false },
);

/** Hash of the canonical JSON body: same key + same body is a resend, else a misuse. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Mongo-backed store. The claim is an insert on a unique `_id`, so two concurrent
 * requests with one key cannot both execute. An attempt in progress holds a lease: a process
 * killed mid-request leaves its key to the first retry after the lease, which runs the
 * request again as a takeover (the stores then read from the data whether the dead attempt's
 * write landed, request-key.ts in the persistence kit). Expiry is a periodic sweep because
 * FerretDB has no TTL indexes.
 */
export function mongoIdempotencyStore(
  connection: Connection,
  options: IdempotencyStoreOptions,
): IdempotencyStore {
  const model = connection.model<IdempotencyRecord>('IdempotencyKey', recordSchema);
  const leaseMs = options.leaseMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const id = (scope: string, key: string) => `${scope}|${key}`;
  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);
  const execute = (recordId: string, takeover: boolean): IdempotencyClaim => ({
    kind: 'execute',
    takeover,
    token: requestToken(recordId),
  });
  // A lapsed attempt is taken over by exactly one retry: the read-then-write runs alone.
  const takeOver = (recordId: string, seen: IdempotencyRecord) =>
    options.exclusive(`${IDEMPOTENCY_COLLECTION}:${recordId}`, async () => {
      const current = await model.findById(recordId).lean<IdempotencyRecord>();
      if (!current || current.state !== 'in-progress') return false;
      if ((current.attempt ?? 1) !== (seen.attempt ?? 1)) return false;
      const at = now();
      await model.updateOne(
        { _id: recordId },
        { $set: { leaseUntil: leaseFrom(at), attempt: (current.attempt ?? 1) + 1 } },
      );
      return true;
    });
  return {
    async begin(scope, key, body) {
      const hash = requestHash(body);
      const recordId = id(scope, key);
      for (;;) {
        const at = now();
        try {
          await model.create({
            _id: recordId,
            requestHash: hash,
            state: 'in-progress',
            createdAt: at,
            leaseUntil: leaseFrom(at),
            attempt: 1,
          });
          return execute(recordId, false);
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const existing = await model.findById(recordId).lean<IdempotencyRecord>();
        if (!existing) continue; // abandoned meanwhile: claim again
        if (existing.requestHash !== hash) {
          throw new RuleViolationError(idempotencyKeyReused, { field: 'Idempotency-Key' });
        }
        if (existing.state === 'completed' && existing.response) {
          return { kind: 'replay', response: existing.response };
        }
        // Records from before leases existed count from their creation.
        const lease = existing.leaseUntil ?? leaseFrom(existing.createdAt);
        if (lease.getTime() > at.getTime()) {
          throw new ConflictError(idempotencyInProgress, {
            field: 'Idempotency-Key',
            params: { retryAfter: Math.ceil((lease.getTime() - at.getTime()) / 1000) },
          });
        }
        if (await takeOver(recordId, existing)) return execute(recordId, true);
      }
    },
    async complete(scope, key, response) {
      await model.updateOne({ _id: id(scope, key) }, { $set: { state: 'completed', response } });
    },
    async abandon(scope, key) {
      await model.deleteOne({ _id: id(scope, key), state: 'in-progress' });
    },
    async sweep(olderThan) {
      const result = await model.deleteMany({ createdAt: { $lt: olderThan } });
      return result.deletedCount;
    },
    async ensureIndexes() {
      await model.createIndexes();
    },
  };
}

/** The stored form of one request's identity: a digest, safe beside the data it wrote. */
export function requestToken(recordId: string): string {
  return createHash('sha256').update(recordId).digest('base64url');
}

/** The kit's duplicate-key test, here too for the services that import it from the service kit. */
export { isDuplicateKey };
