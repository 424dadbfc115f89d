import {
  auditsItems,
  decodeCursor,
  defineRoute,
  encodeCursor,
  pageQueryShape,
  type Api,
  type UnitDirectory,
} from '@rehab/service-kit';
import { z } from 'zod';
import type { TreatmentDeps } from '../app/deps.ts';
import { localDate } from './views.ts';

const position = z.strictObject({ dueBy: localDate, caseId: z.string(), what: z.string() });

/** The unit and every unit inside it (a province's communes, also historic ones). */
function unitsWithin(units: UnitDirectory, unitCode: string): string[] {
  const inside = units
    .list()
    .filter((unit) => unit.code !== unitCode && units.isWithin(unit.code, unitCode))
    .map((unit) => unit.code);
  return [unitCode, ...inside];
}

/** GET /due: the work queue of a unit and the units inside it. */
export function registerDueRoute(api: Api, deps: TreatmentDeps): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/due',
      operation: 'due.read',
      audited: auditsItems('personId'),
      tags: ['work queue'],
      summary:
        'What is due or overdue in a unit and the units inside it (a province: all its communes): registration deadlines, decisions, dossiers, court decisions, notices, terms ending',
      description:
        'Overdue items first (oldest first), then by due date; `overdue` counts the overdue items of the whole queue. `actor` keeps the items of some actors (comma-separated, e.g. `commune-police,person`). Pages with `limit` and `cursor`.',
      query: z.strictObject({
        unitCode: z.string().min(2).max(12),
        actor: z
          .string()
          .max(200)
          .regex(/^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/, 'actors separated by commas')
          .optional(),
        ...pageQueryShape,
      }),
      responses: { 200: { description: 'Due items, overdue first, then by date' } },
      handler: async (ctx) => {
        const { unitCode, actor, limit, cursor } = ctx.query;
        ctx.requireJurisdiction(unitCode);
        const today = deps.clock.today();
        const page = await deps.cases.dueWork({
          unitCodes: unitsWithin(deps.units, unitCode),
          today,
          limit,
          actors: actor?.split(','),
          after: cursor ? decodeCursor(cursor, position) : undefined,
        });
        return {
          status: 200,
          body: {
            unitCode,
            asOf: today,
            overdue: page.overdue,
            items: page.items.map((item) => ({
              caseId: item.caseId,
              personId: item.personId,
              unitCode: item.unitCode,
              kind: item.kind,
              what: item.what,
              dueBy: item.dueBy,
              actor: item.actor,
              overdue: item.overdue,
              ...(item.legalRef ? { legalRef: item.legalRef } : {}),
            })),
            ...(page.next ? { nextCursor: encodeCursor({ ...page.next }) } : {}),
          },
        };
      },
    }),
  );
}
