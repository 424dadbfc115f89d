// The mapping of an aggregate stored as its own fields, which most collections use: `id` is
// the document's `_id`, and `version` and the outbox are the kit's (aggregate-store.ts).
import type { AggregateStoreOptions, StoredDocument, Versioned } from './aggregate-store.ts';

export function flatDocument<T extends Versioned>(): Pick<
  AggregateStoreOptions<T>,
  'toDocument' | 'fromDocument'
> {
  return {
    toDocument: ({ id: _id, version: _version, ...fields }: T) => fields,
    fromDocument: ({ _id, outbox: _o, outboxPending: _p, ...fields }: StoredDocument) =>
      ({ ...fields, id: _id }) as unknown as T,
  };
}
