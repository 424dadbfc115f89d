// The loan list of Decision 08/2026/QĐ-TTg: drawn up by the commune police from the eligible
// persons of the commune, certified by the commune People's Committee; final once certified.
// The list's persons are noted per person before the list is written, so a loan finds the
// lists that may hold the person by equality (the list itself stays the truth).
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import {
  certify,
  LOAN_LIST_REF,
  replacePersons,
  vocationalErrors,
  type LoanList,
} from '../domain/index.ts';
import {
  appErrors,
  found,
  knownPerson,
  type Actor,
  type JurisdictionGuard,
  type VocationalDeps,
} from './deps.ts';
import { requireEligible } from './loan-eligibility.ts';
import type { Stored } from './ports.ts';

/** Each person must be known, live in the list's commune and be eligible today. */
async function requireAllEligible(
  deps: VocationalDeps,
  unitCode: string,
  personIds: readonly string[],
  on: LocalDate,
): Promise<void> {
  for (const [index, personId] of personIds.entries()) {
    const field = `personIds[${index}]`;
    const person = await knownPerson(deps, personId, () => undefined, field);
    // The list is the commune's: a person living elsewhere belongs on that commune's list.
    if (!deps.units.isWithin(person.residenceUnitCode, unitCode)) {
      throw new RuleViolationError(vocationalErrors.personOutsideCommune, {
        field,
        legalRef: LOAN_LIST_REF,
        params: { personId, residence: person.residenceUnitCode, unitCode },
      });
    }
    await requireEligible(deps, person, on, field);
  }
}

export async function drawUpLoanListUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: { unitCode: string; personIds: string[] },
): Promise<Stored<LoanList>> {
  guard(input.unitCode);
  const today = deps.clock.today();
  const personIds = [...new Set(input.personIds)];
  await requireAllEligible(deps, input.unitCode, personIds, today);
  const list: Stored<LoanList> = {
    id: deps.newId(),
    unitCode: input.unitCode,
    personIds,
    drawnUpOn: today,
    drawnUpBy: actor.sub,
    version: 1,
  };
  await deps.loanLists.noteEntries(list.id, personIds);
  await deps.loanLists.insert(list, []);
  return list;
}

export async function loadLoanList(
  deps: VocationalDeps,
  id: string,
  guard: JurisdictionGuard,
): Promise<Stored<LoanList>> {
  const list = found(await deps.loanLists.get(id), appErrors.loanListNotFound, { id });
  guard(list.unitCode);
  return list;
}

export async function replaceLoanListUseCase(
  deps: VocationalDeps,
  guard: JurisdictionGuard,
  input: { id: string; personIds: string[]; expectedVersion?: number | undefined },
): Promise<Stored<LoanList>> {
  const list = await loadLoanList(deps, input.id, guard);
  const personIds = [...new Set(input.personIds)];
  // A certified list is refused before any person is looked at.
  replacePersons(list, personIds);
  await requireAllEligible(deps, list.unitCode, personIds, deps.clock.today());
  await deps.loanLists.noteEntries(list.id, personIds);
  const { aggregate } = await deps.loanLists.change(
    list.id,
    (current) => ({
      next: { ...replacePersons(current, personIds), version: current.version },
      events: [],
      result: undefined,
    }),
    { check: (current) => guard(current.unitCode), expectedVersion: input.expectedVersion },
  );
  return aggregate;
}

export async function certifyLoanListUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: { id: string; expectedVersion?: number | undefined },
): Promise<Stored<LoanList>> {
  const on = deps.clock.today();
  const { aggregate } = await deps.loanLists.change(
    input.id,
    (current) => ({
      next: { ...certify(current, { on, by: actor.sub }), version: current.version },
      events: [],
      result: undefined,
    }),
    { check: (current) => guard(current.unitCode), expectedVersion: input.expectedVersion },
  );
  return aggregate;
}
