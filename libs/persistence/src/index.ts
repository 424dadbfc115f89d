// Public API of @rehab/persistence: the one persistence kit of every service (docs/storage.md).
export { isDuplicateKey } from './errors.ts';
export {
  OUTBOX_INDEX,
  aggregateStore,
  persistenceErrors,
  staleVersionError,
} from './aggregate-store.ts';
export type {
  AggregateStore,
  AggregateStoreOptions,
  AggregateWrite,
  ChangeOptions,
  Changed,
  Decision,
  StoredDocument,
  Versioned,
} from './aggregate-store.ts';
export { claimStore } from './claims.ts';
export { flatDocument } from './flat-document.ts';
export type { Claim, ClaimOptions, ClaimStore } from './claims.ts';
export { concurrencyFor } from './concurrency.ts';
export type { Concurrency, ConcurrencyMode } from './concurrency.ts';
export {
  DOCUMENT_LOCKS_COLLECTION,
  documentLockKey,
  insertLock,
  noDocumentLock,
} from './document-lock.ts';
export type { DocumentLock, HeldLocks, InsertLockOptions } from './document-lock.ts';
export { groupInsert } from './group-insert.ts';
export { groupCommit } from './group-commit.ts';
export type { GroupCommit, GroupWrite } from './group-commit.ts';
export type { GroupInsert } from './group-insert.ts';
export { createCollection } from './indexes.ts';
export type { IndexSpec } from './indexes.ts';
export { startOutboxRelay } from './outbox-relay.ts';
export type { OutboxRelay, OutboxRelayOptions, WrittenOutbox } from './outbox-relay.ts';
export { openPersistence } from './persistence.ts';
export { currentRequestKey, withRequestKey } from './request-key.ts';
export type { RequestKey } from './request-key.ts';
export type { Persistence, PersistenceOptions } from './persistence.ts';
export {
  collectionsOf,
  databaseOf,
  filterExpression,
  ginIndexFor,
  mirrorIndexesOnPostgres,
} from './stand-in/gin-indexes.ts';
export type { GinIndex, MirrorReport, StandInCollection } from './stand-in/gin-indexes.ts';
