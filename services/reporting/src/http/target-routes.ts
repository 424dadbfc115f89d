import { defineRoute, etagOf, type Api } from '@rehab/service-kit';
import type { ReportingDeps } from '../app/deps.ts';
import { putTargetsUseCase } from '../app/targets.ts';
import * as s from './schemas.ts';

/** Targets (chỉ tiêu) of a unit for a year. */
export function registerTargetRoutes(api: Api, deps: ReportingDeps): void {
  api.route(
    defineRoute({
      method: 'put',
      path: '/targets/:year/:unitCode',
      operation: 'target.manage',
      tags: ['targets'],
      summary: "Replace a unit's yearly targets: { indicatorOrActivityId: value }",
      params: s.targetParams,
      body: s.targetBody,
      responses: {
        200: { description: 'The targets now in force' },
        400: { description: 'An unknown id or a bad value' },
      },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        const saved = await putTargetsUseCase(
          deps,
          ctx.principal,
          ctx.params.year,
          ctx.params.unitCode,
          ctx.body,
        );
        return { status: 200, headers: { ETag: etagOf(saved.version) }, body: saved };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/targets/:year/:unitCode',
      operation: 'report.read',
      tags: ['targets'],
      summary: "A unit's targets for a year",
      params: s.targetParams,
      responses: { 200: { description: 'The targets (empty when none are set)' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        const saved = await deps.targets.get(ctx.params.year, ctx.params.unitCode);
        return {
          status: 200,
          body: saved ?? { year: ctx.params.year, unitCode: ctx.params.unitCode, values: {} },
        };
      },
    }),
  );
}
