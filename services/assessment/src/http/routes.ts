import { isLocalDate, NotFoundError, RuleViolationError, toLocalDate } from '@rehab/domain-kit';
import { auditsItems, auditsOne, defineRoute, etagOf, type Api } from '@rehab/service-kit';
import { z } from 'zod';
import { appErrors } from '../app/app-errors.ts';
import { loadDetermination, type AssessmentDeps } from '../app/deps.ts';
import {
  concludeUseCase,
  recordObservationUseCase,
  recordTestUseCase,
} from '../app/evidence-and-conclusion.ts';
import {
  addAssessorUseCase,
  reassignFacilityUseCase,
  registerFacilityUseCase,
  requireFacility,
} from '../app/facilities.ts';
import { requestVoluntaryUseCase } from '../app/open-determination.ts';
import { assessmentErrors, resultDocument } from '../domain/index.ts';
import * as s from './schemas.ts';
import { determinationSummary, determinationView } from './views.ts';

/** Registers every /assessment/v1 route: one line of wiring per use case. */
export function registerRoutes(api: Api, deps: AssessmentDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/facilities',
      operation: 'facility.manage',
      tags: ['facilities'],
      idempotent: true,
      summary: 'Register a facility certified to determine addiction status (Decree 109/2021)',
      body: s.facilityBody,
      responses: { 201: { description: 'Registered' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.body.unitCode);
        return { status: 201, body: await registerFacilityUseCase(deps, ctx.body) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/facilities',
      operation: 'facility.read',
      tags: ['facilities'],
      summary: 'List certified facilities',
      responses: { 200: { description: 'Facilities' } },
      handler: async () => ({
        status: 200,
        body: { items: await deps.facilities.listFacilities() },
      }),
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/facilities/:id/assessors',
      operation: 'facility.manage',
      tags: ['facilities'],
      idempotent: true,
      summary: 'Add a certified assessor; they act with tokens whose sub is userId',
      params: s.idParams,
      body: s.assessorBody,
      responses: {
        201: { description: 'Added' },
        409: { description: 'Already an assessor here' },
      },
      handler: async (ctx) => {
        ctx.requireJurisdiction((await requireFacility(deps, ctx.params.id)).unitCode);
        return { status: 201, body: await addAssessorUseCase(deps, ctx.params.id, ctx.body) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/facilities/:id/assessors',
      operation: 'facility.read',
      tags: ['facilities'],
      summary: "List a facility's assessors",
      params: s.idParams,
      responses: { 200: { description: 'Assessors' } },
      handler: async (ctx) => {
        await requireFacility(deps, ctx.params.id);
        return { status: 200, body: { items: await deps.facilities.listAssessors(ctx.params.id) } };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/determinations',
      operation: 'determination.request',
      tags: ['determinations'],
      idempotent: true,
      summary: 'Register a voluntary determination request at a certified facility',
      body: s.voluntaryBody,
      responses: {
        201: { description: 'Requested', schema: s.determinationView },
        404: { description: 'No such certified facility (facilityId)' },
      },
      handler: async (ctx) => {
        const d = await requestVoluntaryUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return { status: 201, headers: { ETag: etagOf(d.version) }, body: determinationView(d) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/determinations',
      operation: 'determination.read',
      tags: ['determinations'],
      audited: auditsItems('personId'),
      summary: "A person's determination requests, each with id and status",
      query: s.determinationsQuery,
      responses: {
        200: {
          description: 'Requests',
          schema: z.object({ items: z.array(s.determinationSummary) }),
        },
      },
      handler: async (ctx) => {
        const all = await deps.determinations.listByPerson(ctx.query.personId);
        return {
          status: 200,
          body: { items: all.filter((d) => ctx.coversUnit(d.unitCode)).map(determinationSummary) },
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/determinations/:id',
      operation: 'determination.read',
      tags: ['determinations'],
      audited: auditsOne('personId'),
      summary: 'A determination with tests, observations and conclusions (health staff only)',
      params: s.idParams,
      responses: { 200: { description: 'The determination', schema: s.determinationView } },
      handler: async (ctx) => {
        const d = await loadDetermination(deps, ctx.params.id, ctx.requireJurisdiction);
        return { status: 200, headers: { ETag: etagOf(d.version) }, body: determinationView(d) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/determinations/:id/facility',
      operation: 'determination.reassign-facility',
      tags: ['determinations'],
      audited: auditsOne('personId'),
      summary:
        'Reassign an open determination to another certified facility, with a reason (the history keeps both)',
      params: s.idParams,
      body: s.reassignBody,
      responses: { 200: { description: 'Reassigned', schema: s.determinationView } },
      handler: async (ctx) => {
        const d = await reassignFacilityUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return { status: 200, headers: { ETag: etagOf(d.version) }, body: determinationView(d) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/determinations/:id/tests',
      operation: 'determination.record-evidence',
      tags: ['determinations'],
      idempotent: true,
      summary: 'Record a urine or blood test with results per substance class',
      params: s.idParams,
      body: s.testBody,
      responses: { 201: { description: 'Recorded', schema: s.determinationView } },
      handler: async (ctx) => {
        const sampledAt = isLocalDate(ctx.body.sampledAt)
          ? ctx.body.sampledAt
          : toLocalDate(new Date(ctx.body.sampledAt));
        const { determination } = await recordTestUseCase(
          deps,
          ctx.requireJurisdiction,
          ctx.params.id,
          { ...ctx.body, sampledAt },
        );
        return {
          status: 201,
          headers: { ETag: etagOf(determination.version) },
          body: determinationView(determination),
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/determinations/:id/observations',
      operation: 'determination.record-evidence',
      tags: ['determinations'],
      idempotent: true,
      summary:
        'Record whether one of the six criteria was present on a date (Circular 18/2021/TT-BYT)',
      params: s.idParams,
      body: s.observationBody,
      responses: { 201: { description: 'Recorded', schema: s.determinationView } },
      handler: async (ctx) => {
        const { determination } = await recordObservationUseCase(
          deps,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return {
          status: 201,
          headers: { ETag: etagOf(determination.version) },
          body: determinationView(determination),
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/determinations/:id/conclusion',
      operation: 'determination.conclude',
      tags: ['determinations'],
      idempotent: true,
      summary: 'Conclude as the certified assessor; the result is computed from the observations',
      params: s.idParams,
      body: s.conclusionBody,
      responses: {
        201: { description: 'Concluded', schema: s.concludedView },
        409: { description: 'Already concluded (supersede instead)' },
      },
      handler: async (ctx) => {
        const { determination, result } = await concludeUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        const duty = result.registrationDuty;
        return {
          status: 201,
          headers: { ETag: etagOf(determination.version) },
          body: {
            ...determinationView(determination),
            conclusionId: result.conclusion.id,
            result: result.conclusion.result,
            ...(result.conclusion.substanceClass
              ? { substanceClass: result.conclusion.substanceClass }
              : {}),
            ...(duty?.applies
              ? { registrationDeadline: duty.deadline.date, notify: duty.notify }
              : {}),
          },
        };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/determinations/:id/result-document',
      operation: 'determination.read',
      tags: ['determinations'],
      audited: auditsOne('person.id'),
      summary:
        'What the result form carries: person, facility, assessor, dates, criteria met, result, substance',
      params: s.idParams,
      responses: {
        200: { description: 'The result document' },
        422: { description: 'The determination has no conclusion yet' },
      },
      handler: async (ctx) => {
        const d = await loadDetermination(deps, ctx.params.id, ctx.requireJurisdiction);
        const facility = await requireFacility(deps, d.facilityId);
        const conclusion = d.conclusions.at(-1);
        if (!conclusion) throw new RuleViolationError(assessmentErrors.notConcluded);
        const assessor = await deps.facilities.getAssessor(d.facilityId, conclusion.assessorUserId);
        const person = await deps.persons.get(d.personId);
        if (!person || !assessor)
          throw new NotFoundError(appErrors.determinationNotFound, { params: { id: d.id } });
        return { status: 200, body: resultDocument(d, person, facility, assessor) };
      },
    }),
  );
}
