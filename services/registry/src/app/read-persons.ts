import { searchTokens, type LocalDate } from '@rehab/domain-kit';
import type { AuditEntry, Principal } from '@rehab/service-kit';
import { managementStatusOn, type ManagementDecision } from '../domain/management.ts';
import { residenceOn, type Person } from '../domain/person.ts';
import { loadPerson, type JurisdictionGuard } from './change-person.ts';
import type { RegistryDeps } from './deps.ts';

/** Why and by which operation a record is read, for the audit trail. */
export interface ReadContext {
  principal: Principal;
  purpose: string;
  operation: string;
  requestId: string;
}

async function auditReads(
  deps: RegistryDeps,
  context: ReadContext,
  persons: readonly Person[],
): Promise<void> {
  await Promise.all(
    persons.map((person) =>
      deps.audit.record({
        action: 'read',
        resourceType: 'person',
        resourceId: person.id,
        actor: context.principal,
        purpose: context.purpose,
        operation: context.operation,
        requestId: context.requestId,
      }),
    ),
  );
}

/** Reads one person's record; the read is written to the audit trail before it is answered. */
export async function getPersonUseCase(
  deps: RegistryDeps,
  guard: JurisdictionGuard,
  personId: string,
  context: ReadContext,
): Promise<Person> {
  const person = await loadPerson(deps, personId, guard);
  await auditReads(deps, context, [person]);
  return person;
}

/**
 * Name search ignoring diacritics and case, restricted to the unit asked for or, by
 * default, to the caller's own unit. Every person returned counts as read.
 */
export async function searchPersonsUseCase(
  deps: RegistryDeps,
  scope: { unitCode: string; level: 'province' | 'district' | 'commune' } | undefined,
  query: { q?: string | undefined; afterId?: string | undefined; limit: number },
  context: ReadContext,
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
  await auditReads(deps, context, persons);
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
  context: ReadContext,
): Promise<ManagementListEntry[]> {
  const residents = await deps.persons.everResidentIn(unitCode);
  const entries: ManagementListEntry[] = [];
  for (const person of residents) {
    if (residenceOn(person, asOf).unitCode !== unitCode) continue;
    const status = managementStatusOn(person.managementDecisions, asOf);
    if (status.status === 'active') entries.push({ person, decision: status.decision });
  }
  entries.sort((a, b) => a.person.fullName.localeCompare(b.person.fullName, 'vi'));
  await auditReads(
    deps,
    context,
    entries.map((entry) => entry.person),
  );
  return entries;
}

/** The audit trail of one person's record, for IT auditors. */
export function readAuditUseCase(
  deps: RegistryDeps,
  personId: string,
  limit: number,
  afterId?: string,
): Promise<AuditEntry[]> {
  return deps.audit.forResource('person', personId, limit, afterId);
}
