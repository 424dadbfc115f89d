// Post-rehab management over HTTP: opening a case (for persons released before the platform,
// or a completed methadone treatment), the commune's management list, and one step route
// per transition under /cases/{id}/post-rehab/..., namespaced so that no other kind's step
// of the same name (decide, complete, remove) shadows it.
import { auditsItems, defineRoute, etagOf, freeText, type Api } from '@rehab/service-kit';
import { z } from 'zod';
import { officeOf } from '../app/actors.ts';
import type { TreatmentDeps } from '../app/deps.ts';
import {
  assignHelperUseCase,
  completePostRehabUseCase,
  recordAbsenceUseCase,
  recordContactUseCase,
  recordSupportNeedUseCase,
  recordTestUseCase,
  removeFromPostRehabUseCase,
} from '../app/post-rehab-management.ts';
import {
  decidePostRehabUseCase,
  openFileUseCase,
  openPostRehabUseCase,
  reportInUseCase,
  type PostRehabCall,
} from '../app/post-rehab.ts';
import {
  postRehabActiveStates,
  postRehabOrigins,
  postRehabStates,
  removalReasons,
  supportNeeds,
  type PostRehabState,
} from '../domain/index.ts';
import { stepRoute, type StepCall } from './step-route.ts';
import { requireOccurred } from '../app/occurred.ts';
import { caseSummary, caseView, localDate } from './views.ts';

const tags = ['post-rehab'];
const on = localDate.optional().describe('The day of the step; today when absent');
const reference = freeText({ max: 200 });

