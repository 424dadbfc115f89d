import type { Api } from '@rehab/service-kit';
import type { TreatmentDeps } from '../app/deps.ts';

/** The post-rehab steps under /treatment/v1/cases/{id}/... */
export function registerPostRehabRoutes(_api: Api, _deps: TreatmentDeps): void {}
