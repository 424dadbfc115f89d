// /patients: enrolment, the intake decision, the record, orders and flags.
import { auditsItems, auditsOne, defineRoute, etagOf, type Api } from '@rehab/service-kit';
import { z } from 'zod';
import { loadPatient, type MethadoneDeps } from '../app/deps.ts';
import { enrolUseCase, intakeUseCase } from '../app/enrolment.ts';
import { clearFlagUseCase, writeOrderUseCase } from '../app/orders.ts';
import type { StoredPatient } from '../app/ports.ts';
import { callerOf } from './caller.ts';
import * as s from './schemas.ts';
import { patientView } from './views.ts';

export function registerPatientRoutes(api: Api, deps: MethadoneDeps): void {
  const answer = (patient: StoredPatient, status = 201) => ({
    status,
    headers: { ETag: etagOf(patient.version) },
    body: patientView(patient, deps.rules, deps.clock.today()),
  });
  api.route(
    defineRoute({
      method: 'post',
      path: '/patients',
      operation: 'patient.enrol',
      tags: ['patients'],
      idempotent: true,
      audited: auditsOne('personId'),
      summary: 'Enrol a person at a clinic; the answer gives the intake decision deadline',
      body: s.enrolmentBody,
      responses: {
        201: { description: 'Enrolled, awaiting the intake decision' },
        404: { description: 'No such clinic (clinicId)' },
        409: { description: 'Already in treatment (the answer names the enrolment)' },
      },
      handler: async (ctx) => answer(await enrolUseCase(deps, callerOf(ctx), ctx.body)),
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/patients',
      operation: 'patient.read',
      tags: ['patients'],
      audited: auditsItems('personId'),
      summary: "A person's methadone enrolments",
      query: z.strictObject({ personId: z.uuid() }),
      responses: { 200: { description: 'Enrolments' } },
      handler: async (ctx) => {
        const all = await deps.patients.listByPerson(ctx.query.personId);
        const items = [];
        for (const patient of all) {
          const clinic = await deps.clinics.get(patient.clinicId);
          if (clinic && ctx.coversUnit(clinic.unitCode)) {
            items.push(patientView(patient, deps.rules, deps.clock.today()));
          }
        }
        return { status: 200, body: { items } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/patients/:id',
      operation: 'patient.read',
      tags: ['patients'],
      audited: auditsOne('personId'),
      summary: 'The patient record with its order chain, flags and discharge grounds met',
      params: s.idParams,
      responses: { 200: { description: 'The patient' } },
      handler: async (ctx) => {
        const { patient } = await loadPatient(deps, ctx.params.id, ctx.requireJurisdiction);
        return answer(patient, 200);
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/patients/:id/intake',
      operation: 'patient.intake',
      tags: ['patients'],
      idempotent: true,
      audited: auditsOne('personId'),
      summary: "The clinic director's written intake decision: admitted or refused (with reasons)",
      params: s.idParams,
      body: s.intakeBody,
      responses: { 201: { description: 'Decided' } },
      handler: async (ctx) =>
        answer(await intakeUseCase(deps, callerOf(ctx), ctx.params.id, ctx.body)),
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/patients/:id/orders',
      operation: 'order.write',
      tags: ['orders'],
      idempotent: true,
      audited: auditsOne('personId'),
      summary: 'A dose order by the prescriber; it supersedes the chain from its start date',
      params: s.idParams,
      body: s.orderBody,
      responses: { 201: { description: 'Written' } },
      handler: async (ctx) => {
        const { patient, orderId } = await writeOrderUseCase(
          deps,
          callerOf(ctx),
          ctx.params.id,
          ctx.body,
        );
        const view = answer(patient);
        return { ...view, body: { ...view.body, orderId } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/patients/:id/flags/:flagId/clear',
      operation: 'flag.clear',
      tags: ['doses'],
      idempotent: true,
      audited: auditsOne('personId'),
      summary: 'The prescriber clears a missed-dose flag with a note',
      params: s.flagParams,
      body: s.clearFlagBody,
      responses: { 201: { description: 'Cleared' } },
      handler: async (ctx) =>
        answer(
          await clearFlagUseCase(
            deps,
            callerOf(ctx),
            ctx.params.id,
            ctx.params.flagId,
            ctx.body.note,
          ),
        ),
    }),
  );
}
