// The methadone service's questions to its rulebook, in the law's terms. Each answer carries
// where it came from (regime, legal reference, whether confirmed), so records can cite it.
import {
  applyDuration,
  sourceOf,
  type Duration,
  type LocalDate,
  type ResolvedRule,
  type ResolvedRules,
  type RuledDate,
  type Rulebook,
  type RuleSource,
  type WorkingDayCalendar,
} from '@rehab/domain-kit';

export type { RuledDate, RuleSource } from '@rehab/domain-kit';

/** A number the rulebook sets, with its source. */
export interface RuledNumber extends RuleSource {
  value: number;
}

/** The limits of dose orders in force on an order's start date. */
export interface OrderLimits {
  firstDoseMinMg: RuledNumber;
  firstDoseMaxMg: RuledNumber;
  inductionNoIncreaseDays: RuledNumber;
  inductionMaxIncrementMg: RuledNumber;
  titrationMaxIncrementMg: RuledNumber;
  titrationReviewMinDays: RuledNumber;
  titrationReviewMaxDays: RuledNumber;
  maintenanceMaxDays: RuledNumber;
  taperMinMaintenance: { duration: Duration } & RuleSource;
  taperMaxCutPercent: RuledNumber;
  taperMinStepInterval: { duration: Duration } & RuleSource;
}

/** Consecutive missed days from which each flag is raised, and the reduced dose's share. */
export interface MissedDoseThresholds {
  doseAsOrderedFrom: RuledNumber;
  reducedDoseFrom: RuledNumber;
  reducedDosePercent: RuledNumber;
  stopFrom: RuledNumber;
  reinductionFrom: RuledNumber;
}

/** Whether take-home doses are allowed in a province on a date, and within which limits. */
export interface TakeHomePolicy {
  enabled: boolean;
  /** Province codes of the pilot in force; absent when no pilot regime covers the date. */
  pilot?: { provinces: string[] } & RuleSource;
  maxDays?: RuledNumber;
  requiredPhase?: { phase: string } & RuleSource;
}

/** The discharge grounds' thresholds in force on a date. */
export interface DischargeGroundRules {
  violationCount: RuledNumber;
  violationWindow: { duration: Duration } & RuleSource;
  opioidPositiveCount: RuledNumber;
  opioidPositiveWindow: { duration: Duration } & RuleSource;
  otherDrugPositive: { applies: boolean } & RuleSource;
}

export interface MethadoneRules {
  /** Last day for the written decision on an application (10 working days of a complete file). */
  intakeDeadline(applicationDate: LocalDate): RuledDate;
  /** Below this age in completed years the guardian's written consent is needed. */
  guardianConsentUnderAge(on: LocalDate): RuledNumber;
  orderLimits(startsOn: LocalDate): OrderLimits;
  missedDoseThresholds(on: LocalDate): MissedDoseThresholds;
  takeHome(on: LocalDate, provinceCode: string): TakeHomePolicy;
  dischargeGrounds(on: LocalDate): DischargeGroundRules;
  /** A count differing from the ledger by more than this waits for a second person. */
  stockCountToleranceMl(on: LocalDate): RuledNumber;
}

const numberOf = (rule: ResolvedRule<unknown>): number => {
  if (typeof rule.value !== 'number') throw new TypeError(`Rule "${rule.key}" must be a number`);
  return rule.value;
};

function ruledNumber(rules: ResolvedRules, key: string): RuledNumber {
  const rule = rules.value(key);
  return { value: numberOf(rule), ...sourceOf(rule) };
}

function ruledDuration(rules: ResolvedRules, key: string): { duration: Duration } & RuleSource {
  const rule = rules.duration(key);
  return { duration: rule.value, ...sourceOf(rule) };
}

/** Binds the methadone rule keys to a rulebook and the working-day calendar. */
export function createMethadoneRules(
  rulebook: Rulebook,
  calendar: WorkingDayCalendar,
): MethadoneRules {
  return {
    intakeDeadline(applicationDate) {
      const rule = rulebook.resolve(applicationDate).duration('enrolment.decisionDeadline');
      return { date: applyDuration(applicationDate, rule.value, calendar), ...sourceOf(rule) };
    },
    guardianConsentUnderAge: (on) =>
      ruledNumber(rulebook.resolve(on), 'enrolment.guardianConsentUnderAge'),
    orderLimits(startsOn) {
      const rules = rulebook.resolve(startsOn);
      const n = (key: string) => ruledNumber(rules, key);
      return {
        firstDoseMinMg: n('order.induction.firstDoseMinMg'),
        firstDoseMaxMg: n('order.induction.firstDoseMaxMg'),
        inductionNoIncreaseDays: n('order.induction.noIncreaseDays'),
        inductionMaxIncrementMg: n('order.induction.maxIncrementMg'),
        titrationMaxIncrementMg: n('order.titration.maxIncrementMg'),
        titrationReviewMinDays: n('order.titration.reviewMinDays'),
        titrationReviewMaxDays: n('order.titration.reviewMaxDays'),
        maintenanceMaxDays: n('order.maintenance.maxDays'),
        taperMinMaintenance: ruledDuration(rules, 'order.taper.minMaintenance'),
        taperMaxCutPercent: n('order.taper.maxCutPercent'),
        taperMinStepInterval: ruledDuration(rules, 'order.taper.minStepInterval'),
      };
    },
    missedDoseThresholds(on) {
      const rules = rulebook.resolve(on);
      const n = (key: string) => ruledNumber(rules, key);
      return {
        doseAsOrderedFrom: n('missedDoses.doseAsOrderedFrom'),
        reducedDoseFrom: n('missedDoses.reducedDoseFrom'),
        reducedDosePercent: n('missedDoses.reducedDosePercent'),
        stopFrom: n('missedDoses.stopFrom'),
        reinductionFrom: n('missedDoses.reinductionFrom'),
      };
    },
    takeHome(on, provinceCode) {
      const rules = rulebook.resolve(on);
      if (!rules.has('takeHome.pilotProvinces')) return { enabled: false };
      const pilotRule = rules.value('takeHome.pilotProvinces');
      const provinces = String(pilotRule.value).split(/\s+/).filter(Boolean);
      const phaseRule = rules.value('takeHome.requiredPhase');
      return {
        enabled: provinces.includes(provinceCode),
        pilot: { provinces, ...sourceOf(pilotRule) },
        maxDays: ruledNumber(rules, 'takeHome.maxDays'),
        requiredPhase: { phase: String(phaseRule.value), ...sourceOf(phaseRule) },
      };
    },
    dischargeGrounds(on) {
      const rules = rulebook.resolve(on);
      const other = rules.value('discharge.otherDrugPositive');
      return {
        violationCount: ruledNumber(rules, 'discharge.violations.count'),
        violationWindow: ruledDuration(rules, 'discharge.violations.window'),
        opioidPositiveCount: ruledNumber(rules, 'discharge.opioidPositives.count'),
        opioidPositiveWindow: ruledDuration(rules, 'discharge.opioidPositives.window'),
        otherDrugPositive: { applies: other.value === true, ...sourceOf(other) },
      };
    },
    stockCountToleranceMl: (on) => ruledNumber(rulebook.resolve(on), 'stock.countToleranceMl'),
  };
}
