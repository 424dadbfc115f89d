import { defineRoute, type Api } from '@rehab/service-kit';
import type { ReportingDeps } from '../app/deps.ts';
import { reportCsvUseCase, reportDhis2UseCase, reportXlsxUseCase } from '../app/exports.ts';
import type { Dhis2MappingRules } from '../domain/dhis2.ts';
import * as s from './schemas.ts';

/** The report as a file in the official table's layout, and as DHIS2 dataValueSets. */
export function registerExportRoutes(
  api: Api,
  deps: ReportingDeps,
  dhis2: Dhis2MappingRules,
): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/reports/:period/:unitCode.csv',
      operation: 'report.read',
      tags: ['exports'],
      summary: 'The report as CSV in the layout of the official table (UTF-8)',
      params: s.reportParams,
      responses: { 200: { description: 'text/csv' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        const csv = await reportCsvUseCase(deps, ctx.principal, ctx.params);
        return {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="report-${ctx.params.period}-${ctx.params.unitCode}.csv"`,
          },
          body: Buffer.from(csv, 'utf8'),
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/reports/:period/:unitCode.xlsx',
      operation: 'report.read',
      tags: ['exports'],
      summary: 'The report as an XLSX workbook in the layout of the official table',
      params: s.reportParams,
      responses: {
        200: { description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        return {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="report-${ctx.params.period}-${ctx.params.unitCode}.xlsx"`,
          },
          body: await reportXlsxUseCase(deps, ctx.principal, ctx.params),
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/reports/:period/:unitCode/dhis2',
      operation: 'report.read',
      tags: ['exports'],
      summary:
        "The report as DHIS2 dataValueSets JSON (POST /api/dataValueSets), DHIS2's period ids",
      params: s.reportParams,
      responses: { 200: { description: 'dataValueSets' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.params.unitCode);
        return {
          status: 200,
          body: await reportDhis2UseCase(deps, dhis2, ctx.principal, ctx.params),
        };
      },
    }),
  );
}
