// Preferential loans of Decision 08/2026/QĐ-TTg: to a person on a list the commune People's
// Committee certified, within the individual caps; to a business with enough post-rehab
// workers, within its cap. Each loan to a person is a support on the person's file.
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { employerLoanGranted, supportGiven } from '@rehab/events';
import {
  LOAN_LIST_REF,
  requireEmployerLoanConditions,
  requireIndividualLoanWithinCaps,
  vocationalErrors,
  type LoanPurpose,
} from '../domain/index.ts';
import {
  knownPerson,
  vocationalEvent,
  type Actor,
  type JurisdictionGuard,
  type VocationalDeps,
} from './deps.ts';
import type { EmployerLoan, Loan, Stored } from './ports.ts';
import { markSupported } from './support-files.ts';

/** The certified list the person is on (the most recently certified), or a 422. */
async function certifiedListOf(deps: VocationalDeps, personId: string) {
  const certifiedOn = (list: { certification?: { on: string } }) => list.certification?.on ?? '';
  const [list] = (await deps.loanLists.listsOf(personId))
    .filter((candidate) => candidate.certification && candidate.personIds.includes(personId))
    .sort((a, b) => certifiedOn(b).localeCompare(certifiedOn(a)));
  if (!list) {
    throw new RuleViolationError(vocationalErrors.personNotOnCertifiedList, {
      field: 'personId',
      legalRef: LOAN_LIST_REF,
      params: { personId },
    });
  }
  return list;
}

export async function recordLoanUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: {
    personId: string;
    amountVnd: number;
    termMonths: number;
    purpose: LoanPurpose;
    disbursedOn: LocalDate;
  },
): Promise<Stored<Loan>> {
  const person = await knownPerson(deps, input.personId, guard);
  const list = await certifiedListOf(deps, person.id);
  const { legalRef } = requireIndividualLoanWithinCaps(input, deps.rules);
  const loan: Stored<Loan> = {
    id: deps.newId(),
    personId: person.id,
    unitCode: list.unitCode,
    listId: list.id,
    amountVnd: input.amountVnd,
    termMonths: input.termMonths,
    purpose: input.purpose,
    disbursedOn: input.disbursedOn,
    legalRef,
    recordedBy: actor.sub,
    version: 1,
  };
  await deps.loans.insert(loan, [
    vocationalEvent(supportGiven, person.id, actor, {
      supportId: loan.id,
      personId: person.id,
      kind: 'loan',
      on: loan.disbursedOn,
      unitCode: loan.unitCode,
      status: loan.purpose,
      amountVnd: loan.amountVnd,
      termMonths: loan.termMonths,
    }),
  ]);
  await markSupported(deps, person.id, person.residenceUnitCode, {
    id: loan.id,
    kind: 'loan',
    on: loan.disbursedOn,
  });
  return loan;
}

export async function recordEmployerLoanUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: {
    employer: { name: string; taxCode?: string | undefined };
    amountVnd: number;
    workers: number;
    postRehabWorkers: number;
    unitCode: string;
    disbursedOn: LocalDate;
  },
): Promise<Stored<EmployerLoan>> {
  guard(input.unitCode);
  const { sharePercent, legalRef } = requireEmployerLoanConditions(
    { ...input, on: input.disbursedOn },
    deps.rules,
  );
  const loan: Stored<EmployerLoan> = {
    id: deps.newId(),
    unitCode: input.unitCode,
    employer: {
      name: input.employer.name,
      ...(input.employer.taxCode ? { taxCode: input.employer.taxCode } : {}),
    },
    amountVnd: input.amountVnd,
    workers: input.workers,
    postRehabWorkers: input.postRehabWorkers,
    sharePercent,
    disbursedOn: input.disbursedOn,
    legalRef,
    recordedBy: actor.sub,
    version: 1,
  };
  await deps.employerLoans.insert(loan, [
    vocationalEvent(employerLoanGranted, loan.id, actor, {
      loanId: loan.id,
      unitCode: loan.unitCode,
      on: loan.disbursedOn,
      amountVnd: loan.amountVnd,
      workers: loan.workers,
      postRehabWorkers: loan.postRehabWorkers,
    }),
  ]);
  return loan;
}
