// Who may borrow under Decision 08/2026/QĐ-TTg: a person who completed voluntary rehab,
// compulsory rehab or substitution treatment, within the age limit, whose request falls
// within the window after the post-rehab management decision. The commune police put the
// eligible on a list that the commune People's Committee certifies (see loan-list.ts).
import { ageOn, isAfter, sharedErrors, type ErrorCode, type LocalDate } from '@rehab/domain-kit';
import { vocationalErrors } from './errors.ts';
import { latestDecision, type SupportFile } from './support-file.ts';
import type { IndividualLoanRules, VocationalRules } from './vocational-rules.ts';

/** One unmet condition, with the rule it comes from. */
export interface EligibilityReason {
  code: string;
  legalRef: string;
  error: ErrorCode;
  params: Record<string, string | number>;
}

export interface LoanEligibility {
  eligible: boolean;
  reasons: EligibilityReason[];
  completion?: SupportFile['completions'][number];
  decisionOn?: LocalDate;
  windowEndsOn?: LocalDate;
  age: number;
}

/** The person's eligibility on `on` (the day the list is drawn up or the request is made). */
export function loanEligibility(
  person: { id: string; dateOfBirth: LocalDate },
  file: SupportFile | undefined,
  on: LocalDate,
  rules: VocationalRules,
): LoanEligibility {
  const loan: IndividualLoanRules = rules.individualLoan(on);
  const reasons: EligibilityReason[] = [];
  const reason = (error: ErrorCode, legalRef: string, params: Record<string, string | number>) =>
    reasons.push({ code: error.code, legalRef, error, params });

  // The most recent completion is the one the loan follows.
  const completion = [...(file?.completions ?? [])].sort((a, b) => a.on.localeCompare(b.on)).at(-1);
  if (!completion) {
    reason(vocationalErrors.rehabNotCompleted, loan.minimumAge.legalRef, { personId: person.id });
  }
  const age = ageOn(person.dateOfBirth, on);
  if (age < loan.minimumAge.amount) {
    reason(sharedErrors.underMinimumAge, loan.minimumAge.legalRef, {
      age,
      minimum: loan.minimumAge.amount,
    });
  }
  const decisionOn = file ? latestDecision(file) : undefined;
  let windowEndsOn: LocalDate | undefined;
  if (!decisionOn) {
    reason(vocationalErrors.noPostRehabDecision, loan.requestWindow.legalRef, {
      personId: person.id,
    });
  } else {
    windowEndsOn = rules.requestWindowEnd(decisionOn, loan.requestWindow.duration);
    if (isAfter(on, windowEndsOn)) {
      reason(vocationalErrors.requestWindowPassed, loan.requestWindow.legalRef, {
        decisionOn,
        windowEndsOn,
      });
    }
  }
  return {
    eligible: reasons.length === 0,
    reasons,
    age,
    ...(completion ? { completion } : {}),
    ...(decisionOn ? { decisionOn } : {}),
    ...(windowEndsOn ? { windowEndsOn } : {}),
  };
}
