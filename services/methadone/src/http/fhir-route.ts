// GET /patients/{id}/fhir: the patient's treatment as a FHIR R4 Bundle. The bundle is
// pseudonymous (it names no person), so the audit learns the person from the handler.
import { defineRoute, type Api, type AuditedRead } from '@rehab/service-kit';
import type { MethadoneDeps } from '../app/deps.ts';
import { fhirBundleUseCase } from '../app/fhir-bundle.ts';
import * as s from './schemas.ts';

/** The person each answered bundle is about, for the audit entry written before it leaves. */
const personOfBundle = new WeakMap<object, string>();
const auditsBundle: AuditedRead = {
  personIds: (body) => {
    const personId = body && typeof body === 'object' ? personOfBundle.get(body) : undefined;
    return personId ? [personId] : [];
  },
};

export function registerFhirRoute(api: Api, deps: MethadoneDeps): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/patients/:id/fhir',
      operation: 'fhir.read',
      tags: ['interop'],
      audited: auditsBundle,
      summary:
        'The treatment as a FHIR R4 Bundle (collection): pseudonymous Patient, EpisodeOfCare, MedicationRequest, MedicationAdministration, MedicationDispense, Observation',
      params: s.idParams,
      responses: { 200: { description: 'A FHIR R4 Bundle' } },
      handler: async (ctx) => {
        const { bundle, personId } = await fhirBundleUseCase(
          deps,
          ctx.requireJurisdiction,
          ctx.params.id,
        );
        personOfBundle.set(bundle, personId);
        return { status: 200, headers: { 'Content-Type': 'application/fhir+json' }, body: bundle };
      },
    }),
  );
}
