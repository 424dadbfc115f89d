import type { Api } from '@rehab/service-kit';
import type { MethadoneDeps } from '../app/deps.ts';
import { registerClinicRoutes } from './clinic-routes.ts';
import { registerDoseRoutes } from './dose-routes.ts';
import { registerFhirRoute } from './fhir-route.ts';
import { registerPatientRoutes } from './patient-routes.ts';
import { registerRecordRoutes } from './record-routes.ts';
import { registerRegisterRoutes } from './register-routes.ts';
import { registerStockRoutes } from './stock-routes.ts';

/** Every /methadone/v1 route, one file per resource. */
export function registerRoutes(api: Api, deps: MethadoneDeps): void {
  registerClinicRoutes(api, deps);
  registerPatientRoutes(api, deps);
  registerDoseRoutes(api, deps);
  registerRecordRoutes(api, deps);
  registerStockRoutes(api, deps);
  registerRegisterRoutes(api, deps);
  registerFhirRoute(api, deps);
}
