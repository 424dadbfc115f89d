import type { LocalDate } from '@rehab/domain-kit';
import { NotFoundError } from '@rehab/domain-kit';
import { eventsFrom } from '@rehab/events';
import type { Principal, UnitDirectory } from '@rehab/service-kit';
import type { AssessmentRules } from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import type { DeterminationRepository, FacilityRepository, StoredDetermination } from './ports.ts';
import type { PersonProjection } from '@rehab/service-kit';

/** Everything the assessment use cases depend on; service.ts wires the real ones. */
export interface AssessmentDeps {
  facilities: FacilityRepository;
  persons: PersonProjection;
  determinations: DeterminationRepository;
  rules: AssessmentRules;
  units: UnitDirectory;
  clock: { now(): Date; today(): LocalDate };
  newId(): string;
}

/** Throws 403 unless the caller may act in the unit. */
export type JurisdictionGuard = (unitCode: string) => void;

/** The actor recorded on events: a person, or the service itself for event-driven work. */
export type Actor = Pick<Principal, 'agency' | 'orgUnit' | 'sub'>;

/** Builds this service's events, validated against their schemas. */
export const determinationEvent = eventsFrom('assessment');

/** Loads a determination the caller may act on; 404 when absent. */
export async function loadDetermination(
  deps: AssessmentDeps,
  id: string,
  guard: JurisdictionGuard,
): Promise<StoredDetermination> {
  const determination = await deps.determinations.get(id);
  if (!determination) throw new NotFoundError(appErrors.determinationNotFound, { params: { id } });
  guard(determination.unitCode);
  return determination;
}
