import { createHash } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { errorCode, ConflictError, RuleViolationError } from '@rehab/domain-kit';

export const idempotencyKeyReused = errorCode(
  'idempotency-key-reused',
  'This Idempotency-Key was already used with a different request body',
  'Khóa Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác',
);
const idempotencyInProgress = errorCode(
  'idempotency-in-progress',
  'A request with this Idempotency-Key is still being processed; retry shortly',
  'Yêu cầu với khóa Idempotency-Key này đang được xử lý; hãy thử lại sau giây lát',
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
}

/** What `begin` found: a fresh key to execute, or a stored response to replay. */
export type IdempotencyClaim = { kind: 'execute' } | { kind: 'replay'; response: StoredResponse };

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
 * requests with one key cannot both execute; expiry is a periodic sweep because
 * FerretDB has no TTL indexes.
 */
export function mongoIdempotencyStore(connection: Connection): IdempotencyStore {
  const model = connection.model<IdempotencyRecord>('IdempotencyKey', recordSchema);
  const id = (scope: string, key: string) => `${scope}|${key}`;
  return {
    async begin(scope, key, body) {
      const hash = requestHash(body);
      try {
        await model.create({
          _id: id(scope, key),
          requestHash: hash,
          state: 'in-progress',
          createdAt: new Date(),
        });
        return { kind: 'execute' };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const existing = await model.findById(id(scope, key)).lean<IdempotencyRecord>();
      if (!existing) return this.begin(scope, key, body);
      if (existing.requestHash !== hash) {
        throw new RuleViolationError(idempotencyKeyReused, { field: 'Idempotency-Key' });
      }
      if (existing.state !== 'completed' || !existing.response) {
        throw new ConflictError(idempotencyInProgress, { field: 'Idempotency-Key' });
      }
      return { kind: 'replay', response: existing.response };
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

/** MongoDB's duplicate-key error (E11000), which FerretDB reports the same way. */
export function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 11000
  );
}
