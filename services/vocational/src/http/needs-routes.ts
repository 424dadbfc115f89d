// The work queue: GET /vocational/v1/needs?unitCode=&status= (a commune's or a province's),
// with the job follow-ups due; and a person's support file.
import {
  decodeCursor,
  defineRoute,
  encodeCursor,
  pageQueryShape,
  auditsOne,
  type Api,
} from '@rehab/service-kit';
import { z } from 'zod';
import { appErrors, found, type VocationalDeps } from '../app/deps.ts';
import { followUpsDue, needsQueue, withNames } from '../app/work-queue.ts';
import { daysWaited, needStatuses } from '../domain/index.ts';
import { auditsPersonLists, unitCode } from './views.ts';

const cursorShape = z.object({ since: z.string(), id: z.string() });
const tags = ['needs'];

export function registerNeedsRoutes(api: Api, deps: VocationalDeps): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/needs',
      operation: 'need.read',
      audited: auditsPersonLists('items', 'followUpsDue'),
      tags,
      summary:
        "A commune's or the province's work queue: who has no support yet and how long they have waited, and the job follow-ups due",
      query: z.strictObject({
        unitCode,
        status: z.enum(needStatuses).default('waiting'),
        ...pageQueryShape,
      }),
      responses: { 200: { description: 'The queue, longest wait first, and the follow-ups due' } },
      handler: async (ctx) => {
        const { unitCode: unit, status, limit, cursor } = ctx.query;
        ctx.requireJurisdiction(unit);
        const after = cursor ? decodeCursor(cursor, cursorShape) : undefined;
        const { entries: page, next } = await needsQueue(deps, {
          unitCode: unit,
          status,
          limit,
          after,
        });
        const items = await withNames(
          deps,
          page.map(({ file, daysWaited: waited }) => ({
            personId: file.id,
            unitCode: file.unitCode,
            status: file.status,
            ...(file.waitingSince ? { waitingSince: file.waitingSince } : {}),
            daysWaited: waited,
            needs: [...new Set(file.episodes.flatMap((episode) => episode.needs))],
            episodes: file.episodes,
            supportsGiven: file.supports.length,
          })),
        );
        // Follow-ups come with the first page only: they are few, and all of them are due.
        const followUps = cursor
          ? []
          : await withNames(
              deps,
              (await followUpsDue(deps, unit)).map((due) => ({
                placementId: due.placement.id,
                personId: due.placement.personId,
                employer: due.placement.employer.name,
                startsOn: due.placement.startsOn,
                months: due.months,
                dueOn: due.dueOn,
                daysOverdue: due.daysOverdue,
              })),
            );
        return {
          status: 200,
          body: {
            unitCode: unit,
            status,
            items,
            followUpsDue: followUps,
            ...(next ? { nextCursor: encodeCursor(next) } : {}),
          },
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/persons/:personId/support',
      operation: 'support.read',
      audited: auditsOne('personId'),
      tags,
      summary: "A person's support file: needs by episode, counselling and the support given",
      params: z.strictObject({ personId: z.uuid() }),
      responses: { 200: { description: 'The support file' }, 404: { description: 'No file' } },
      handler: async (ctx) => {
        const file = found(
          await deps.files.get(ctx.params.personId),
          appErrors.supportFileNotFound,
          {
            id: ctx.params.personId,
          },
        );
        ctx.requireJurisdiction(file.unitCode);
        const { id, version: _v, ...rest } = file;
        return {
          status: 200,
          body: { personId: id, ...rest, daysWaited: daysWaited(file, deps.clock.today()) },
        };
      },
    }),
  );
}
