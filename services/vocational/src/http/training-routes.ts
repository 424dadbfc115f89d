// Vocational training: courses, enrolments (never beyond the capacity) and their outcome.
import {
  auditsItems,
  auditsOne,
  defineRoute,
  etagOf,
  freeText,
  ifMatchVersion,
  type Api,
} from '@rehab/service-kit';
import { z } from 'zod';
import {
  createCourseUseCase,
  enrolmentOutcomeUseCase,
  enrolUseCase,
  loadCourse,
} from '../app/courses.ts';
import type { VocationalDeps } from '../app/deps.ts';
import { courseView, enrolmentView, localDate, unitCode } from './views.ts';

const tags = ['training'];

export function registerTrainingRoutes(api: Api, deps: VocationalDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/courses',
      operation: 'course.manage',
      tags,
      idempotent: true,
      summary: 'Register a vocational training course with its capacity',
      body: z.strictObject({
        name: freeText({ max: 200, example: 'May công nghiệp' }),
        provider: freeText({ max: 200, example: 'Trường Trung cấp nghề Hòa Bình' }),
        unitCode,
        startsOn: localDate,
        endsOn: localDate,
        capacity: z.number().int().min(1).max(1000),
      }),
      responses: {
        201: { description: 'Registered' },
        422: { description: 'Ends before it starts' },
      },
      handler: async (ctx) => {
        const course = await createCourseUseCase(deps, ctx.requireJurisdiction, ctx.body);
        return {
          status: 201,
          headers: { Location: `${api.basePath}/courses/${course.id}` },
          body: courseView(course),
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/courses',
      operation: 'course.read',
      tags,
      summary: 'The courses held in a unit, by start date',
      query: z.strictObject({ unitCode }),
      responses: { 200: { description: 'Courses' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        const items = (await deps.courses.inUnit(ctx.query.unitCode))
          .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id))
          .map(courseView);
        return { status: 200, body: { unitCode: ctx.query.unitCode, items } };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/courses/:id',
      operation: 'course.read',
      tags,
      summary: 'A course with the number of places taken',
      params: z.strictObject({ id: z.uuid() }),
      responses: { 200: { description: 'The course' }, 404: { description: 'No course' } },
      handler: async (ctx) => {
        const course = await loadCourse(deps, ctx.params.id, ctx.requireJurisdiction);
        const enrolled = (await deps.enrolments.byCourse(course.id)).length;
        return { status: 200, body: { ...courseView(course), enrolled } };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/courses/:id/enrolments',
      operation: 'course.read',
      audited: auditsItems('personId'),
      tags,
      summary: "A course's enrolments, by place",
      params: z.strictObject({ id: z.uuid() }),
      responses: { 200: { description: 'Enrolments' }, 404: { description: 'No course' } },
      handler: async (ctx) => {
        const course = await loadCourse(deps, ctx.params.id, ctx.requireJurisdiction);
        const items = (await deps.enrolments.byCourse(course.id))
          .sort((a, b) => a.seat - b.seat)
          .map(enrolmentView);
        return { status: 200, body: { courseId: course.id, capacity: course.capacity, items } };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/courses/:id/enrolments',
      operation: 'enrolment.record',
      audited: auditsOne('personId'),
      tags,
      summary:
        'Enrol a person; the capacity is never exceeded, a resend returns the enrolment (200)',
      params: z.strictObject({ id: z.uuid() }),
      body: z.strictObject({ personId: z.uuid() }),
      responses: {
        201: { description: 'Enrolled in a place' },
        200: { description: 'Already enrolled' },
        404: { description: 'No course' },
        409: { description: 'The course is full' },
        422: { description: 'Unknown person, or the course has ended' },
      },
      handler: async (ctx) => {
        const { enrolment, created } = await enrolUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          {
            courseId: ctx.params.id,
            personId: ctx.body.personId,
          },
        );
        return {
          status: created ? 201 : 200,
          headers: { ETag: etagOf(enrolment.version) },
          body: enrolmentView(enrolment),
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/courses/:id/enrolments/:enrolmentId/outcome',
      operation: 'enrolment.record',
      audited: auditsOne('personId'),
      tags,
      summary: 'Record the outcome of an enrolment once: completed (with a certificate) or dropped',
      description: 'If-Match is optional; when given, a stale version is a 412.',
      params: z.strictObject({ id: z.uuid(), enrolmentId: z.uuid() }),
      body: z.strictObject({
        status: z.enum(['completed', 'dropped']),
        certificate: freeText({ max: 100 }).optional(),
      }),
      responses: {
        200: { description: 'Recorded' },
        404: { description: 'No such course or enrolment' },
        412: { description: 'If-Match names another version' },
        422: { description: 'The outcome is already recorded' },
      },
      handler: async (ctx) => {
        const enrolment = await enrolmentOutcomeUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          {
            courseId: ctx.params.id,
            enrolmentId: ctx.params.enrolmentId,
            ...ctx.body,
            expectedVersion: ifMatchVersion(ctx.req.header('if-match')),
          },
        );
        return {
          status: 200,
          headers: { ETag: etagOf(enrolment.version) },
          body: enrolmentView(enrolment),
        };
      },
    }),
  );
}
