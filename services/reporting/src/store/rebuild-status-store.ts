// The rebuild's status in the database, so every replica answers GET /ops/rebuild alike and
// a second rebuild is refused whichever replica is asked. A running rebuild beats every few
// seconds; one whose beat stopped (its instance died) no longer counts as running. The
// status is kept as JSON text: the persistence kit keeps fields of its own (`applied`).
import { ConflictError, NotFoundError } from '@rehab/domain-kit';
import { flatDocument, type Persistence } from '@rehab/persistence';
import { appErrors } from '../app/app-errors.ts';
import type { RebuildStatus, RebuildStatusStore } from '../app/rebuild.ts';
import { insertOrChange } from './upsert.ts';

interface StatusRecord {
  id: string;
  version: number;
  status: string;
}

export function mongoRebuildStatusStore(persistence: Persistence): RebuildStatusStore {
  const records = persistence.aggregates<StatusRecord>({
    collection: 'readModelRebuild',
    ...flatDocument<StatusRecord>(),
    notFound: () => new NotFoundError(appErrors.rebuildUnknown, { params: {} }),
  });
  const statusOf = (record: StatusRecord) => JSON.parse(record.status) as RebuildStatus;
  const write = (status: RebuildStatus, check: (current: RebuildStatus) => void = () => {}) =>
    insertOrChange(
      records,
      'current',
      (): StatusRecord => ({
        id: 'current',
        version: 1,
        status: JSON.stringify({ state: 'idle' }),
      }),
      (current): StatusRecord => {
        check(statusOf(current));
        return { ...current, status: JSON.stringify(status) };
      },
    );
  return {
    async get() {
      const record = await records.get('current');
      return record ? statusOf(record) : undefined;
    },
    async claim(next, isLive) {
      await write(next, (current) => {
        if (isLive(current)) throw new ConflictError(appErrors.rebuildRunning);
      });
    },
    async save(status) {
      await write(status);
    },
  };
}
