import { auditsItems, auditsOne, defineRoute, etagOf, type Api } from '@rehab/service-kit';
import { z } from 'zod';
import { loadCase, type TreatmentDeps } from '../app/deps.ts';
import { registerStep, sweepUseCase } from '../app/registration.ts';
import { registerCompulsoryRoutes } from './compulsory-routes.ts';
import { registerDueRoute } from './due-route.ts';
import { registerPostRehabRoutes } from './post-rehab-routes.ts';
import { registerVoluntaryRoutes } from './voluntary-routes.ts';
import { stepRoute } from './step-route.ts';
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
      audited: auditsItems('personId'),
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
      audited: auditsOne('personId'),
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
  stepRoute(api, deps, {
    step: 'registration',
    operation: 'case.register',
    tags: ['cases'],
    summary:
      'Record the registration of voluntary rehab or methadone within the deadline (Decree 116/2021 Art. 3, 28)',
    description:
      'A voluntary registration opens the episode (returned as `opened`), awaiting the commune decision (home) or the admission (facility). 422 after the deadline or when the case is not awaiting registration.',
    body: z.strictObject({
      on: localDate.optional(),
      modality: z.enum(['voluntary-home', 'voluntary-facility', 'methadone']),
    }),
    run: (call) => registerStep(deps, call.principal, call.guard, call.id, call.body),
  });
  registerVoluntaryRoutes(api, deps);
  registerCompulsoryRoutes(api, deps);
  registerPostRehabRoutes(api, deps);
  registerDueRoute(api, deps);
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
