// How a voluntary rehab episode comes to be: a registration (form 22/23) at the commune,
// recorded on the case awaiting registration, or received directly by the commune or a
// facility. Kept apart from the registration and voluntary use cases, which both need it.
import type { LocalDate } from '@rehab/domain-kit';
import { openVoluntaryCase, type VoluntaryCase } from '../domain/index.ts';
import type { StoredCase } from './ports.ts';
import type { TreatmentDeps } from './deps.ts';

export type VoluntaryModality = VoluntaryCase['kind'];

/** Voluntary episodes still running: a person has at most one. */
export const activeVoluntaryStates: readonly string[] = [
  'awaiting-decision',
  'awaiting-admission',
  'in-rehab',
];

export function isActiveVoluntary(kase: StoredCase): boolean {
  return (
    (kase.kind === 'voluntary-home' || kase.kind === 'voluntary-facility') &&
    activeVoluntaryStates.includes(kase.state)
  );
}

/**
 * Whether a case was rehab the person actually went through: an episode whose term started
 * or a compulsory placement with an admission. A registration never carried out is not a
 * rehab, so it does not make the next one a "second rehab" (36 months under LAW-2025).
 */
function wasRehab(kase: StoredCase): boolean {
  if (kase.kind === 'voluntary-home' || kase.kind === 'voluntary-facility') {
    return kase.term !== undefined;
  }
  return kase.kind === 'compulsory' && kase.placement.admission !== undefined;
}

/** A builder of the episode a registration opens, with the person's rehab history read first. */
export async function voluntaryCaseFor(
  deps: TreatmentDeps,
  registration: {
    personId: string;
    unitCode: string;
    modality: VoluntaryModality;
    registeredOn: LocalDate;
  },
): Promise<(id: string) => VoluntaryCase> {
  const earlier = await deps.cases.byPerson(registration.personId);
  const firstRehab = !earlier.some(wasRehab);
  return (caseId) => openVoluntaryCase({ caseId, ...registration, firstRehab }, deps.rules);
}
