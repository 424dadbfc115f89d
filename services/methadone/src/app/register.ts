// The site's dispensing register (sổ theo dõi cấp phát thuốc): the day's entries in the
// layout of the official book, the chain's verification, and corrections as new entries.
import { NotFoundError } from '@rehab/domain-kit';
import { verifyChain, type ChainVerdict, type RegisterEntry } from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import {
  loadSiteClinic,
  requireStaff,
  staffOf,
  type Caller,
  type JurisdictionGuard,
  type MethadoneDeps,
} from './deps.ts';

/** The columns of the official book, in its order, with their Vietnamese headings. */
export const REGISTER_COLUMNS = [
  { key: 'seq', vi: 'STT', en: 'No.' },
  { key: 'recordedAt', vi: 'Thời gian', en: 'Time' },
  { key: 'kind', vi: 'Nội dung', en: 'Entry' },
  { key: 'patientId', vi: 'Mã người bệnh', en: 'Patient' },
  { key: 'doseMg', vi: 'Liều (mg)', en: 'Dose (mg)' },
  { key: 'ml', vi: 'Số lượng (ml)', en: 'Quantity (mL)' },
  { key: 'lot', vi: 'Số lô', en: 'Lot' },
  { key: 'balanceMl', vi: 'Tồn (ml)', en: 'Balance (mL)' },
  { key: 'staff', vi: 'Người cấp phát / ký', en: 'Staff (signed)' },
  { key: 'corrects', vi: 'Điều chỉnh dòng', en: 'Corrects entry' },
  { key: 'note', vi: 'Ghi chú', en: 'Note' },
] as const;

const rowOf = (entry: RegisterEntry) => ({
  seq: entry.seq,
  recordedAt: entry.recordedAt,
  kind: entry.kind,
  ...(entry.patientId ? { patientId: entry.patientId } : {}),
  ...(entry.doseMg !== undefined ? { doseMg: entry.doseMg } : {}),
  ...(entry.deltaUl !== undefined ? { ml: entry.deltaUl / 1000 } : {}),
  ...(entry.lot ? { lot: entry.lot } : {}),
  ...(entry.balanceAfterUl !== undefined ? { balanceMl: entry.balanceAfterUl / 1000 } : {}),
  staff: entry.staff,
  ...(entry.corrects !== undefined ? { corrects: entry.corrects } : {}),
  ...(entry.note ? { note: entry.note } : {}),
  hash: entry.hash,
});

export async function registerDayUseCase(
  deps: MethadoneDeps,
  guard: JurisdictionGuard,
  siteId: string,
  date: string,
) {
  const clinic = await loadSiteClinic(deps, siteId);
  guard(clinic.unitCode);
  const site = clinic.sites.find((s) => s.id === siteId);
  const entries = await deps.ledger.entriesOn(siteId, date);
  return {
    book: { vi: 'Sổ theo dõi cấp phát thuốc Methadone', en: 'Methadone dispensing register' },
    legalRef: 'Circular 26/2023/TT-BYT (registers of methadone dispensing)',
    clinic: { id: clinic.id, name: clinic.name },
    site: { id: siteId, name: site?.name ?? clinic.name },
    date,
    columns: REGISTER_COLUMNS,
    rows: entries.map(rowOf),
  };
}

export async function verifyRegisterUseCase(
  deps: MethadoneDeps,
  guard: JurisdictionGuard,
  siteId: string,
): Promise<ChainVerdict> {
  const clinic = await loadSiteClinic(deps, siteId);
  guard(clinic.unitCode);
  return verifyChain(await deps.ledger.allEntries(siteId), deps.digest);
}

/** A correction never rewrites an entry: it is a new one pointing at the entry it corrects. */
export async function correctEntryUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  siteId: string,
  body: { corrects: number; note: string },
  requestKey: string,
): Promise<RegisterEntry | undefined> {
  const clinic = await loadSiteClinic(deps, siteId);
  caller.requireJurisdiction(clinic.unitCode);
  const member = requireStaff(
    clinic,
    caller.principal,
    ['nurse', 'pharmacist', 'clinic-director'],
    deps.clock.today(),
  );
  const appended = await deps.ledger.append(siteId, `correction:${requestKey}`, (state) => {
    if (body.corrects < 1 || body.corrects > state.seq) {
      throw new NotFoundError(appErrors.entryNotFound, {
        field: 'corrects',
        params: { seq: body.corrects },
      });
    }
    return {
      entries: [
        {
          serviceDate: deps.clock.today(),
          kind: 'correction',
          staff: staffOf(member),
          corrects: body.corrects,
          note: body.note,
        },
      ],
      lots: state.lots,
      discrepancies: state.discrepancies,
      result: undefined,
    };
  });
  return appended.existing ?? appended.entries[0];
}