/** The post-rehab steps under /treatment/v1/cases/{id}/post-rehab/... */
export function registerPostRehabRoutes(api: Api, deps: TreatmentDeps): void {
  const today = () => deps.clock.today();
  const callOf = (call: StepCall<unknown>): PostRehabCall => ({
    id: call.id,
    actor: call.principal,
    guard: call.guard,
    expectedVersion: call.expectedVersion,
  });

  api.route(
    defineRoute({
      method: 'post',
      path: '/post-rehab-cases',
      operation: 'post-rehab.open',
      tags,
      summary:
        'Open post-rehab management for a person whose rehab ended, in the commune of residence (Law 73/2021 Art. 40)',
      description:
        'For persons released or certified before the platform, or after a completed methadone treatment. One case per person, origin and end of rehab: a resend returns it (200).',
      idempotent: true,
      body: z.strictObject({
        personId: z.uuid(),
        origin: z.enum(postRehabOrigins),
        rehabEndedOn: localDate.describe('Release from compulsory rehab, or the completion'),
        sourceReference: reference
          .optional()
          .describe('The release or completion certificate it is opened from'),
      }),
      responses: {
        201: { description: 'Opened; the case awaits the report-in or the file' },
        200: { description: 'Already opened for this person, origin and date' },
        422: { description: 'Unknown person, an origin the age rules out, or one already open' },
      },
      handler: async (ctx) => {
        const now = today();
        requireOccurred('rehabEndedOn', ctx.body.rehabEndedOn, now);
        const { kase, created } = await openPostRehabUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return {
          status: created ? 201 : 200,
          headers: { ETag: etagOf(kase.version), Location: `${api.basePath}/cases/${kase.id}` },
          body: caseView(kase, now),
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/post-rehab-cases',
      operation: 'post-rehab.list',
      audited: auditsItems('personId'),
      tags,
      summary: "A commune's post-rehab management list (form 52), with terms and support needs",
      query: z.strictObject({
        unitCode: z.string().min(2).max(12),
        state: z.enum(postRehabStates).optional(),
      }),
      responses: { 200: { description: 'Post-rehab cases; by default those on the list' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        const wanted: readonly PostRehabState[] = ctx.query.state
          ? [ctx.query.state]
          : postRehabActiveStates;
        const items = (await deps.cases.byUnitAndKind(ctx.query.unitCode, 'post-rehab'))
          .filter((kase) => kase.kind === 'post-rehab' && wanted.includes(kase.state))
          .map((kase) => caseSummary(kase, today()));
        return { status: 200, body: { unitCode: ctx.query.unitCode, items } };
      },
    }),
  );

  stepRoute(api, deps, {
    step: 'post-rehab/report-in',
    operation: 'post-rehab.report-in',
    tags,
    summary: 'The person released from compulsory rehab reports to the commune (5 working days)',
    body: z.strictObject({ on }),
    run: (call) => reportInUseCase(deps, callOf(call), call.body.on ?? today()),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/file',
    operation: 'post-rehab.open-file',
    tags,
    summary: "The commune police's proposal (form 50) opens the file (3 working days)",
    body: z.strictObject({ on }),
    run: (call) => openFileUseCase(deps, callOf(call), call.body.on ?? today()),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/decision',
    operation: 'post-rehab.decide',
    tags,
    summary: 'The management decision (form 51) by the office the regime names; sets the term',
    description:
      '1 year after voluntary rehab, methadone or a minor’s compulsory rehab; 2 years after an adult’s compulsory rehab (Law 73/2021 Art. 40). Within 2 working days of the proposal.',
    body: z.strictObject({ on }),
    run: (call) =>
      decidePostRehabUseCase(deps, callOf(call), {
        on: call.body.on ?? today(),
        by: officeOf(call.principal),
      }),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/helper',
    operation: 'post-rehab.assign-helper',
    tags,
    summary: 'Assign a helper (a volunteer helps at most 2 persons)',
    body: z.strictObject({ helperId: freeText({ max: 64 }), on }),
    run: (call) =>
      assignHelperUseCase(deps, callOf(call), {
        helperId: call.body.helperId,
        on: call.body.on ?? today(),
      }),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/contacts',
    operation: 'post-rehab.record-contact',
    tags,
    summary: 'Record a periodic contact (counselling, relapse prevention, a visit)',
    body: z.strictObject({ on }),
    run: (call) => recordContactUseCase(deps, callOf(call), call.body.on ?? today()),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/absences',
    operation: 'post-rehab.record-absence',
    tags,
    summary: 'Record an absence; an unreported one does not count toward the term',
    body: z
      .strictObject({
        on,
        from: localDate,
        to: localDate,
        reported: z.boolean(),
        reason: reference.optional().describe('The reason given; required when reported'),
      })
      .refine((body) => !body.reported || body.reason !== undefined, {
        path: ['reason'],
        message: 'a reported absence states its reason',
      }),
    run: (call) =>
      recordAbsenceUseCase(deps, callOf(call), { ...call.body, on: call.body.on ?? today() }),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/support-needs',
    operation: 'post-rehab.record-support-need',
    tags,
    summary: 'Record a support need (schooling, vocational training, job, loan)',
    body: z.strictObject({ need: z.enum(supportNeeds), on }),
    run: (call) =>
      recordSupportNeedUseCase(deps, callOf(call), {
        need: call.body.need,
        on: call.body.on ?? today(),
      }),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/tests',
    operation: 'post-rehab.record-test',
    tags,
    summary: 'Record a test; a positive one is a relapse (Law 73/2021 Art. 27, 32)',
    description:
      'A positive test ends management as relapsed, emits treatment.relapse.detected.v1 and, for an adult, opens the compulsory case (returned as `opened`).',
    body: z.strictObject({ result: z.enum(['negative', 'positive']), on }),
    run: (call) =>
      recordTestUseCase(deps, callOf(call), {
        on: call.body.on ?? today(),
        positive: call.body.result === 'positive',
      }),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/completion',
    operation: 'post-rehab.complete',
    tags,
    summary: 'Certificate of completion (form 54) and removal from the list, once the term ended',
    body: z.strictObject({
      on,
      certificateId: freeText({ max: 64 }).optional(),
    }),
    run: (call) =>
      completePostRehabUseCase(deps, callOf(call), {
        on: call.body.on ?? today(),
        by: officeOf(call.principal),
        certificateId: call.body.certificateId,
      }),
  });
  stepRoute(api, deps, {
    step: 'post-rehab/removal',
    operation: 'post-rehab.remove',
    tags,
    summary: 'Remove from the list: imprisoned, moved away, died or declared missing',
    body: z.strictObject({ reason: z.enum(removalReasons), on }),
    run: (call) =>
      removeFromPostRehabUseCase(deps, callOf(call), {
        reason: call.body.reason,
        on: call.body.on ?? today(),
      }),
  });
}
