// Preferential loans under Decision 08/2026/QĐ-TTg: the eligibility list of a commune (the
// annexed form's layout), the loan list drawn up by the commune police and certified by the
// commune People's Committee, loans to persons on a certified list, and business loans.
import {
  auditsItems,
  defineRoute,
  etagOf,
  freeText,
  ifMatchVersion,
  type Api,
} from '@rehab/service-kit';
import { z } from 'zod';
import type { VocationalDeps } from '../app/deps.ts';
import { eligibilityIn } from '../app/loan-eligibility.ts';
import {
  certifyLoanListUseCase,
  drawUpLoanListUseCase,
  loadLoanList,
  replaceLoanListUseCase,
} from '../app/loan-lists.ts';
import { recordEmployerLoanUseCase, recordLoanUseCase } from '../app/loans.ts';
import { LOAN_LIST_REF, loanPurposes } from '../domain/index.ts';
import { requireOccurred } from './occurred.ts';
import { localDate, loanListView, unitCode } from './views.ts';

const tags = ['loans'];
const FORM = 'Decision 08/2026/QĐ-TTg, annex: list of persons eligible for a preferential loan';
const personIds = z.array(z.uuid()).min(1).max(500);
const vnd = z.number().int().positive().max(1_000_000_000_000);

export function registerLoanRoutes(api: Api, deps: VocationalDeps): void {
  const today = () => deps.clock.today();
  const withRows = async (list: Awaited<ReturnType<typeof loadLoanList>>) => {
    const rows = await Promise.all(
      list.personIds.map(async (personId, index) => {
        const person = await deps.persons.get(personId);
        return {
          no: index + 1,
          personId,
          ...(person ? { fullName: person.fullName, dateOfBirth: person.dateOfBirth } : {}),
        };
      }),
    );
    return { ...loanListView(list), form: FORM, legalRef: LOAN_LIST_REF, items: rows };
  };

  api.route(
    defineRoute({
      method: 'get',
      path: '/loan-eligibility',
      operation: 'loan-eligibility.read',
      audited: auditsItems('personId'),
      tags,
      summary:
        "The commune's persons eligible for a preferential loan, in the layout of the annexed form",
      description:
        'Checks: completed voluntary rehab, compulsory rehab or substitution treatment; within the age limit; within the request window after the post-rehab management decision. `excluded` lists the others with the rules they fail.',
      query: z.strictObject({ unitCode }),
      responses: {
        200: { description: 'The eligible persons, numbered, and the excluded with reasons' },
      },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.query.unitCode);
        const on = today();
        const rows = await eligibilityIn(deps, ctx.query.unitCode, on);
        const eligible = rows.filter((row) => row.eligibility.eligible);
        const rules = deps.rules.individualLoan(on);
        return {
          status: 200,
          body: {
            form: FORM,
            unitCode: ctx.query.unitCode,
            unitName: deps.units.get(ctx.query.unitCode)?.name,
            on,
            conditions: {
              minimumAge: rules.minimumAge.amount,
              requestWindow: rules.requestWindow.duration,
              maxAmountVnd: rules.maxAmountVnd.amount,
              maxTermMonths: rules.maxTermMonths.amount,
              legalRef: rules.maxAmountVnd.legalRef,
              confirmed: rules.maxAmountVnd.confirmed,
            },
            items: eligible.map(({ person, eligibility }, index) => ({
              no: index + 1,
              personId: person.id,
              fullName: person.fullName,
              dateOfBirth: person.dateOfBirth,
              sex: person.sex,
              residenceUnitCode: person.residenceUnitCode,
              age: eligibility.age,
              completion: eligibility.completion,
              postRehabDecisionOn: eligibility.decisionOn,
              requestWindowEndsOn: eligibility.windowEndsOn,
            })),
            excluded: rows
              .filter((row) => !row.eligibility.eligible)
              .map(({ person, eligibility }) => ({
                personId: person.id,
                reasons: eligibility.reasons.map(({ code, legalRef }) => ({ code, legalRef })),
              })),
          },
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/loan-lists',
      operation: 'loan-list.draw-up',
      audited: auditsItems('personId'),
      tags,
      idempotent: true,
      summary: "The commune police draw up the commune's loan list from eligible persons",
      body: z.strictObject({ unitCode, personIds }),
      responses: {
        201: { description: 'Drawn up, awaiting certification' },
        422: {
          description: 'A person unknown, living elsewhere or not eligible (the field names which)',
        },
      },
      handler: async (ctx) => {
        const list = await drawUpLoanListUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return {
          status: 201,
          headers: {
            ETag: etagOf(list.version),
            Location: `${api.basePath}/loan-lists/${list.id}`,
          },
          body: await withRows(list),
        };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'get',
      path: '/loan-lists/:id',
      operation: 'loan-list.read',
      audited: auditsItems('personId'),
      tags,
      summary: 'A loan list in the layout of the annexed form, draft or certified',
      params: z.strictObject({ id: z.uuid() }),
      responses: { 200: { description: 'The list' }, 404: { description: 'No list' } },
      handler: async (ctx) => {
        const list = await loadLoanList(deps, ctx.params.id, ctx.requireJurisdiction);
        return { status: 200, headers: { ETag: etagOf(list.version) }, body: await withRows(list) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'put',
      path: '/loan-lists/:id',
      operation: 'loan-list.draw-up',
      audited: auditsItems('personId'),
      tags,
      summary:
        'Change the persons of a draft list; a certified list can no longer be changed (422)',
      description: 'If-Match is optional; when given, a stale version is a 412.',
      params: z.strictObject({ id: z.uuid() }),
      body: z.strictObject({ personIds }),
      responses: {
        200: { description: 'Changed' },
        412: { description: 'If-Match names another version' },
        422: { description: 'The list is certified, or a person is not eligible' },
      },
      handler: async (ctx) => {
        const list = await replaceLoanListUseCase(deps, ctx.requireJurisdiction, {
          id: ctx.params.id,
          personIds: ctx.body.personIds,
          expectedVersion: ifMatchVersion(ctx.req.header('if-match')),
        });
        return { status: 200, headers: { ETag: etagOf(list.version) }, body: await withRows(list) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/loan-lists/:id/certify',
      operation: 'loan-list.certify',
      tags,
      summary:
        "The commune People's Committee certifies the list (role commune:chairman); it is final",
      description: 'If-Match is optional; when given, a stale version is a 412.',
      params: z.strictObject({ id: z.uuid() }),
      responses: {
        200: { description: 'Certified' },
        404: { description: 'No list' },
        412: { description: 'If-Match names another version' },
        422: { description: 'Already certified' },
      },
      handler: async (ctx) => {
        const list = await certifyLoanListUseCase(deps, ctx.principal, ctx.requireJurisdiction, {
          id: ctx.params.id,
          expectedVersion: ifMatchVersion(ctx.req.header('if-match')),
        });
        return { status: 200, headers: { ETag: etagOf(list.version) }, body: loanListView(list) };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/loans',
      operation: 'loan.record',
      tags,
      idempotent: true,
      summary:
        'Record a preferential loan to a person on a certified list, within the caps for individuals',
      body: z.strictObject({
        personId: z.uuid(),
        amountVnd: vnd,
        termMonths: z.number().int().min(1).max(600),
        purpose: z.enum(loanPurposes),
        disbursedOn: localDate,
      }),
      responses: {
        201: { description: 'Recorded' },
        422: {
          description: 'Not on a certified list, over a cap, or no scheme in force on the date',
        },
      },
      handler: async (ctx) => {
        requireOccurred('disbursedOn', ctx.body.disbursedOn, today());
        const { version: _v, ...loan } = await recordLoanUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return { status: 201, body: loan };
      },
    }),
  );

  api.route(
    defineRoute({
      method: 'post',
      path: '/employer-loans',
      operation: 'loan.record',
      tags,
      idempotent: true,
      summary:
        'Record a preferential loan to a business employing post-rehab persons (share and cap checked)',
      body: z.strictObject({
        employer: z.strictObject({
          name: freeText({ max: 200, example: 'Hợp tác xã Nông nghiệp Tân Lập' }),
          taxCode: z
            .string()
            .regex(/^\d{10}(-\d{3})?$/, 'must be 10 digits, or 10-3')
            .optional(),
        }),
        amountVnd: vnd,
        workers: z.number().int().min(1).max(1_000_000),
        postRehabWorkers: z.number().int().min(1).max(1_000_000),
        unitCode: unitCode
          .optional()
          .describe("The business's unit; the caller's unit when absent"),
        disbursedOn: localDate.optional().describe('Today when absent'),
      }),
      responses: {
        201: { description: 'Recorded' },
        422: { description: 'Share of post-rehab workers too low, or over the cap' },
      },
      handler: async (ctx) => {
        const disbursedOn = ctx.body.disbursedOn ?? today();
        requireOccurred('disbursedOn', disbursedOn, today());
        const { version: _v, ...loan } = await recordEmployerLoanUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          { ...ctx.body, unitCode: ctx.body.unitCode ?? ctx.principal.orgUnit, disbursedOn },
        );
        return { status: 201, body: loan };
      },
    }),
  );
}
