// Methadone stock of a site (Circular 26/2023): receipts (from the supplier, or issued by
// another site of the platform), wastage, and counts reconciled against the book. Every
// movement is an entry of the site's register; a count above the tolerance waits for a
// second, different staff member.
import { NotFoundError, ruledOn } from '@rehab/domain-kit';
import {
  checkSecondPerson,
  moveStock,
  receiveStock,
  reconcileCount,
  toMicrolitres,
  type RegisterEntry,
} from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import {
  loadSiteClinic,
  requireNotFuture,
  requireStaff,
  staffOf,
  type Caller,
  type MethadoneDeps,
} from './deps.ts';
import type { LedgerState, OpenDiscrepancy, StaffMember } from './ports.ts';

async function siteStaff(
  deps: MethadoneDeps,
  caller: Caller,
  siteId: string,
  roles: StaffMember['role'][],
) {
  const clinic = await loadSiteClinic(deps, siteId);
  caller.requireJurisdiction(clinic.unitCode);
  return { clinic, member: requireStaff(clinic, caller.principal, roles, deps.clock.today()) };
}

const balanceOf = (lots: LedgerState['lots'], lot: string) =>
  lots.find((l) => l.lot === lot)?.balanceUl ?? 0;

export interface ReceiptBody {
  lot: string;
  bottles: number;
  mlPerBottle: number;
  mgPerMl: number;
  receivedOn: string;
  expiresOn?: string | undefined;
  fromSiteId?: string | undefined;
}

export async function receiveStockUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  siteId: string,
  body: ReceiptBody,
  requestKey: string,
): Promise<{ entries: RegisterEntry[]; state: LedgerState }> {
  const { member } = await siteStaff(deps, caller, siteId, ['pharmacist']);
  requireNotFuture('receivedOn', body.receivedOn, deps.clock.today());
  const ul = toMicrolitres(body.bottles * body.mlPerBottle);
  const staff = staffOf(member);
  if (body.fromSiteId) {
    // The issuing site's book first: a receipt never creates methadone the sender lacks.
    await loadSiteClinic(deps, body.fromSiteId, 'fromSiteId');
    await deps.ledger.append(body.fromSiteId, `issue:${requestKey}`, (state) => {
      const lots = moveStock(state.lots, body.lot, -ul, 'bottles');
      return {
        entries: [
          {
            serviceDate: body.receivedOn,
            kind: 'issue',
            staff,
            lot: body.lot,
            deltaUl: -ul,
            balanceAfterUl: balanceOf(lots, body.lot),
            note: `to ${siteId}`,
          },
        ],
        lots,
        discrepancies: state.discrepancies,
        result: undefined,
      };
    });
  }
  const appended = await deps.ledger.append(siteId, `receipt:${requestKey}`, (state) => {
    const lots = receiveStock(state.lots, {
      lot: body.lot,
      mgPerMl: body.mgPerMl,
      receivedOn: body.receivedOn,
      ...(body.expiresOn ? { expiresOn: body.expiresOn } : {}),
      ul,
    });
    return {
      entries: [
        {
          serviceDate: body.receivedOn,
          kind: 'receipt',
          staff,
          lot: body.lot,
          deltaUl: ul,
          balanceAfterUl: balanceOf(lots, body.lot),
          ...(body.fromSiteId ? { note: `from ${body.fromSiteId}` } : {}),
        },
      ],
      lots,
      discrepancies: state.discrepancies,
      result: undefined,
    };
  });
  return {
    entries: appended.existing ? [appended.existing] : appended.entries,
    state: await deps.ledger.state(siteId),
  };
}

export async function wasteStockUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  siteId: string,
  body: { lot: string; ml: number; reason: string },
  requestKey: string,
): Promise<{ entries: RegisterEntry[]; state: LedgerState }> {
  const { member } = await siteStaff(deps, caller, siteId, ['pharmacist', 'nurse']);
  const ul = toMicrolitres(body.ml);
  const appended = await deps.ledger.append(siteId, `wastage:${requestKey}`, (state) => {
    const lots = moveStock(state.lots, body.lot, -ul, 'ml');
    return {
      entries: [
        {
          serviceDate: deps.clock.today(),
          kind: 'wastage',
          staff: staffOf(member),
          lot: body.lot,
          deltaUl: -ul,
          balanceAfterUl: balanceOf(lots, body.lot),
          note: body.reason,
        },
      ],
      lots,
      discrepancies: state.discrepancies,
      result: undefined,
    };
  });
  return {
    entries: appended.existing ? [appended.existing] : appended.entries,
    state: await deps.ledger.state(siteId),
  };
}

