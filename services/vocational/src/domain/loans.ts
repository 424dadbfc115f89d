// The caps of the preferential loans of Decision 08/2026/QĐ-TTg: an individual's loan stays
// within the amount and term caps; a business loan needs a share of post-rehab workers and
// stays within its cap. Each refusal names the field and the rule.
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { vocationalErrors } from './errors.ts';
import type { VocationalRules } from './vocational-rules.ts';

export const loanPurposes = ['training', 'production'] as const;
export type LoanPurpose = (typeof loanPurposes)[number];

/** Refuses an individual loan over the amount or term cap in force on `disbursedOn`. */
export function requireIndividualLoanWithinCaps(
  loan: { amountVnd: number; termMonths: number; disbursedOn: LocalDate },
  rules: VocationalRules,
): { legalRef: string; confirmed: boolean } {
  const caps = rules.individualLoan(loan.disbursedOn);
  if (loan.amountVnd > caps.maxAmountVnd.amount) {
    throw new RuleViolationError(vocationalErrors.loanAmountOverCap, {
      field: 'amountVnd',
      legalRef: caps.maxAmountVnd.legalRef,
      params: { amount: loan.amountVnd, cap: caps.maxAmountVnd.amount },
    });
  }
  if (loan.termMonths > caps.maxTermMonths.amount) {
    throw new RuleViolationError(vocationalErrors.loanTermOverCap, {
      field: 'termMonths',
      legalRef: caps.maxTermMonths.legalRef,
      params: { months: loan.termMonths, cap: caps.maxTermMonths.amount },
    });
  }
  return {
    legalRef: caps.maxAmountVnd.legalRef,
    confirmed: caps.maxAmountVnd.confirmed && caps.maxTermMonths.confirmed,
  };
}

/** The share of post-rehab workers, in percent rounded down to a hundredth. */
export function postRehabSharePercent(workers: number, postRehabWorkers: number): number {
  return Math.floor((postRehabWorkers * 10_000) / workers) / 100;
}

/** Refuses a business loan whose post-rehab share is too low or whose amount is over the cap. */
export function requireEmployerLoanConditions(
  loan: { amountVnd: number; workers: number; postRehabWorkers: number; on: LocalDate },
  rules: VocationalRules,
): { sharePercent: number; legalRef: string; confirmed: boolean } {
  if (loan.postRehabWorkers > loan.workers) {
    throw new RuleViolationError(vocationalErrors.postRehabWorkersOverWorkers, {
      field: 'postRehabWorkers',
      params: { postRehabWorkers: loan.postRehabWorkers, workers: loan.workers },
    });
  }
  const conditions = rules.employerLoan(loan.on);
  const sharePercent = postRehabSharePercent(loan.workers, loan.postRehabWorkers);
  // Compared in whole numbers so that 1 of 10 is exactly 10%.
  if (loan.postRehabWorkers * 100 < conditions.minPostRehabSharePercent.amount * loan.workers) {
    throw new RuleViolationError(vocationalErrors.postRehabShareTooLow, {
      field: 'postRehabWorkers',
      legalRef: conditions.minPostRehabSharePercent.legalRef,
      params: {
        postRehabWorkers: loan.postRehabWorkers,
        workers: loan.workers,
        share: sharePercent,
        minimum: conditions.minPostRehabSharePercent.amount,
      },
    });
  }
  if (loan.amountVnd > conditions.maxAmountVnd.amount) {
    throw new RuleViolationError(vocationalErrors.loanAmountOverCap, {
      field: 'amountVnd',
      legalRef: conditions.maxAmountVnd.legalRef,
      params: { amount: loan.amountVnd, cap: conditions.maxAmountVnd.amount },
    });
  }
  return {
    sharePercent,
    legalRef: conditions.maxAmountVnd.legalRef,
    confirmed: conditions.maxAmountVnd.confirmed && conditions.minPostRehabSharePercent.confirmed,
  };
}
