import { defineRoute, type Api } from '@rehab/service-kit';
import { recordActivityUseCase } from '../app/activities.ts';
import type { ReportingDeps } from '../app/deps.ts';
import * as s from './schemas.ts';

/** Manual activities a commune enters; the catalogue is GET /activities. */
export function registerActivityRoutes(api: Api, deps: ReportingDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/activities',
      operation: 'activity.record',
      tags: ['activities'],
      idempotent: true,
      summary:
        'Enter the value of a manual activity for a unit and period (replaces an earlier value)',
      body: s.activityBody,
      responses: { 201: { description: 'Recorded' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.body.unitCode);
        return { status: 201, body: await recordActivityUseCase(deps, ctx.principal, ctx.body) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/activities',
      operation: 'report.read',
      tags: ['activities'],
      summary: 'The activity catalogue',
      responses: { 200: { description: 'Activities that can be entered' } },
      handler: async () => ({ status: 200, body: { items: deps.catalogue.activities } }),
    }),
  );
}
