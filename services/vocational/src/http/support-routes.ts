// Counselling, job placements and their follow-ups.
import {
  auditsOne,
  defineRoute,
  etagOf,
  freeText,
  ifMatchVersion,
  type Api,
} from '@rehab/service-kit';
import { z } from 'zod';
import { counsellingUseCase } from '../app/counselling.ts';
import type { VocationalDeps } from '../app/deps.ts';
import { followUpUseCase, loadPlacement, placementUseCase } from '../app/placements.ts';
import { contractKinds } from '../domain/index.ts';
import { requireOccurred } from './occurred.ts';
import { localDate, placementView } from './views.ts';

const employer = z.strictObject({
  name: freeText({ max: 200, example: 'Công ty TNHH May Hòa Bình' }),
  taxCode: z
    .string()
    .regex(/^\d{10}(-\d{3})?$/, 'must be a Vietnamese tax code: 10 digits, or 10-3')
    .optional(),
});

export function registerSupportRoutes(api: Api, deps: VocationalDeps): void {
  const today = () => deps.clock.today();

  api.route(
    defineRoute({
      method: 'post',
      path: '/persons/:personId/counselling',
      operation: 'counselling.record',
      tags: ['counselling'],
      idempotent: true,
      summary: 'Record a job counselling session (a support after rehab)',
      params: z.strictObject({ personId: z.uuid() }),
      body: z.strictObject({
        on: localDate,
        topic: freeText({ max: 200, example: 'Tư vấn học nghề' }),
        outcome: freeText({ max: 2000, example: 'Đăng ký học nghề may' }),
      }),
      responses: {
        201: { description: 'Recorded' },
        422: { description: 'Unknown person, or a date after today' },
      },
      handler: async (ctx) => {
        requireOccurred('on', ctx.body.on, today());
        const { session } = await counsellingUseCase(deps, ctx.principal, ctx.requireJurisdiction, {
          personId: ctx.params.personId,
          ...ctx.body,
        });
        return { status: 201, body: { personId: ctx.params.personId, ...session } };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/placements',
      operation: 'placement.record',
      tags: ['placements'],
      idempotent: true,
      summary: 'Record a job placement; its follow-ups at 3, 6 and 12 months enter the work queue',
      body: z.strictObject({
        personId: z.uuid(),
        employer,
        startsOn: localDate,
        contract: z.enum(contractKinds),
      }),
      responses: {
        201: { description: 'Recorded, with its follow-up plan' },
        422: { description: 'Unknown person' },
      },
      handler: async (ctx) => {
        const placement = await placementUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return {
          status: 201,
          headers: {
            ETag: etagOf(placement.version),
            Location: `${api.basePath}/placements/${placement.id}`,
          },
          body: placementView(placement),
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/placements/:id',
      operation: 'placement.read',
      audited: auditsOne('personId'),
      tags: ['placements'],
      summary: 'A job placement with its follow-ups',
      params: z.strictObject({ id: z.uuid() }),
      responses: { 200: { description: 'The placement' }, 404: { description: 'No placement' } },
      handler: async (ctx) => {
        const placement = await loadPlacement(deps, ctx.params.id, ctx.requireJurisdiction);
        return {
          status: 200,
          headers: { ETag: etagOf(placement.version) },
          body: placementView(placement),
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/placements/:id/follow-ups',
      operation: 'placement.record',
      tags: ['placements'],
      summary: 'Record the next follow-up (3, 6 or 12 months): still employed or not',
      description: 'If-Match is optional; when given, a stale version is a 412.',
      params: z.strictObject({ id: z.uuid() }),
      body: z.strictObject({
        on: localDate,
        stillEmployed: z.boolean(),
        note: freeText({ max: 2000 }).optional(),
      }),
      responses: {
        200: { description: 'Recorded' },
        404: { description: 'No placement' },
        412: { description: 'If-Match names another version' },
        422: { description: 'No follow-up left, or a date before the job or after today' },
      },
      handler: async (ctx) => {
        requireOccurred('on', ctx.body.on, today());
        const placement = await followUpUseCase(deps, ctx.principal, ctx.requireJurisdiction, {
          placementId: ctx.params.id,
          ...ctx.body,
          expectedVersion: ifMatchVersion(ctx.req.header('if-match')),
        });
        return {
          status: 200,
          headers: { ETag: etagOf(placement.version) },
          body: placementView(placement),
        };
      },
    }),
  );
}
