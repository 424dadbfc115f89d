import type { Api } from '@rehab/service-kit';
import type { TreatmentDeps } from '../app/deps.ts';

/** The voluntary steps under /treatment/v1/cases/{id}/... */
export function registerVoluntaryRoutes(_api: Api, _deps: TreatmentDeps): void {}
