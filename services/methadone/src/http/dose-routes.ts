// Daily dosing: observed doses, the morning queue of a site, the missed-dose sweep.
import { auditsItems, auditsOne, defineRoute, type Api } from '@rehab/service-kit';
import type { MethadoneDeps } from '../app/deps.ts';
import { recordDoseUseCase } from '../app/doses.ts';
import { sweepUseCase } from '../app/sweep.ts';
import { todayQueueUseCase } from '../app/today-queue.ts';
import { callerOf } from './caller.ts';
import * as s from './schemas.ts';

export function registerDoseRoutes(api: Api, deps: MethadoneDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/patients/:id/doses',
      operation: 'dose.record',
      tags: ['doses'],
      idempotent: true,
      audited: auditsOne('personId'),
      summary:
        'Record the observed dose of the day (exactly the ordered dose, once per patient-day)',
      params: s.idParams,
      body: s.doseBody,
      responses: {
        201: { description: 'Recorded' },
        409: { description: 'The patient-day already has its dose (the answer names it)' },
        422: {
          description: 'Not the ordered dose, a stop flag, guest dosing elsewhere, or no stock',
        },
      },
      handler: async (ctx) => ({
        status: 201,
        body: await recordDoseUseCase(deps, callerOf(ctx), ctx.params.id, ctx.body),
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/sites/:id/today',
      operation: 'queue.read',
      tags: ['doses'],
      audited: auditsItems('personId'),
      summary: "The morning queue: who is due, each one's dose, open flags, who is already dosed",
      params: s.idParams,
      responses: { 200: { description: 'The queue' } },
      handler: async (ctx) => ({
        status: 200,
        body: await todayQueueUseCase(deps, ctx.requireJurisdiction, ctx.params.id),
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/ops/sweep',
      operation: 'sweep.run',
      tags: ['operations'],
      summary: 'Run the missed-dose sweep now (it also runs hourly); idempotent',
      responses: { 200: { description: 'What the sweep judged' } },
      handler: async () => ({ status: 200, body: await sweepUseCase(deps) }),
    }),
  );
}
