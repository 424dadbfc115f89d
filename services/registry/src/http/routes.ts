import {
  auditsItems,
  auditsOne,
  defineRoute,
  encodeCursor,
  decodeCursor,
  etagOf,
  requiredIfMatchVersion,
  type Api,
  type RouteContext,
  type UnitDirectory,
} from '@rehab/service-kit';
import { z } from 'zod';
import type { RegistryDeps } from '../app/deps.ts';
import { registerPersonUseCase } from '../app/register-person.ts';
import { updatePersonUseCase } from '../app/update-person.ts';
import {
  recordDetectionUseCase,
  recordMovementUseCase,
  referForDeterminationUseCase,
} from '../app/record-facts.ts';
import {
  getPersonUseCase,
  managementListUseCase,
  searchPersonsUseCase,
} from '../app/read-persons.ts';
import * as s from './schemas.ts';
import { personSummary, personView } from './views.ts';

const afterIdCursor = z.object({ id: z.string() });

/** Registers every /registry/v1 route: one line of wiring per use case. */
export function registerRoutes(
  api: Api,
  deps: RegistryDeps,
  allows: (ctx: RouteContext<unknown, unknown, unknown>, operation: string) => boolean,
): void {
  const today = () => deps.clock.today();
  const view = (
    ctx: RouteContext<unknown, unknown, unknown>,
    person: Parameters<typeof personView>[0],
  ) => personView(person, today(), allows(ctx, 'person.reveal-national-id'));

  api.route(
    defineRoute({
      method: 'post',
      path: '/persons',
      operation: 'person.register',
      tags: ['persons'],
      idempotent: true,
      summary: 'Register a person in the master person index',
      body: s.registerPersonBody,
      responses: {
        201: {
          description: 'Registered; possibleDuplicates lists look-alikes without an ID',
          schema: s.registeredView,
        },
        409: { description: 'National ID already registered (existingId names the holder)' },
      },
      handler: async (ctx) => {
        const { person, possibleDuplicates } = await registerPersonUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return {
          status: 201,
          headers: {
            ETag: etagOf(person.version),
            Location: `${api.basePath}/persons/${person.id}`,
          },
          body: { ...view(ctx, person), possibleDuplicates: possibleDuplicates.map(personSummary) },
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/persons/:id',
      operation: 'person.read',
      tags: ['persons'],
      audited: auditsOne('id'),
      summary: "Read a person's record with status and timeline (audited)",
      params: s.personIdParams,
      responses: {
        200: { description: 'The person', schema: s.personView },
        404: { description: 'Unknown person' },
      },
      handler: async (ctx) => {
        const person = await getPersonUseCase(deps, ctx.requireJurisdiction, ctx.params.id);
        return { status: 200, headers: { ETag: etagOf(person.version) }, body: view(ctx, person) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'patch',
      path: '/persons/:id',
      operation: 'person.update',
      tags: ['persons'],
      ifMatch: true,
      summary: 'Correct identifying facts (If-Match required)',
      params: s.personIdParams,
      body: s.updatePersonBody,
      responses: {
        200: { description: 'Updated', schema: s.personView },
        409: { description: 'The new national ID is held by another person (names them)' },
        412: { description: 'Stale version' },
        428: { description: 'If-Match missing' },
      },
      handler: async (ctx) => {
        const version = requiredIfMatchVersion(ctx.req);
        const person = await updatePersonUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          version,
          ctx.body,
        );
        return { status: 200, headers: { ETag: etagOf(person.version) }, body: view(ctx, person) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/persons',
      operation: 'person.search',
      tags: ['persons'],
      audited: auditsItems('id'),
      summary:
        'Search persons by name, ignoring diacritics and case (nguyen van a finds Nguyễn Văn A)',
      query: s.searchQuery,
      responses: { 200: { description: 'A page of persons', schema: s.personPage } },
      handler: async (ctx) => {
        const unit = resolveScope(deps.units, ctx, ctx.query.unitCode);
        const afterId = ctx.query.cursor
          ? decodeCursor(ctx.query.cursor, afterIdCursor).id
          : undefined;
        const rows = await searchPersonsUseCase(deps, unit, {
          q: ctx.query.q,
          afterId,
          limit: ctx.query.limit + 1,
        });
        const items = rows.slice(0, ctx.query.limit);
        const last = items.at(-1);
        return {
          status: 200,
          body: {
            items: items.map(personSummary),
            ...(rows.length > ctx.query.limit && last
              ? { nextCursor: encodeCursor({ id: last.id }) }
              : {}),
          },
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/persons/:id/drug-use-detections',
      operation: 'person.record-detection',
      tags: ['management'],
      idempotent: true,
      summary:
        'Record a positive test; opens or renews the 1-year user-management decision (Law 73/2021 Art. 23)',
      params: s.personIdParams,
      body: s.detectionBody,
      responses: {
        201: { description: 'Recorded; the person with the decision', schema: s.personView },
      },
      handler: async (ctx) => {
        const { person } = await recordDetectionUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return { status: 201, headers: { ETag: etagOf(person.version) }, body: view(ctx, person) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/persons/:id/movements',
      operation: 'person.record-movement',
      tags: ['management'],
      idempotent: true,
      summary:
        'Record a movement: residence change, absence, imprisonment, death, declared missing',
      params: s.personIdParams,
      body: s.movementBody,
      responses: { 201: { description: 'Recorded', schema: s.personView } },
      handler: async (ctx) => {
        const { person } = await recordMovementUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return { status: 201, headers: { ETag: etagOf(person.version) }, body: view(ctx, person) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/persons/:id/determination-referrals',
      operation: 'person.refer-determination',
      tags: ['management'],
      idempotent: true,
      summary: 'Refer for addiction status determination (Law 73/2021 Art. 27)',
      params: s.personIdParams,
      body: s.referralBody,
      responses: { 201: { description: 'Referred', schema: s.personView } },
      handler: async (ctx) => {
        const input = {
          reason: ctx.body.reason,
          referredOn: ctx.body.referredOn ?? today(),
          note: ctx.body.note,
        };
        const { person } = await referForDeterminationUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.params.id,
          input,
        );
        return { status: 201, headers: { ETag: etagOf(person.version) }, body: view(ctx, person) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/management-list',
      operation: 'management-list.read',
      tags: ['management'],
      audited: auditsItems('person.id'),
      summary: 'Who is under management in a unit on a date, with each term end',
      query: s.managementListQuery,
      responses: { 200: { description: 'The list', schema: s.managementListView } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        const asOf = ctx.query.asOf ?? today();
        const entries = await managementListUseCase(deps, ctx.query.unitCode, asOf);
        return {
          status: 200,
          body: {
            unitCode: ctx.query.unitCode,
            asOf,
            items: entries.map(({ person, decision }) => ({
              person: personSummary(person),
              decisionId: decision.id,
              decisionDate: decision.decisionDate,
              termEndsOn: decision.termEndsOn,
              regime: decision.regime,
            })),
          },
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/units',
      operation: 'unit.read',
      tags: ['reference'],
      summary: 'Administrative units the platform knows (code, name, level, parent, validity)',
      query: s.unitsQuery,
      responses: { 200: { description: 'Units' } },
      handler: async (ctx) => ({ status: 200, body: { items: deps.units.list(ctx.query) } }),
    }),
  );
}

/**
 * The unit a list is restricted to: the one asked for (checked against the caller's
 * jurisdiction), else the caller's own unit; undefined means no restriction (scope any).
 */
function resolveScope(
  units: UnitDirectory,
  ctx: RouteContext<unknown, unknown, unknown>,
  asked: string | undefined,
) {
  const code = asked ?? ctx.principal.orgUnit;
  if (asked) ctx.requireJurisdiction(asked);
  else if (!units.get(code)) return undefined;
  const unit = units.get(code);
  return unit ? { unitCode: unit.code, level: unit.level } : undefined;
}
