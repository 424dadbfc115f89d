// /clinics: clinics, their dispensing points and staff lists (health administrators).
import { defineRoute, type Api } from '@rehab/service-kit';
import { addSiteUseCase, addStaffUseCase, createClinicUseCase } from '../app/clinics.ts';
import { loadClinic, type MethadoneDeps } from '../app/deps.ts';
import * as s from './schemas.ts';

export function registerClinicRoutes(api: Api, deps: MethadoneDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/clinics',
      operation: 'clinic.manage',
      tags: ['clinics'],
      idempotent: true,
      summary: 'Register a methadone treatment clinic; the clinic is its own first site',
      body: s.clinicBody,
      responses: { 201: { description: 'Registered' } },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.body.unitCode);
        return { status: 201, body: await createClinicUseCase(deps, ctx.body) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/clinics',
      operation: 'clinic.read',
      tags: ['clinics'],
      summary: 'The clinics the caller may see, with their sites',
      responses: { 200: { description: 'Clinics' } },
      handler: async (ctx) => {
        const all = await deps.clinics.list();
        const items = all
          .filter((clinic) => ctx.coversUnit(clinic.unitCode))
          .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
        return { status: 200, body: { items } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/clinics/:id',
      operation: 'clinic.read',
      tags: ['clinics'],
      summary:
        'A clinic with every site (the clinic itself and its dispensing points) and its staff',
      params: s.idParams,
      responses: { 200: { description: 'The clinic' } },
      handler: async (ctx) => {
        const clinic = await loadClinic(deps, ctx.params.id);
        ctx.requireJurisdiction(clinic.unitCode);
        return { status: 200, body: clinic };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/clinics/:id/sites',
      operation: 'clinic.manage',
      tags: ['clinics'],
      idempotent: true,
      summary: 'Add a dispensing point (điểm cấp phát thuốc) to the clinic',
      params: s.idParams,
      body: s.siteBody,
      responses: { 201: { description: 'Added' } },
      handler: async (ctx) => {
        const { site } = await addSiteUseCase(
          deps,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return { status: 201, body: { ...site, clinicId: ctx.params.id } };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/clinics/:id/staff',
      operation: 'clinic.manage',
      tags: ['clinics'],
      idempotent: true,
      summary: "Put a user on the clinic's staff list; they act with tokens whose sub is userId",
      params: s.idParams,
      body: s.staffBody,
      responses: {
        201: { description: 'Added' },
        409: { description: 'Already listed for an overlapping period' },
      },
      handler: async (ctx) => {
        const { member } = await addStaffUseCase(
          deps,
          ctx.requireJurisdiction,
          ctx.params.id,
          ctx.body,
        );
        return { status: 201, body: { ...member, clinicId: ctx.params.id } };
      },
    }),
  );
}
