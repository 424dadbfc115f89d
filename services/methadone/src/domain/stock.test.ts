import { describe, expect, it } from 'vitest';
import {
  checkSecondPerson,
  drawDose,
  fefo,
  moveStock,
  receiveStock,
  reconcileCount,
  type StockLot,
} from './stock.ts';
import { rules } from './test-support.ts';

const lots: StockLot[] = [
  {
    lot: 'LATE',
    mgPerMl: 10,
    receivedOn: '2026-01-01',
    expiresOn: '2027-06-30',
    balanceUl: 500_000,
  },
  { lot: 'SOON', mgPerMl: 10, receivedOn: '2026-02-01', expiresOn: '2026-12-31', balanceUl: 4_000 },
  { lot: 'NOEXP', mgPerMl: 10, receivedOn: '2025-12-01', balanceUl: 100_000 },
];

describe('stock: first expiring, first out (Circular 26/2023, quantities in mL)', () => {
  it('orders lots by expiry, lots without expiry last', () => {
    expect(fefo(lots).map((l) => l.lot)).toEqual(['SOON', 'LATE', 'NOEXP']);
  });

  it('draws doseMg / mgPerMl mL from the first expiring lot that holds enough', () => {
    expect(drawDose(lots, 40)).toMatchObject({ lot: { lot: 'SOON' }, ul: 4_000 });
    expect(drawDose(lots, 45)).toMatchObject({ lot: { lot: 'LATE' }, ul: 4_500 });
  });

  it('refuses a dose no lot can cover and names the lot', () => {
    const low: StockLot[] = [
      { lot: 'L1', mgPerMl: 10, receivedOn: '2026-01-01', balanceUl: 3_000 },
    ];
    expect(() => drawDose(low, 40)).toThrow(
      expect.objectContaining({
        code: 'insufficient-stock',
        options: expect.objectContaining({ params: { lot: 'L1', availableMl: 3, neededMl: 4 } }),
      }),
    );
  });

  it('never lets a balance go negative, and refuses an unknown lot', () => {
    expect(() => moveStock(lots, 'SOON', -4_001, 'ml')).toThrow(
      expect.objectContaining({ code: 'insufficient-stock' }),
    );
    expect(moveStock(lots, 'SOON', -4_000, 'ml').find((l) => l.lot === 'SOON')?.balanceUl).toBe(0);
    expect(() => moveStock(lots, 'X', -1, 'ml')).toThrow(
      expect.objectContaining({ code: 'unknown-lot' }),
    );
  });

  it('adds a receipt to a held lot of the same strength only', () => {
    expect(
      receiveStock(lots, { lot: 'SOON', mgPerMl: 10, receivedOn: '2026-03-01', ul: 1_000 }).find(
        (l) => l.lot === 'SOON',
      )?.balanceUl,
    ).toBe(5_000);
    expect(() =>
      receiveStock(lots, { lot: 'SOON', mgPerMl: 5, receivedOn: '2026-03-01', ul: 1_000 }),
    ).toThrow(expect.objectContaining({ code: 'lot-mismatch' }));
  });
});

describe('counts reconcile against the ledger within the rulebook tolerance', () => {
  const tolerance = rules.stockCountToleranceMl('2026-03-01');

  it('accepts a difference up to 1 mL and opens a discrepancy above it', () => {
    expect(tolerance).toMatchObject({ value: 1, confirmed: false });
    expect(reconcileCount(lots, 'SOON', 3_000, tolerance)).toMatchObject({
      differenceUl: -1_000,
      withinTolerance: true,
    });
    expect(reconcileCount(lots, 'SOON', 2_999, tolerance).withinTolerance).toBe(false);
  });

  it('needs a second, different staff member to confirm', () => {
    expect(() => checkSecondPerson('nurse-a', 'nurse-a')).toThrow(
      expect.objectContaining({ code: 'same-confirmer' }),
    );
    expect(() => checkSecondPerson('nurse-a', 'pharm-b')).not.toThrow();
  });
});
