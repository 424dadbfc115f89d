import {
  applyDuration,
  sourceOf,
  type Duration,
  type LocalDate,
  type RuledDate,
  type Rulebook,
  type RuleSource,
  type WorkingDayCalendar,
} from '@rehab/domain-kit';

import { ASSIGNMENT_SCOPES, type AssignmentScope } from './facility-assignment.ts';

export type { RuledDate, RuleSource } from '@rehab/domain-kit';

/** The places a referral's facility is looked for, in order, with the rule's source. */
export interface AssignmentOrder extends RuleSource {
  order: AssignmentScope[];
}

/** The diagnostic thresholds of Circular 18/2021/TT-BYT in force on a date. */
export interface DiagnosisThresholds {
  /** How many of the six criteria must be present together (3). */
  minimumCriteria: number;
  /** How long they must be present together (1 month). */
  sustainedPeriod: Duration;
  /** How far back observations count, and the window for recurrence (12 months). */
  lookback: Duration;
  sources: RuleSource[];
}

/** Inclusive age bounds in completed years of a minor whose guardian is notified (12-17). */
export interface MinorAgeBounds extends RuleSource {
  min: number;
  max: number;
}

/**
 * The assessment service's questions to its rulebook, in the law's terms. Diagnosis rules
 * are chosen by the conclusion date; deadlines by the notification date.
 */
export interface AssessmentRules {
  diagnosisThresholds(concludedOn: LocalDate): DiagnosisThresholds;
  /** Last day to register voluntary rehab or methadone after notification of "addicted". */
  registrationDeadline(notifiedOn: LocalDate): RuledDate;
  minorAgeBounds(on: LocalDate): MinorAgeBounds;
  facilityAssignmentOrder(referredOn: LocalDate): AssignmentOrder;
}

const isScope = (value: string): value is AssignmentScope =>
  (ASSIGNMENT_SCOPES as readonly string[]).includes(value);

/** Binds the assessment rule keys to a rulebook and the working-day calendar. */
export function createAssessmentRules(
  rulebook: Rulebook,
  calendar: WorkingDayCalendar,
): AssessmentRules {
  const source = sourceOf;
  return {
    diagnosisThresholds(concludedOn) {
      const rules = rulebook.resolve(concludedOn);
      const minimum = rules.value('diagnosis.minimumCriteria');
      if (typeof minimum.value !== 'number') {
        throw new TypeError('Rule "diagnosis.minimumCriteria" must be a number');
      }
      const sustained = rules.duration('diagnosis.sustainedPeriod');
      const lookback = rules.duration('diagnosis.lookback');
      return {
        minimumCriteria: minimum.value,
        sustainedPeriod: sustained.value,
        lookback: lookback.value,
        sources: [minimum, sustained, lookback].map(source),
      };
    },
    registrationDeadline(notifiedOn) {
      const rule = rulebook.resolve(notifiedOn).duration('result.registrationDeadline');
      return { date: applyDuration(notifiedOn, rule.value, calendar), ...source(rule) };
    },
    facilityAssignmentOrder(referredOn) {
      const rule = rulebook.resolve(referredOn).value('referral.facilityAssignment');
      const order = String(rule.value)
        .split(',')
        .map((scope) => scope.trim());
      if (order.length === 0 || !order.every(isScope)) {
        throw new TypeError(
          `Rule "referral.facilityAssignment" must list scopes of ${ASSIGNMENT_SCOPES.join(', ')}`,
        );
      }
      return { order, ...source(rule) };
    },
    minorAgeBounds(on) {
      const rule = rulebook.resolve(on).range('result.minorAge');
      if (rule.value.unit !== 'years') {
        throw new TypeError('Rule "result.minorAge" must be a range in years');
      }
      return { min: rule.value.min, max: rule.value.max, ...source(rule) };
    },
  };
}
