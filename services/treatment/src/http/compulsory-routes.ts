import type { Api } from '@rehab/service-kit';
import type { TreatmentDeps } from '../app/deps.ts';

/** The compulsory steps under /treatment/v1/cases/{id}/... */
export function registerCompulsoryRoutes(_api: Api, _deps: TreatmentDeps): void {}