export interface CountOutcome {
  countId: number;
  lot: string;
  ledgerMl: number;
  countedMl: number;
  differenceMl: number;
  withinTolerance: boolean;
  status: 'reconciled' | 'awaiting-confirmation';
  toleranceMl: number;
  legalRef: string;
}

/**
 * A physical count: within the tolerance the book takes the counted balance at once; above
 * it the count is recorded and the discrepancy stays open for a second person.
 */
export async function countStockUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  siteId: string,
  body: { countedOn: string; lot: string; ml: number },
  requestKey: string,
): Promise<CountOutcome> {
  const { member } = await siteStaff(deps, caller, siteId, ['pharmacist', 'nurse']);
  requireNotFuture('countedOn', body.countedOn, deps.clock.today());
  const tolerance = ruledOn('countedOn', () => deps.rules.stockCountToleranceMl(body.countedOn));
  const countedUl = toMicrolitres(body.ml);
  const appended = await deps.ledger.append(siteId, `count:${requestKey}`, (state) => {
    const check = reconcileCount(state.lots, body.lot, countedUl, tolerance);
    const lots = check.withinTolerance
      ? moveStock(state.lots, body.lot, check.differenceUl, 'ml')
      : state.lots;
    const seq = state.seq + 1;
    const open: OpenDiscrepancy[] = check.withinTolerance
      ? state.discrepancies
      : [
          ...state.discrepancies,
          {
            countSeq: seq,
            lot: body.lot,
            countedUl,
            ledgerUl: check.ledgerUl,
            differenceUl: check.differenceUl,
            countedBy: member.userId,
            countedOn: body.countedOn,
          },
        ];
    return {
      entries: [
        {
          serviceDate: body.countedOn,
          kind: 'count',
          staff: staffOf(member),
          lot: body.lot,
          deltaUl: check.withinTolerance ? check.differenceUl : 0,
          balanceAfterUl: balanceOf(lots, body.lot),
          note: `counted ${body.ml} mL; ledger ${check.ledgerUl / 1000} mL`,
        },
      ],
      lots,
      discrepancies: open,
      result: check,
    };
  });
  const entry = appended.existing ?? appended.entries[0];
  const check =
    appended.result ??
    reconcileCount((await deps.ledger.state(siteId)).lots, body.lot, countedUl, tolerance);
  return {
    countId: entry?.seq ?? 0,
    lot: body.lot,
    ledgerMl: check.ledgerUl / 1000,
    countedMl: check.countedUl / 1000,
    differenceMl: check.differenceUl / 1000,
    withinTolerance: check.withinTolerance,
    status: check.withinTolerance ? 'reconciled' : 'awaiting-confirmation',
    toleranceMl: tolerance.value,
    legalRef: tolerance.legalRef,
  };
}

/** A second, different staff member confirms an open discrepancy: the book takes the count. */
export async function confirmCountUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  siteId: string,
  countId: number,
  note: string | undefined,
): Promise<{ entry: RegisterEntry | undefined; state: LedgerState }> {
  const { member } = await siteStaff(deps, caller, siteId, [
    'pharmacist',
    'nurse',
    'clinic-director',
  ]);
  const appended = await deps.ledger.append(siteId, `confirm:${countId}`, (state) => {
    const open = state.discrepancies.find((d) => d.countSeq === countId);
    if (!open) {
      throw new NotFoundError(appErrors.discrepancyNotFound, { params: { countId } });
    }
    checkSecondPerson(open.countedBy, member.userId);
    const lots = moveStock(state.lots, open.lot, open.differenceUl, 'ml');
    return {
      entries: [
        {
          serviceDate: deps.clock.today(),
          kind: 'adjustment',
          staff: staffOf(member),
          lot: open.lot,
          deltaUl: open.differenceUl,
          balanceAfterUl: balanceOf(lots, open.lot),
          corrects: countId,
          note: note ?? `confirms count ${countId} by ${open.countedBy}`,
        },
      ],
      lots,
      discrepancies: state.discrepancies.filter((d) => d.countSeq !== countId),
      result: undefined,
    };
  });
  return {
    entry: appended.existing ?? appended.entries[0],
    state: await deps.ledger.state(siteId),
  };
}

export async function stockOfSiteUseCase(
  deps: MethadoneDeps,
  caller: Pick<Caller, 'requireJurisdiction'>,
  siteId: string,
): Promise<LedgerState> {
  const clinic = await loadSiteClinic(deps, siteId);
  caller.requireJurisdiction(clinic.unitCode);
  return deps.ledger.state(siteId);
}
