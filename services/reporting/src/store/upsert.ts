import { NotFoundError } from '@rehab/domain-kit';
import { isDuplicateKey, type AggregateStore, type Versioned } from '@rehab/persistence';

export { isDuplicateKey };

/**
 * Creates a record or changes it, on the kit's two atomic paths: the insert against the
 * unique `_id` (the first writer wins), else the kit's load-decide-save alone for the record.
 * `likelyExists` picks which to try first (one round trip fewer on the common path).
 */
export async function insertOrChange<T extends Versioned>(
  store: AggregateStore<T>,
  id: string,
  create: () => T,
  change: (current: T) => T | Promise<T>,
  likelyExists = true,
): Promise<T> {
  const changeIt = async () =>
    (
      await store.change(id, async (current) => ({
        next: await change(current),
        events: [],
        result: undefined,
      }))
    ).aggregate;
  if (likelyExists) {
    try {
      return await changeIt();
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  try {
    return await store.insert(await change(create()), []);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return changeIt();
  }
}
