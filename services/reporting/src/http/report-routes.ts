import { defineRoute, type Api } from '@rehab/service-kit';
import type { ReportingDeps } from '../app/deps.ts';
import { presentVersion } from '../app/report.ts';
import {
  completenessUseCase,
  submitReportUseCase,
  submittedReportUseCase,
} from '../app/submissions.ts';
import * as s from './schemas.ts';

/** Submission (freezing a version) and completeness. */
export function registerReportRoutes(api: Api, deps: ReportingDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/reports/:period/:unitCode/submit',
      operation: 'report.submit',
      tags: ['reports'],
      idempotent: true,
      summary:
        "Freeze the unit's report for the period as its next version (1, then 2 for a revision)",
      params: s.reportParams,
      responses: { 201: { description: 'The submitted version' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        const report = await submitReportUseCase(
          deps,
          ctx.principal,
          ctx.params.period,
          ctx.params.unitCode,
        );
        return { status: 201, body: presentVersion(deps, report, ctx.principal) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/reports/:period/:unitCode',
      operation: 'report.read',
      tags: ['reports'],
      summary: 'The latest submitted version of a report',
      params: s.reportParams,
      responses: {
        200: { description: 'The frozen report' },
        404: { description: 'Not submitted' },
      },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        const report = await submittedReportUseCase(deps, ctx.params.period, ctx.params.unitCode);
        return { status: 200, body: presentVersion(deps, report, ctx.principal) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/completeness',
      operation: 'report.read',
      tags: ['reports'],
      summary: 'Which units submitted their report for the period, and which did so on time',
      query: s.completenessQuery,
      responses: { 200: { description: 'Completeness' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        return {
          status: 200,
          body: await completenessUseCase(deps, ctx.query.period, ctx.query.unitCode),
        };
      },
    }),
  );
}
