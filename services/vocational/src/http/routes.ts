import type { Api } from '@rehab/service-kit';
import type { VocationalDeps } from '../app/deps.ts';
import { registerLoanRoutes } from './loan-routes.ts';
import { registerNeedsRoutes } from './needs-routes.ts';
import { registerSupportRoutes } from './support-routes.ts';
import { registerTrainingRoutes } from './training-routes.ts';

/** Registers every /vocational/v1 route, one file per resource. */
export function registerRoutes(api: Api, deps: VocationalDeps): void {
  registerNeedsRoutes(api, deps);
  registerSupportRoutes(api, deps);
  registerTrainingRoutes(api, deps);
  registerLoanRoutes(api, deps);
}
