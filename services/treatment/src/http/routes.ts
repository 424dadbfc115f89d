import { defineRoute, etagOf, type Api } from '@rehab/service-kit';
import { z } from 'zod';
import { loadCase, type TreatmentDeps } from '../app/deps.ts';
import { registerUseCase, sweepUseCase } from '../app/registration.ts';
import { dueItems } from '../domain/index.ts';
import { registerCompulsoryRoutes } from './compulsory-routes.ts';
import { registerPostRehabRoutes } from './post-rehab-routes.ts';
import { registerVoluntaryRoutes } from './voluntary-routes.ts';
import { caseSummary, caseView, localDate } from './views.ts';

/** Registers every /treatment/v1 route. */
export function registerRoutes(api: Api, deps: TreatmentDeps): void {
  const today = () => deps.clock.today();
  api.route(
    defineRoute({
      method: 'get',
      path: '/cases',
      operation: 'case.read',
      tags: ['cases'],
      summary: "A person's cases with kind, state, the dates that matter and what is due next",
      query: z.strictObject({ personId: z.uuid() }),
      responses: { 200: { description: 'Cases' } },
      handler: async (ctx) => {
        const cases = await deps.cases.byPerson(ctx.query.personId);
        return {
          status: 200,
          body: {
            items: cases
              .filter((c) => ctx.coversUnit(c.unitCode))
              .map((c) => caseSummary(c, today())),
          },
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/cases/:id',
      operation: 'case.read',
      tags: ['cases'],
      summary: 'A case with its timeline, state, what is due next, by when and who must act',
      params: z.object({ id: z.uuid() }),
      responses: { 200: { description: 'The case' }, 404: { description: 'Unknown case' } },
      handler: async (ctx) => {
        const kase = await loadCase(deps, ctx.params.id, ctx.requireJurisdiction);
        return {
          status: 200,
          headers: { ETag: etagOf(kase.version) },
          body: caseView(kase, today()),
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/cases/:id/registration',
      operation: 'case.register',
      tags: ['cases'],
      idempotent: true,
      summary:
        'Record the registration of voluntary rehab or methadone within the deadline (Decree 116/2021 Art. 3, 28)',
      params: z.object({ id: z.uuid() }),
      body: z.strictObject({
        on: localDate.optional(),
        modality: z.enum(['voluntary-home', 'voluntary-facility', 'methadone']),
      }),
      responses: {
        200: { description: 'Registered' },
        422: { description: 'After the deadline, or not awaiting registration' },
      },
      handler: async (ctx) => {
        const kase = await registerUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return {
          status: 200,
          headers: { ETag: etagOf(kase.version) },
          body: caseSummary(kase, today()),
        };
      },
    }),
  );
  registerVoluntaryRoutes(api, deps);
  registerCompulsoryRoutes(api, deps);
  registerPostRehabRoutes(api, deps);
  api.route(
    defineRoute({
      method: 'get',
      path: '/due',
      operation: 'due.read',
      tags: ['work queue'],
      summary:
        'What is due or overdue in a unit: registration deadlines (more steps come with the other case kinds)',
      query: z.strictObject({ unitCode: z.string().min(2).max(12) }),
      responses: { 200: { description: 'Due items, overdue first, then by date' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        const now = today();
        const items = (await deps.cases.byUnit(ctx.query.unitCode)).flatMap((kase) => [
          ...dueItems(kase, now).map((item) => ({
            caseId: kase.id,
            personId: kase.personId,
            ...item,
          })),
          ...(kase.kind === 'awaiting-registration' && kase.state === 'overdue' && kase.violation
            ? [
                {
                  caseId: kase.id,
                  personId: kase.personId,
                  what: 'violation-recorded-compulsory-placement-basis',
                  dueBy: kase.violation.on,
                  actor: 'commune',
                  overdue: true,
                  legalRef: kase.violation.legalRef,
                },
              ]
            : []),
        ]);
        items.sort(
          (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueBy.localeCompare(b.dueBy),
        );
        return { status: 200, body: { unitCode: ctx.query.unitCode, asOf: now, items } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/ops/sweep',
      operation: 'sweep.run',
      tags: ['operations'],
      summary: 'Run the deadline sweep now (idempotent; it also runs periodically)',
      responses: { 200: { description: 'How many cases became overdue' } },
      handler: async () => ({ status: 200, body: { overdue: await sweepUseCase(deps) } }),
    }),
  );
}
