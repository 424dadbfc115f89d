import { searchTokens, type LocalDate } from '@rehab/domain-kit';
import { managementStatusOn, type ManagementDecision } from '../domain/management.ts';
import { residenceOn, type Person } from '../domain/person.ts';
import { loadPerson, type JurisdictionGuard } from './change-person.ts';
import type { RegistryDeps } from './deps.ts';

/** Reads one person's record (the HTTP pipeline audits the read before it answers). */
export async function getPersonUseCase(
  deps: RegistryDeps,
  guard: JurisdictionGuard,
  personId: string,
): Promise<Person> {
  return loadPerson(deps, personId, guard);
}

/**
 * Name search ignoring diacritics and case, restricted to the unit asked for or, by
 * default, to the caller's own unit. Every person returned counts as read.
 */
export async function searchPersonsUseCase(
  deps: RegistryDeps,
  scope: { unitCode: string; level: 'province' | 'district' | 'commune' } | undefined,
  query: { q?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<Person[]> {
  const persons = await deps.persons.search({
    nameWords: query.q ? searchTokens(query.q) : [],
    ...(scope?.level === 'province'
      ? { provinceCode: scope.unitCode }
      : scope
        ? { unitCode: scope.unitCode }
        : {}),
    ...(query.afterId ? { afterId: query.afterId } : {}),
    limit: query.limit,
  });
  return persons;
}

/** A line of the management list: who, and the term that keeps them on it. */
export interface ManagementListEntry {
  person: Person;
  decision: ManagementDecision;
}

/**
 * Who is under management in a commune on a date: their residence on that date is the
 * commune and a decision's term covers the date. Terms end by themselves after a year
 * with no use detected, so no sweep is needed to take anyone off the list.
 */
export async function managementListUseCase(
  deps: RegistryDeps,
  unitCode: string,
  asOf: LocalDate,
): Promise<ManagementListEntry[]> {
  const residents = await deps.persons.everResidentIn(unitCode);
  const entries: ManagementListEntry[] = [];
  for (const person of residents) {
    if (residenceOn(person, asOf).unitCode !== unitCode) continue;
    const status = managementStatusOn(person.managementDecisions, asOf);
    if (status.status === 'active') entries.push({ person, decision: status.decision });
  }
  entries.sort((a, b) => a.person.fullName.localeCompare(b.person.fullName, 'vi'));
  return entries;
}
