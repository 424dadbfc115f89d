// Methadone stock per site and lot (Circular 26/2023: quantities in millilitres). Amounts are
// kept in whole microlitres so sums never drift. A dose draws from the first lot to expire
// that holds enough (FEFO; lots without an expiry date go last, then by receipt); the
// balance never goes negative. A count differing from the ledger by more than the
// rulebook's tolerance stays open until a second staff member confirms it.
import { compareDates, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { methadoneErrors } from './errors.ts';
import type { RuledNumber } from './methadone-rules.ts';

export interface StockLot {
  lot: string;
  mgPerMl: number;
  receivedOn: LocalDate;
  expiresOn?: LocalDate;
  balanceUl: number;
}

/** Microlitres of a quantity in millilitres. */
export const toMicrolitres = (ml: number): number => Math.round(ml * 1000);
/** Millilitres of a quantity in microlitres, to three decimals. */
export const toMillilitres = (ul: number): number => ul / 1000;

/** The volume that holds `doseMg` at the lot's strength. */
export const doseVolumeUl = (doseMg: number, mgPerMl: number): number =>
  Math.round((doseMg * 1000) / mgPerMl);

/** Lots in the order they are used: first expiring first, then first received. */
export function fefo(lots: readonly StockLot[]): StockLot[] {
  return [...lots].sort((a, b) => {
    if (a.expiresOn && b.expiresOn && a.expiresOn !== b.expiresOn)
      return compareDates(a.expiresOn, b.expiresOn);
    if (a.expiresOn && !b.expiresOn) return -1;
    if (!a.expiresOn && b.expiresOn) return 1;
    return compareDates(a.receivedOn, b.receivedOn);
  });
}

const insufficient = (lot: string, availableUl: number, neededUl: number, field: string) =>
  new RuleViolationError(methadoneErrors.insufficientStock, {
    field,
    params: {
      lot,
      availableMl: toMillilitres(availableUl),
      neededMl: toMillilitres(neededUl),
    },
  });

/** The lot a dose is drawn from and the volume; refuses naming the lot when none holds enough. */
export function drawDose(lots: readonly StockLot[], doseMg: number): { lot: StockLot; ul: number } {
  const ordered = fefo(lots).filter((lot) => lot.balanceUl > 0);
  for (const lot of ordered) {
    const ul = doseVolumeUl(doseMg, lot.mgPerMl);
    if (lot.balanceUl >= ul) return { lot, ul };
  }
  const first = ordered[0] ?? fefo(lots)[0];
  const neededUl = doseVolumeUl(doseMg, first?.mgPerMl ?? 10);
  throw insufficient(first?.lot ?? 'none', first?.balanceUl ?? 0, neededUl, 'doseMg');
}

/** Lots after a movement of `deltaUl` on `lot` (negative: out). */
export function moveStock(
  lots: readonly StockLot[],
  lot: string,
  deltaUl: number,
  field: string,
): StockLot[] {
  const held = lots.find((l) => l.lot === lot);
  if (!held) {
    throw new RuleViolationError(methadoneErrors.unknownLot, { field: 'lot', params: { lot } });
  }
  if (held.balanceUl + deltaUl < 0) throw insufficient(lot, held.balanceUl, -deltaUl, field);
  return lots.map((l) => (l.lot === lot ? { ...l, balanceUl: l.balanceUl + deltaUl } : l));
}

/** Lots after a receipt: a new lot, or more of a lot already held at the same strength. */
export function receiveStock(
  lots: readonly StockLot[],
  receipt: Omit<StockLot, 'balanceUl'> & { ul: number },
): StockLot[] {
  const held = lots.find((l) => l.lot === receipt.lot);
  if (!held) {
    const { ul, ...lot } = receipt;
    return [...lots, { ...lot, balanceUl: ul }];
  }
  if (held.mgPerMl !== receipt.mgPerMl) {
    throw new RuleViolationError(methadoneErrors.lotMismatch, {
      field: 'mgPerMl',
      params: { lot: receipt.lot, mgPerMl: held.mgPerMl },
    });
  }
  return moveStock(lots, receipt.lot, receipt.ul, 'bottles');
}

/** How a count compares with the ledger. */
export interface CountReconciliation {
  ledgerUl: number;
  countedUl: number;
  differenceUl: number;
  withinTolerance: boolean;
  tolerance: RuledNumber;
}

/** Compares a physical count with the ledger balance of the lot. */
export function reconcileCount(
  lots: readonly StockLot[],
  lot: string,
  countedUl: number,
  tolerance: RuledNumber,
): CountReconciliation {
  const held = lots.find((l) => l.lot === lot);
  if (!held) {
    throw new RuleViolationError(methadoneErrors.unknownLot, { field: 'lot', params: { lot } });
  }
  const differenceUl = countedUl - held.balanceUl;
  return {
    ledgerUl: held.balanceUl,
    countedUl,
    differenceUl,
    withinTolerance: Math.abs(differenceUl) <= toMicrolitres(tolerance.value),
    tolerance,
  };
}

/** The second person's check: the confirmer differs from whoever counted. */
export function checkSecondPerson(countedBy: string, confirmedBy: string): void {
  if (countedBy === confirmedBy) {
    throw new RuleViolationError(methadoneErrors.sameConfirmer, { params: { countedBy } });
  }
}
