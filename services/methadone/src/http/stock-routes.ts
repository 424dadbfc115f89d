// /sites/{id}/stock: receipts, wastage, counts and their second-person confirmation.
import { defineRoute, type Api } from '@rehab/service-kit';
import type { z } from 'zod';
import type { LedgerState } from '../app/ports.ts';
import type { Caller, MethadoneDeps } from '../app/deps.ts';
import {
  confirmCountUseCase,
  countStockUseCase,
  receiveStockUseCase,
  stockOfSiteUseCase,
  wasteStockUseCase,
} from '../app/stock.ts';
import type { RegisterEntry } from '../domain/index.ts';
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

/** A register write's answer: the entry it made and the site's stock after it. */
const entryAndStock = ({ entries, state }: { entries: RegisterEntry[]; state: LedgerState }) => ({
  entry: entries[0],
  stock: stockView(state),
});

/**
 * The writes to a site's stock that share one shape: POST /sites/:id/stock/..., tagged
 * `stock`, idempotent, a body checked by `body`, and 201 with `view` of what the use case
 * returned (the result itself without a view).
 */
function stockWriteRoute<BS extends z.ZodType, Written>(
  deps: MethadoneDeps,
  route: {
    path: string;
    operation: string;
    summary: string;
    body: BS;
    /** The description of the 201 response. */
    created: string;
    write: (
      deps: MethadoneDeps,
      caller: Caller,
      siteId: string,
      body: z.output<BS>,
      requestKey: string,
    ) => Promise<Written>;
    view?: (written: Written) => unknown;
  },
) {
  const view = route.view ?? ((written: Written) => written);
  return defineRoute({
    method: 'post',
    path: route.path,
    operation: route.operation,
    tags: ['stock'],
    idempotent: true,
    summary: route.summary,
    params: s.idParams,
    body: route.body,
    responses: { 201: { description: route.created } },
    handler: async (ctx) => ({
      status: 201,
      body: view(await route.write(deps, callerOf(ctx), ctx.params.id, ctx.body, ctx.requestId)),
    }),
  });
}

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
    stockWriteRoute(deps, {
      path: '/sites/:id/stock/receipts',
      operation: 'stock.receive',
      summary: 'Receive bottles of a lot (from the supplier, or issued by another site)',
      body: s.receiptBody,
      created: 'Received',
      write: receiveStockUseCase,
      view: entryAndStock,
    }),
  );
  api.route(
    stockWriteRoute(deps, {
      path: '/sites/:id/stock/wastage',
      operation: 'stock.waste',
      summary: 'Record methadone lost or destroyed, with the reason',
      body: s.wastageBody,
      created: 'Recorded',
      write: wasteStockUseCase,
      view: entryAndStock,
    }),
  );
  api.route(
    stockWriteRoute(deps, {
      path: '/sites/:id/stock/counts',
      operation: 'stock.count',
      summary:
        'A physical count reconciled against the book (above the tolerance: awaits a second person)',
      body: s.countBody,
      created: 'Counted',
      write: countStockUseCase,
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
