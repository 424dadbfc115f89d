// Every state-changing step of a case is a POST on /cases/{id}/<step> with the same
// contract: Idempotency-Key honoured, If-Match honoured when sent (412 when stale), the
// jurisdiction of the caller's grant checked on the case's commune, a problem+json naming
// the rule when the step is refused, and the case (with its ETag) when it is taken. A
// step's `on` may not be after today: the record follows the fact.
import { defineRoute, etagOf, ifMatchVersion, type Api, type Principal } from '@rehab/service-kit';
import { z } from 'zod';
import type { StepResult } from '../app/case-steps.ts';
import { requireOccurred } from '../app/occurred.ts';
import type { JurisdictionGuard, TreatmentDeps } from '../app/deps.ts';
import { caseView } from './views.ts';

export interface StepCall<B> {
  id: string;
  body: B;
  principal: Principal;
  guard: JurisdictionGuard;
  expectedVersion: number | undefined;
}

export interface StepRouteSpec<BS extends z.ZodType> {
  /** The path segment after /cases/{id}/. */
  step: string;
  operation: string;
  tags: string[];
  summary: string;
  description?: string;
  body: BS;
  run(call: StepCall<z.output<BS>>): Promise<StepResult>;
}

/** Registers POST /cases/:id/<step>. */
export function stepRoute<BS extends z.ZodType>(
  api: Api,
  deps: TreatmentDeps,
  spec: StepRouteSpec<BS>,
): void {
  api.route(
    defineRoute({
      method: 'post',
      path: `/cases/:id/${spec.step}`,
      operation: spec.operation,
      tags: spec.tags,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      idempotent: true,
      params: z.object({ id: z.uuid() }),
      body: spec.body,
      responses: {
        200: { description: 'The step was taken; the case as it now is' },
        404: { description: 'Unknown case' },
        412: { description: 'If-Match names an older version' },
        422: { description: 'The step is refused: the problem names the rule' },
      },
      handler: async (ctx) => {
        const today = deps.clock.today();
        const on: unknown = (ctx.body as { on?: unknown } | undefined)?.on;
        if (typeof on === 'string') requireOccurred('on', on, today);
        const { kase, opened } = await spec.run({
          id: ctx.params.id,
          body: ctx.body,
          principal: ctx.principal,
          guard: ctx.requireJurisdiction,
          expectedVersion: ifMatchVersion(ctx.req.header('if-match')),
        });
        return {
          status: 200,
          headers: { ETag: etagOf(kase.version) },
          body: {
            ...caseView(kase, today),
            ...(opened ? { opened: caseView(opened, today) } : {}),
          },
        };
      },
    }),
  );
}
