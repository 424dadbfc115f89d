// The list of persons eligible for a preferential loan (Decision 08/2026/QĐ-TTg, annexed
// form): drawn up by the commune police, certified by the commune People's Committee. A
// certified list is final: it can no longer be changed or certified again.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { vocationalErrors } from './errors.ts';

export const LOAN_LIST_REF =
  'Decision 08/2026/QĐ-TTg (list drawn up by the commune police, certified by the commune People’s Committee)';

export interface LoanList {
  id: string;
  unitCode: string;
  personIds: string[];
  drawnUpOn: LocalDate;
  drawnUpBy: string;
  certification?: { on: LocalDate; by: string };
}

/** Refuses any change to a certified list. */
export function requireDraft(list: LoanList): void {
  if (list.certification) {
    throw new RuleViolationError(vocationalErrors.loanListCertified, {
      legalRef: LOAN_LIST_REF,
      params: { listId: list.id, certifiedOn: list.certification.on },
    });
  }
}

/** Replaces the persons of a draft list. */
export function replacePersons(list: LoanList, personIds: readonly string[]): LoanList {
  requireDraft(list);
  return { ...list, personIds: [...new Set(personIds)] };
}

/** The commune People's Committee certifies the list, on or after it was drawn up. */
export function certify(list: LoanList, input: { on: LocalDate; by: string }): LoanList {
  requireDraft(list);
  if (input.on < list.drawnUpOn) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'on',
      params: { field: 'on', date: input.on, before: 'drawnUpOn', beforeDate: list.drawnUpOn },
    });
  }
  return { ...list, certification: { on: input.on, by: input.by } };
}
