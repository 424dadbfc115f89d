import { NotFoundError, errorCode, type LocalDate } from '@rehab/domain-kit';
import { eventsFrom } from '@rehab/events';
import type { PersonProjection, Principal, UnitDirectory } from '@rehab/service-kit';
import type { CompulsoryRules } from '../domain/compulsory/index.ts';
import type { TreatmentRules } from '../domain/index.ts';
import type { CaseRepository, StoredCase } from './ports.ts';

export const appErrors = {
  caseNotFound: errorCode('case-not-found', 'No case {id}', 'Không có hồ sơ {id}'),
} as const;

/** Everything the treatment use cases depend on. */
export interface TreatmentDeps {
  cases: CaseRepository;
  persons: PersonProjection;
  rules: TreatmentRules;
  compulsoryRules: CompulsoryRules;
  units: UnitDirectory;
  clock: { now(): Date; today(): LocalDate };
  newId(): string;
}

export type JurisdictionGuard = (unitCode: string) => void;
export type Actor = Pick<Principal, 'agency' | 'orgUnit' | 'sub'>;

/** Builds this service's events, validated against their schemas. */
export const caseEvent = eventsFrom('treatment');

export async function loadCase(
  deps: TreatmentDeps,
  id: string,
  guard: JurisdictionGuard,
): Promise<StoredCase> {
  const kase = await deps.cases.get(id);
  if (!kase) throw new NotFoundError(appErrors.caseNotFound, { params: { id } });
  guard(kase.unitCode);
  return kase;
}
