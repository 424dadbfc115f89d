// One helper for this service's aggregate collections on the persistence kit: a record is
// stored as its fields plus the top-level equality keys its look-ups need (the only filter
// the stand-in pushes down and indexes).
import { NotFoundError, type ErrorCode } from '@rehab/domain-kit';
import type {
  AggregateStore,
  AggregateStoreOptions,
  Persistence,
  StoredDocument,
} from '@rehab/persistence';
import type { Aggregates, Stored } from '../app/ports.ts';

export interface CollectionSpec<T extends { id: string }> {
  collection: string;
  notFound: ErrorCode;
  /** Top-level fields derived from the record for equality look-ups (each is indexed). */
  keys?: (record: Stored<T>) => Record<string, string | undefined>;
  keyNames?: readonly string[];
  /** Moves records derived from the aggregate with each write (see the kit's onWrite). */
  onWrite?: AggregateStoreOptions<Stored<T>>['onWrite'];
}

export function aggregatesOn<T extends { id: string }>(
  persistence: Persistence,
  spec: CollectionSpec<T>,
): Aggregates<T> & { store: AggregateStore<Stored<T>> } {
  const store = persistence.aggregates<Stored<T>>({
    collection: spec.collection,
    indexes: (spec.keyNames ?? []).map((name) => ({ key: { [name]: 1 } })),
    toDocument: (record) => {
      const { id: _id, version: _version, ...fields } = record;
      return { ...fields, ...spec.keys?.(record) };
    },
    fromDocument: (document: StoredDocument) => {
      const { _id, outbox: _outbox, outboxPending: _pending, ...stored } = document;
      const keyNames = new Set(spec.keyNames ?? []);
      const fields = Object.fromEntries(
        Object.entries(stored).filter(([name]) => !keyNames.has(name)),
      );
      return { ...fields, id: _id } as unknown as Stored<T>;
    },
    notFound: (id) => new NotFoundError(spec.notFound, { params: { id } }),
    ...(spec.onWrite ? { onWrite: spec.onWrite } : {}),
  });
  return {
    store,
    get: (id) => store.get(id),
    async insert(record, events) {
      await store.insert(record, events);
    },
    change: (id, decide, options) => store.change(id, decide, options),
  };
}
