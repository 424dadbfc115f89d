// Support files on the persistence kit. The work queue must not read a whole province's
// files to show its first page (FerretDB reads each matched document: about 0.5 ms each,
// measured, so 20,000 waiting persons would take seconds). Each file therefore carries, as
// top-level equality keys written with the file itself, its queue position by month and by
// day for its commune and its province (`<unit>|<status>|<YYYY-MM>` and `...|<YYYY-MM-DD>`);
// the queue's directory (queue-directory.ts) lists the months that hold anyone. A page reads
// the listed months in order, a crowded month day by day, and stops once it is full.
import { addDays, maxDate, type LocalDate } from '@rehab/domain-kit';
import { isDuplicateKey, type UnitDirectory } from '@rehab/service-kit';
import type { Persistence } from '@rehab/persistence';
import type { Connection } from 'mongoose';
import { appErrors } from '../app/deps.ts';
import type { Stored, SupportFileRepository } from '../app/ports.ts';
import { newSupportFile, queueSince, type SupportFile } from '../domain/index.ts';
import { aggregatesOn } from './aggregates.ts';
import { queueDirectory } from './queue-directory.ts';

const COLLECTION = 'supportFiles';
const key = (unitCode: string, status: string, period: string) => `${unitCode}|${status}|${period}`;

/** The days of `month` from `from` (when inside it) to the month's end. */
function daysOf(month: string, from: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (
    let day = from.startsWith(month) ? from : `${month}-01`;
    day.startsWith(month);
    day = addDays(day, 1)
  ) {
    days.push(day);
  }
  return days;
}

/** A month holding more than this is read day by day. */
const CROWDED_MONTH = 200;

export function supportFileRepository(
  persistence: Persistence,
  connection: Connection,
  units: UnitDirectory,
  /** No position is older: an older need (imported history) is queued on this day. */
  floor: LocalDate,
): SupportFileRepository {
  const directory = queueDirectory(persistence, connection);
  const monthKeysOf = (document: Record<string, unknown> | undefined) =>
    ['communeMonth', 'provinceMonth']
      .map((name) => document?.[name])
      .filter((value): value is string => typeof value === 'string');
  const files = aggregatesOn<SupportFile>(persistence, {
    collection: COLLECTION,
    notFound: appErrors.supportFileNotFound,
    keyNames: ['communeMonth', 'communeDay', 'provinceMonth', 'provinceDay', 'needUnit'],
    keys: (file) => positionKeys(file),
    // The file's months enter the directory before the write and leave it after.
    onWrite: async ({ before, after }, commit) => {
      const was = monthKeysOf(before);
      const now = monthKeysOf(positionKeys(after));
      await directory.enter(now.filter((key) => !was.includes(key)));
      await commit();
      await directory.leave(was.filter((key) => !now.includes(key)));
    },
  });
  function positionKeys(file: SupportFile): Record<string, string | undefined> {
    const province = units.provinceOf(file.unitCode)?.code;
    const since = queueSince(file);
    const position = since && since < floor ? floor : since;
    const at = (unit: string | undefined, period: string | undefined) =>
      unit && file.status && period ? key(unit, file.status, period) : undefined;
    return {
      communeMonth: at(file.unitCode, position?.slice(0, 7)),
      communeDay: at(file.unitCode, position),
      provinceMonth: at(province, position?.slice(0, 7)),
      provinceDay: at(province, position),
      needUnit: file.episodes.length > 0 ? file.unitCode : undefined,
    };
  }
  return {
    get: files.get,
    insert: files.insert,
    change: files.change,
    async ensure(personId, unitCode) {
      if (await files.store.exists(personId)) return;
      try {
        await files.store.insert({ ...newSupportFile(personId, unitCode), version: 1 }, []);
      } catch (error) {
        // Another event or request created it meanwhile: the insert is the atomic write.
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async queuePage({ unitCode, status, after, limit, to }) {
      const scope = units.get(unitCode)?.level === 'province' ? 'province' : 'commune';
      const start = after && after.since > floor ? after.since : floor;
      const listed = await directory.months(`${unitCode}|${status}`);
      const months = Object.keys(listed)
        .filter((month) => month >= start.slice(0, 7) && month <= to.slice(0, 7))
        .sort();
      const page: Stored<SupportFile>[] = [];
      const inOrder = (found: Stored<SupportFile>[]) =>
        found
          .map((file) => ({ file, position: maxDate(queueSince(file) ?? floor, floor) }))
          .filter(
            ({ file, position }) =>
              position > start || (position === start && (!after || file.id > after.id)),
          )
          .sort(
            (a, b) => a.position.localeCompare(b.position) || a.file.id.localeCompare(b.file.id),
          )
          .map(({ file }) => file);
      for (const month of months) {
        if (page.length > limit) break;
        if ((listed[month] ?? 0) <= CROWDED_MONTH) {
          page.push(
            ...inOrder(
              await files.store.findBy({ [`${scope}Month`]: key(unitCode, status, month) }),
            ),
          );
          continue;
        }
        for (const day of daysOf(month, start)) {
          if (page.length > limit) break;
          page.push(
            ...inOrder(await files.store.findBy({ [`${scope}Day`]: key(unitCode, status, day) })),
          );
        }
      }
      return page.slice(0, limit + 1);
    },
    withNeedIn: (unitCode) => files.store.findBy({ needUnit: unitCode }),
    async insertMany(batch) {
      const counts: Record<string, number> = {};
      const documents = batch.map((file) => {
        const { id, ...fields } = file;
        const keys = positionKeys(file);
        for (const month of monthKeysOf(keys)) counts[month] = (counts[month] ?? 0) + 1;
        return { _id: id, ...fields, ...keys, outbox: [], outboxPending: false };
      });
      await directory.enterMany(counts);
      await connection
        .collection(COLLECTION)
        .insertMany(documents as Record<string, unknown>[], { ordered: false });
    },
  };
}
