// The persons of a commune eligible for a preferential loan on a date (Decision 08/2026/QĐ-TTg),
// with the reasons the others are not, from the support files and the person projection.
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import type { ProjectedPerson } from '@rehab/service-kit';
import {
  loanEligibility,
  vocationalErrors,
  type LoanEligibility,
  type SupportFile,
} from '../domain/index.ts';
import type { VocationalDeps } from './deps.ts';

export interface EligibilityRow {
  person: ProjectedPerson;
  eligibility: LoanEligibility;
}

/** Every person with a support file in the commune, assessed on `on`, in name order. */
export async function eligibilityIn(
  deps: VocationalDeps,
  unitCode: string,
  on: LocalDate,
): Promise<EligibilityRow[]> {
  const files = await deps.files.withNeedIn(unitCode);
  const rows = await Promise.all(
    files.map(async (file) => {
      const person = await deps.persons.get(file.id);
      return person
        ? { person, eligibility: loanEligibility(person, file, on, deps.rules) }
        : undefined;
    }),
  );
  return rows
    .filter((row): row is EligibilityRow => row !== undefined)
    .sort(
      (a, b) =>
        a.person.fullName.localeCompare(b.person.fullName, 'vi') ||
        a.person.id.localeCompare(b.person.id),
    );
}

/** The person's eligibility on `on`; 422 naming `field` with the first unmet rule. */
export async function requireEligible(
  deps: VocationalDeps,
  person: ProjectedPerson,
  on: LocalDate,
  field: string,
): Promise<LoanEligibility> {
  const file: SupportFile | undefined = await deps.files.get(person.id);
  const eligibility = loanEligibility(person, file, on, deps.rules);
  const [first] = eligibility.reasons;
  if (first) {
    throw new RuleViolationError(vocationalErrors.personNotEligibleForList, {
      field,
      legalRef: first.legalRef,
      params: { personId: person.id, reason: first.code },
      details: { reasons: eligibility.reasons.map((reason) => reason.code) },
    });
  }
  return eligibility;
}
