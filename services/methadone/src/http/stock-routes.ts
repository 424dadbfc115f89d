// /sites/{id}/stock: receipts, wastage, counts and their second-person confirmation.
import { defineRoute, type Api } from '@rehab/service-kit';
import type { LedgerState } from '../app/ports.ts';
import type { MethadoneDeps } from '../app/deps.ts';
import {
  confirmCountUseCase,
  countStockUseCase,
  receiveStockUseCase,
  stockOfSiteUseCase,
  wasteStockUseCase,
} from '../app/stock.ts';
import { callerOf } from './caller.ts';
import * as s from './schemas.ts';

/** A site's stock in millilitres, lots in the order doses use them. */
export const stockView = (state: LedgerState) => ({
  siteId: state.siteId,
  lots: state.lots.map(({ balanceUl, ...lot }) => ({ ...lot, balanceMl: balanceUl / 1000 })),
  openDiscrepancies: state.discrepancies.map(
    ({ countedUl, ledgerUl, differenceUl, countSeq, ...d }) => ({
      ...d,
      countId: countSeq,
      countedMl: countedUl / 1000,
      ledgerMl: ledgerUl / 1000,
      differenceMl: differenceUl / 1000,
    }),
  ),
  registerEntries: state.seq,
});

export function registerStockRoutes(api: Api, deps: MethadoneDeps): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/sites/:id/stock',
      operation: 'stock.read',
      tags: ['stock'],
      summary: 'Balances per lot and open count discrepancies',
      params: s.idParams,
      responses: { 200: { description: 'The stock' } },
      handler: async (ctx) => ({
        status: 200,
        body: stockView(await stockOfSiteUseCase(deps, ctx, ctx.params.id)),
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/sites/:id/stock/receipts',
      operation: 'stock.receive',
      tags: ['stock'],
      idempotent: true,
      summary: 'Receive bottles of a lot (from the supplier, or issued by another site)',
      params: s.idParams,
      body: s.receiptBody,
      responses: { 201: { description: 'Received' } },
      handler: async (ctx) => {
        const { entries, state } = await receiveStockUseCase(
          deps,
          callerOf(ctx),
          ctx.params.id,
          ctx.body,
          ctx.requestId,
        );
        return { status: 201, body: { entry: entries[0], stock: stockView(state) } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/sites/:id/stock/wastage',
      operation: 'stock.waste',
      tags: ['stock'],
      idempotent: true,
      summary: 'Record methadone lost or destroyed, with the reason',
      params: s.idParams,
      body: s.wastageBody,
      responses: { 201: { description: 'Recorded' } },
      handler: async (ctx) => {
        const { entries, state } = await wasteStockUseCase(
          deps,
          callerOf(ctx),
          ctx.params.id,
          ctx.body,
          ctx.requestId,
        );
        return { status: 201, body: { entry: entries[0], stock: stockView(state) } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/sites/:id/stock/counts',
      operation: 'stock.count',
      tags: ['stock'],
      idempotent: true,
      summary:
        'A physical count reconciled against the book (above the tolerance: awaits a second person)',
      params: s.idParams,
      body: s.countBody,
      responses: { 201: { description: 'Counted' } },
      handler: async (ctx) => ({
        status: 201,
        body: await countStockUseCase(deps, callerOf(ctx), ctx.params.id, ctx.body, ctx.requestId),
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/sites/:id/stock/counts/:countId/confirm',
      operation: 'stock.confirm',
      tags: ['stock'],
      idempotent: true,
      summary:
        'A second, different staff member confirms a count discrepancy; the book takes the count',
      params: s.countParams,
      body: s.confirmBody,
      responses: { 201: { description: 'Confirmed' } },
      handler: async (ctx) => {
        const { entry, state } = await confirmCountUseCase(
          deps,
          callerOf(ctx),
          ctx.params.id,
          ctx.params.countId,
          ctx.body.note,
        );
        return { status: 201, body: { entry, stock: stockView(state) } };
      },
    }),
  );
}
