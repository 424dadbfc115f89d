import { defineRoute, type Api } from '@rehab/service-kit';
import type { ReportingDeps } from '../app/deps.ts';
import { indicatorsUseCase } from '../app/report.ts';
import * as s from './schemas.ts';

/** GET /indicators: every indicator of a unit for a period, against its target. */
export function registerIndicatorRoutes(api: Api, deps: ReportingDeps): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/indicators',
      operation: 'report.read',
      tags: ['indicators'],
      summary: "A unit's indicators for a period: value, target, share achieved and asOf",
      query: s.indicatorsQuery,
      responses: { 200: { description: 'The figures', schema: s.indicatorsView } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        return { status: 200, body: await indicatorsUseCase(deps, ctx.principal, ctx.query) };
      },
    }),
  );
}
