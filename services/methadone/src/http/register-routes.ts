// /sites/{id}/register: the day's book, its verification, and corrections.
import { defineRoute, type Api } from '@rehab/service-kit';
import type { MethadoneDeps } from '../app/deps.ts';
import { correctEntryUseCase, registerDayUseCase, verifyRegisterUseCase } from '../app/register.ts';
import { callerOf } from './caller.ts';
import * as s from './schemas.ts';

export function registerRegisterRoutes(api: Api, deps: MethadoneDeps): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/sites/:id/register',
      operation: 'register.read',
      tags: ['register'],
      summary: "The day's dispensing register in the layout of the official book",
      params: s.idParams,
      query: s.dateQuery,
      responses: { 200: { description: 'The register of the day' } },
      handler: async (ctx) => ({
        status: 200,
        body: await registerDayUseCase(
          deps,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.query.date,
        ),
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/sites/:id/register/verify',
      operation: 'register.read',
      tags: ['register'],
      summary: 'Recompute the hash chain of the register and name the first broken entry, if any',
      params: s.idParams,
      responses: { 200: { description: 'The verdict' } },
      handler: async (ctx) => ({
        status: 200,
        body: await verifyRegisterUseCase(deps, ctx.requireJurisdiction, ctx.params.id),
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/sites/:id/register/corrections',
      operation: 'register.correct',
      tags: ['register'],
      idempotent: true,
      summary: 'A correction: a new entry pointing at the one it corrects (nothing is rewritten)',
      params: s.idParams,
      body: s.correctionBody,
      responses: { 201: { description: 'Recorded' } },
      handler: async (ctx) => ({
        status: 201,
        body: await correctEntryUseCase(
          deps,
          callerOf(ctx),
          ctx.params.id,
          ctx.body,
          ctx.requestId,
        ),
      }),
    }),
  );
}
