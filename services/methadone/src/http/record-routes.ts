// What the clinic records on a patient besides doses, and how treatment ends.
import { auditsOne, defineRoute, etagOf, type Api } from '@rehab/service-kit';
import type { z } from 'zod';
import type { Caller, MethadoneDeps } from '../app/deps.ts';
import { completeUseCase, dischargeUseCase, transferUseCase } from '../app/outcomes.ts';
import {
  arrangeGuestDosingUseCase,
  recordTestUseCase,
  recordViolationUseCase,
  takeHomeUseCase,
} from '../app/patient-records.ts';
import type { StoredPatient } from '../app/ports.ts';
import { callerOf } from './caller.ts';
import * as s from './schemas.ts';
import { patientView } from './views.ts';

export function registerRecordRoutes(api: Api, deps: MethadoneDeps): void {
  const answer = (patient: StoredPatient) => ({
    status: 201,
    headers: { ETag: etagOf(patient.version) },
    body: patientView(patient, deps.rules, deps.clock.today()),
  });
  const step = <B extends z.ZodType>(
    path: string,
    operation: string,
    summary: string,
    body: B,
    run: (caller: Caller, id: string, body: z.output<B>) => Promise<StoredPatient>,
  ) =>
    api.route(
      defineRoute({
        method: 'post',
        path: `/patients/:id/${path}`,
        operation,
        tags: ['patients'],
        idempotent: true,
        audited: auditsOne('personId'),
        summary,
        params: s.idParams,
        body,
        responses: { 201: { description: 'Recorded' } },
        handler: async (ctx) => answer(await run(callerOf(ctx), ctx.params.id, ctx.body)),
      }),
    );
  step(
    'guest-dosing',
    'guest-dosing.arrange',
    'Dose at another site for a period (guest dosing)',
    s.guestDosingBody,
    (caller, id, body) => arrangeGuestDosingUseCase(deps, caller, id, body),
  );
  step(
    'tests',
    'test.record',
    'Record a drug test with results per substance class',
    s.testBody,
    (caller, id, body) => recordTestUseCase(deps, caller, id, body),
  );
  step(
    'violations',
    'violation.record',
    'Record a breach of the treatment procedure',
    s.violationBody,
    (caller, id, body) => recordViolationUseCase(deps, caller, id, body),
  );
  step(
    'discharge',
    'patient.discharge',
    "The clinic director's discharge on a ground met",
    s.dischargeBody,
    (caller, id, body) => dischargeUseCase(deps, caller, id, body),
  );
  step(
    'transfer',
    'patient.transfer',
    'Transfer to another clinic; the order chain and history move along',
    s.transferBody,
    (caller, id, body) => transferUseCase(deps, caller, id, body),
  );
  step(
    'completion',
    'patient.complete',
    'End treatment as completed (post-rehab management follows)',
    s.completionBody,
    (caller, id, body) => completeUseCase(deps, caller, id, body),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/patients/:id/take-homes',
      operation: 'take-home.order',
      tags: ['doses'],
      idempotent: true,
      audited: auditsOne('personId'),
      summary: 'Take-home doses where the rulebook enables the pilot: one bottle dispensed per day',
      params: s.idParams,
      body: s.takeHomeBody,
      responses: { 201: { description: 'Dispensed' } },
      handler: async (ctx) => {
        const { patient, takeHome } = await takeHomeUseCase(
          deps,
          callerOf(ctx),
          ctx.params.id,
          ctx.body,
        );
        const view = answer(patient);
        return { ...view, body: { ...view.body, takeHome } };
      },
    }),
  );
}
