// The vocational service's questions to its rulebook, in the law's terms: the follow-up
// dates of a job placement (Decision 1393/QĐ-LĐTBXH) and the figures of the preferential
// loans of Decision 08/2026/QĐ-TTg. Each answer carries the rule it came from.
import {
  applyDuration,
  RuleViolationError,
  sourceOf,
  type Duration,
  type LocalDate,
  type ResolvedRules,
  type Rulebook,
  type RuleSource,
} from '@rehab/domain-kit';
import { vocationalErrors } from './errors.ts';

/** An amount in VND, or a count, that the rulebook sets. */
export interface RuledAmount extends RuleSource {
  amount: number;
}

/** A planned follow-up of a job placement. */
export interface FollowUpPlan extends RuleSource {
  /** Months after the start of the job (3, 6, 12). */
  months: number;
  dueOn: LocalDate;
}

/** The caps and conditions of a loan to an individual, in force on one date. */
export interface IndividualLoanRules {
  maxAmountVnd: RuledAmount;
  maxTermMonths: RuledAmount;
  minimumAge: RuledAmount;
  /** Years after the post-rehab management decision within which a request may be made. */
  requestWindow: { duration: Duration } & RuleSource;
}

/** The conditions of a loan to a business employing post-rehab persons. */
export interface EmployerLoanRules {
  maxAmountVnd: RuledAmount;
  minPostRehabSharePercent: RuledAmount;
}

export interface VocationalRules {
  /** The first day any rule is in force: no need can be older (the work queue's floor). */
  firstDay(): LocalDate;
  /** The follow-ups of a job that starts on `startsOn`, in order. */
  followUpPlan(startsOn: LocalDate): FollowUpPlan[];
  /** Loans to individuals on `on`; 422 when no loan scheme is in force then. */
  individualLoan(on: LocalDate): IndividualLoanRules;
  /** Loans to businesses on `on`; 422 when no loan scheme is in force then. */
  employerLoan(on: LocalDate): EmployerLoanRules;
  /** The last day of the request window opened by a decision on `decisionOn`. */
  requestWindowEnd(decisionOn: LocalDate, window: Duration): LocalDate;
}

const FOLLOW_UP_KEYS = [
  'placement.followUp.first',
  'placement.followUp.second',
  'placement.followUp.third',
] as const;

function numberRule(rules: ResolvedRules, key: string): RuledAmount {
  const rule = rules.value(key);
  if (typeof rule.value !== 'number') throw new TypeError(`Rule "${key}" must be a number`);
  return { amount: rule.value, ...sourceOf(rule) };
}

function monthsRule(rules: ResolvedRules, key: string): RuledAmount {
  const rule = rules.duration(key);
  if (rule.value.unit !== 'months') throw new TypeError(`Rule "${key}" must be in months`);
  return { amount: rule.value.amount, ...sourceOf(rule) };
}

/** Binds the vocational rule keys to a rulebook. */
export function createVocationalRules(rulebook: Rulebook): VocationalRules {
  // The first day any regime sets loan rules, for the refusal's wording.
  const firstLoanDay = rulebook.regimes.find((regime) =>
    rulebook.rules.some((rule) => rule.regime === regime.id && rule.key.startsWith('loan.')),
  )?.validFrom;
  const loanRules = (on: LocalDate, key: string): ResolvedRules => {
    const rules = rulebook.resolve(on);
    if (!rules.has(key)) {
      throw new RuleViolationError(vocationalErrors.noLoanSchemeInForce, {
        params: { date: on, from: firstLoanDay ?? 'never' },
      });
    }
    return rules;
  };
  const firstDay = rulebook.regimes[0]?.validFrom ?? '2022-01-01';
  return {
    firstDay: () => firstDay,
    followUpPlan(startsOn) {
      const rules = rulebook.resolve(startsOn);
      return FOLLOW_UP_KEYS.map((key) => {
        const { amount, ...source } = monthsRule(rules, key);
        return {
          months: amount,
          dueOn: applyDuration(startsOn, rules.duration(key).value),
          ...source,
        };
      });
    },
    individualLoan(on) {
      const rules = loanRules(on, 'loan.individual.maxAmountVnd');
      const window = rules.duration('loan.requestWindow');
      return {
        maxAmountVnd: numberRule(rules, 'loan.individual.maxAmountVnd'),
        maxTermMonths: monthsRule(rules, 'loan.individual.maxTerm'),
        minimumAge: numberRule(rules, 'loan.individual.minimumAge'),
        requestWindow: { duration: window.value, ...sourceOf(window) },
      };
    },
    employerLoan(on) {
      const rules = loanRules(on, 'loan.employer.maxAmountVnd');
      return {
        maxAmountVnd: numberRule(rules, 'loan.employer.maxAmountVnd'),
        minPostRehabSharePercent: numberRule(rules, 'loan.employer.minPostRehabSharePercent'),
      };
    },
    // A period counted from the decision ends on its anniversary (Civil Code 2015 Art. 147-148).
    requestWindowEnd: (decisionOn, window) => applyDuration(decisionOn, window),
  };
}
