// Targets, manual activities and submitted report versions on the persistence kit.
import { NotFoundError } from '@rehab/domain-kit';
import { flatDocument, type Persistence } from '@rehab/persistence';
import { appErrors } from '../app/app-errors.ts';
import type { Dhis2PushRecord, Dhis2PushStore } from '../app/dhis2-push.ts';
import type {
  ActivityStore,
  ReportVersion,
  ReportVersionStore,
  TargetSet,
  TargetStore,
  ActivityEntry,
} from '../app/ports.ts';
import { insertOrChange, isDuplicateKey } from './upsert.ts';

const missing = (id: string) =>
  new NotFoundError(appErrors.reportNotFound, { params: { period: id, unitCode: '' } });

/** Values as JSON text (see read-model-store.ts: FerretDB and embedded documents). */
type TargetRecord = Omit<TargetSet, 'values'> & { id: string; values: string };
type ActivityRecord = ActivityEntry & { id: string; version: number };
type ReportRecord = ReportVersion & { id: string; periodUnit: string };

export function mongoTargetStore(persistence: Persistence): TargetStore {
  const store = persistence.aggregates<TargetRecord>({
    collection: 'targets',
    ...flatDocument<TargetRecord>(),
    notFound: missing,
  });
  const plain = ({ id: _id, values, ...rest }: TargetRecord): TargetSet => ({
    ...rest,
    values: JSON.parse(values) as Record<string, number>,
  });
  return {
    async get(year, unitCode) {
      const record = await store.get(`${year}|${unitCode}`);
      return record ? plain(record) : undefined;
    },
    async put(target) {
      const id = `${target.year}|${target.unitCode}`;
      const fields = { ...target, values: JSON.stringify(target.values) };
      const saved = await insertOrChange(
        store,
        id,
        () => ({ ...fields, id, version: 0 }),
        (current) => ({ ...current, ...fields }),
        false,
      );
      return plain(saved);
    },
  };
}

export function mongoActivityStore(persistence: Persistence): ActivityStore {
  const store = persistence.aggregates<ActivityRecord>({
    collection: 'activities',
    indexes: [{ key: { period: 1 } }],
    ...flatDocument<ActivityRecord>(),
    notFound: missing,
  });
  return {
    async put(entry) {
      const id = `${entry.period}|${entry.unitCode}|${entry.activity}`;
      const saved = await insertOrChange(
        store,
        id,
        () => ({ ...entry, id, version: 1 }),
        ({ note: _old, ...current }) => ({ ...current, ...entry }),
      );
      const { id: _id, version: _version, ...stored } = saved;
      return stored;
    },
    async listForPeriod(period) {
      return (await store.findBy({ period })).map(
        ({ id: _id, version: _version, ...entry }) => entry,
      );
    },
  };
}

export function mongoReportVersionStore(persistence: Persistence): ReportVersionStore {
  const store = persistence.aggregates<ReportRecord>({
    collection: 'reportVersions',
    indexes: [{ key: { periodUnit: 1 } }, { key: { period: 1 } }],
    ...flatDocument<ReportRecord>(),
    notFound: missing,
  });
  const plain = ({ id: _id, periodUnit: _pu, ...report }: ReportRecord): ReportVersion => report;
  return {
    async insert(report) {
      const periodUnit = `${report.period}|${report.unitCode}`;
      try {
        await store.insert({ ...report, id: `${periodUnit}|v${report.version}`, periodUnit }, []);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async listFor(period, unitCode) {
      return (await store.findBy({ periodUnit: `${period}|${unitCode}` })).map(plain);
    },
    async listForPeriod(period) {
      return (await store.findBy({ period })).map(plain);
    },
  };
}

/** Every push to DHIS2 with its attempts and import summary, for the operators. */
export function mongoDhis2PushStore(persistence: Persistence): Dhis2PushStore {
  type Row = Omit<Dhis2PushRecord, 'attempts' | 'outcome'> & {
    id: string;
    version: number;
    /** JSON text (see read-model-store.ts: FerretDB and embedded documents). */
    attempts: string;
    outcome: string;
  };
  const store = persistence.aggregates<Row>({
    collection: 'dhis2Pushes',
    ...flatDocument<Row>(),
    notFound: missing,
  });
  return {
    async insert(record) {
      await store.insert(
        {
          ...record,
          version: 1,
          attempts: JSON.stringify(record.attempts),
          outcome: JSON.stringify(record.outcome),
        },
        [],
      );
    },
  };
}
