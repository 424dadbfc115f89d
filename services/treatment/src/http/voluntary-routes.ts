// Voluntary rehab and provider notices over HTTP. A registration received directly (without
// a case awaiting registration, or by a facility that does not know of one) is
// POST /voluntary-registrations: its own resource rather than POST /cases, because what it
// creates depends on the person's cases (it may record the registration on the case awaiting
// it). Each step has its own path and policy operation, prefixed where another case kind
// could have a step of the same name (admission, completion).
import { defineRoute, etagOf, type Api, freeText } from '@rehab/service-kit';
import { z } from 'zod';
import type { TreatmentDeps } from '../app/deps.ts';
import {
  admitUseCase,
  decideHomeUseCase,
  providerNoticeUseCase,
  recordStageUseCase,
} from '../app/voluntary.ts';
import { registerDirectUseCase } from '../app/voluntary-registration.ts';
import { completeUseCase, violationUseCase } from '../app/voluntary-outcomes.ts';
import { rehabStages } from '../domain/index.ts';
import { requireOccurred } from '../app/occurred.ts';
import { stepRoute } from './step-route.ts';
import { caseView, localDate } from './views.ts';

const tags = ['voluntary rehab'];
const on = localDate.optional();
const termMonths = z.number().int().min(1).max(60);
const reference = freeText({ max: 100 });

/** The voluntary steps under /treatment/v1/cases/{id}/... and the direct registration. */
export function registerVoluntaryRoutes(api: Api, deps: TreatmentDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/voluntary-registrations',
      operation: 'voluntary.register',
      tags,
      idempotent: true,
      summary:
        'Record a voluntary rehab registration received directly by the commune or a facility (form 22/23), opening the episode',
      description:
        'The person must be known from the registry. A person still awaiting registration after an "addicted" result has it recorded on that case (registrationCaseId), with its deadline. A facility registers facility rehab only. One episode at a time per person.',
      body: z.strictObject({
        personId: z.uuid(),
        modality: z.enum(['voluntary-home', 'voluntary-facility']),
        on,
      }),
      responses: {
        201: { description: 'The episode, awaiting the decision or the admission' },
        422: {
          description: 'Person unknown, under 12, already in an episode, or after the deadline',
        },
      },
      handler: async (ctx) => {
        const today = deps.clock.today();
        requireOccurred('on', ctx.body.on, today);
        const { kase, registrationCaseId } = await registerDirectUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return {
          status: 201,
          headers: { ETag: etagOf(kase.version), Location: `${api.basePath}/cases/${kase.id}` },
          body: { ...caseView(kase, today), ...(registrationCaseId ? { registrationCaseId } : {}) },
        };
      },
    }),
  );

  stepRoute(api, deps, {
    step: 'voluntary/home-decision',
    operation: 'voluntary.decide-home',
    tags,
    summary:
      'Decide home/community rehab and assign the responsible official or provider (form 24; Decree 116/2021 Art. 28)',
    description:
      "The deciding office is the caller's (commune chairman under LAW-2021, commune police chief under LAW-2025); the term starts on the decision.",
    body: z.strictObject({
      on,
      termMonths,
      responsible: z.strictObject({ kind: z.enum(['official', 'provider']), id: reference }),
    }),
    run: ({ body, ...call }) => decideHomeUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'voluntary/facility-admission',
    operation: 'voluntary.admit',
    tags,
    summary:
      'Admit a person registered for voluntary facility rehab; the term starts (Law 73/2021 Art. 31)',
    body: z.strictObject({ on, facilityId: reference, termMonths }),
    run: ({ body, ...call }) => admitUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'voluntary/stages',
    operation: 'voluntary.record-stage',
    tags,
    summary:
      'Record the next of the five stages as done, `on` being its last day (Law 73/2021 Art. 29)',
    body: z.strictObject({ on, stage: z.enum(rehabStages), startedOn: localDate }),
    run: ({ body, ...call }) => recordStageUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'voluntary/home-completion',
    operation: 'voluntary.certify-home-completion',
    tags,
    summary: 'Certify completion of home/community rehab (form 26a); opens post-rehab management',
    description:
      'Needs the first three stages and the minimum term; certified by the office the regime names (the commune chairman under LAW-2021).',
    body: z.strictObject({ on }),
    run: ({ body, ...call }) => completeUseCase(deps, call, 'voluntary-home', body),
  });

  stepRoute(api, deps, {
    step: 'voluntary/facility-completion',
    operation: 'voluntary.certify-facility-completion',
    tags,
    summary:
      'Certify completion of voluntary facility rehab (form 26b); opens post-rehab management',
    body: z.strictObject({ on }),
    run: ({ body, ...call }) => completeUseCase(deps, call, 'voluntary-facility', body),
  });

  stepRoute(api, deps, {
    step: 'voluntary/violations',
    operation: 'voluntary.record-violation',
    tags,
    summary:
      'Record quitting, not carrying out, or a positive test during voluntary rehab; opens the compulsory case (Law 73/2021 Art. 32)',
    body: z.strictObject({
      on,
      kind: z.enum(['quit', 'not-carried-out', 'positive-test']),
      recordNumber: reference.optional(),
    }),
    run: ({ body, ...call }) => violationUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'voluntary/provider-notices',
    operation: 'voluntary.record-provider-notice',
    tags,
    summary:
      "Record a provider's notice of start, quitting or completion, `on` being the day the commune received it (5 working days; Decree 116/2021 Art. 28)",
    body: z.strictObject({ on, about: z.enum(['start', 'quitting', 'completion']) }),
    run: ({ body, ...call }) => providerNoticeUseCase(deps, call, body),
  });
}
