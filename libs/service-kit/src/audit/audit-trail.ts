import { v7 as uuidv7 } from 'uuid';
import { Schema, type Connection } from 'mongoose';
import { groupInsert } from '@rehab/persistence';
import type { Principal } from '../auth/principal.ts';

/** One access to a sensitive record: who, when, which record, why. */
export interface AuditEntry {
  id: string;
  at: Date;
  action: 'read' | 'create' | 'update' | 'export';
  resourceType: string;
  resourceId: string;
  actor: { sub: string; agency: string; orgUnit: string; roles: string[] };
  purpose: string;
  requestId?: string;
  operation: string;
}

/** Append-only audit trail of reads and changes of persons' records (docs/architecture.md section 5). */
export interface AuditTrail {
  record(entry: Omit<AuditEntry, 'id' | 'at' | 'actor'> & { actor: Principal }): Promise<void>;
  forResource(
    resourceType: string,
    resourceId: string,
    limit: number,
    after?: string,
  ): Promise<AuditEntry[]>;
  ensureIndexes(): Promise<void>;
}

/** MongoDB's error code for dropping an index that is not there (FerretDB answers alike). */
const INDEX_NOT_FOUND = 27;

/** The collection of audit entries. */
export const AUDIT_COLLECTION = 'auditTrail';

interface AuditDocument extends Omit<AuditEntry, 'id'> {
  _id: string;
}

const auditSchema = new Schema<AuditDocument>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    resourceType: { type: String, required: true },
    resourceId: { type: String, required: true },
    actor: {
      sub: { type: String, required: true },
      agency: { type: String, required: true },
      orgUnit: { type: String, required: true },
      roles: [String],
    },
    purpose: { type: String, required: true },
    requestId: String,
    operation: { type: String, required: true },
  },
  { versionKey: false, collection: AUDIT_COLLECTION },
);
// The reads of one resource, in time order (`forResource`): both equalities, then the `_id`
// it pages and sorts on. The resource's id leads: it alone selects a few entries, and on the
// stand-in the leading field is the one given an index PostgreSQL can use (docs/storage.md).
auditSchema.index({ resourceId: 1, resourceType: 1, _id: 1 });

/**
 * Mongo-backed audit trail; ids are UUID v7 so they sort by time. Entries of concurrent
 * requests are stored together (group commit), and each request waits for its own entry
 * before it answers.
 */
export function mongoAuditTrail(connection: Connection): AuditTrail {
  const model = connection.model<AuditDocument>('AuditEntry', auditSchema);
  const entries = groupInsert(connection.collection<AuditDocument>(AUDIT_COLLECTION));
  return {
    async record(entry) {
      const { sub, agency, orgUnit, roles } = entry.actor;
      const { actor: _actor, ...fields } = entry;
      await entries.insert({
        ...fields,
        _id: uuidv7(),
        at: new Date(),
        actor: { sub, agency, orgUnit, roles },
      });
    },
    async forResource(resourceType, resourceId, limit, after) {
      const rows = await model
        .find({ resourceType, resourceId, ...(after ? { _id: { $gt: after } } : {}) })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<AuditDocument[]>();
      return rows.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },
    async ensureIndexes() {
      // The collection is this module's alone: an index it no longer declares (the earlier
      // `{resourceType, resourceId}`) is dropped rather than kept up on every entry.
      try {
        await model.syncIndexes();
      } catch (error) {
        // Another replica starting at the same time dropped it first; a second pass finds
        // nothing left to drop.
        if ((error as { code?: unknown } | null)?.code !== INDEX_NOT_FOUND) throw error;
        await model.syncIndexes();
      }
    },
  };
}
