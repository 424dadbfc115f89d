// The compulsory-placement questions to the rulebook (rules/compulsory.rulebook.yaml), in the
// law's terms. A case is bound once to the rules in force on the date of the violation record
// that opened it and keeps them for its whole life, even when a later regime starts.
import {
  applyDuration,
  sourceOf,
  type LocalDate,
  type ResolvedRule,
  type ResolvedRules,
  type RuledActor,
  type RuledDate,
  type RuledDuration,
  type RuledMonths,
  type Rulebook,
  type RuleSource,
  type WorkingDayCalendar,
} from '@rehab/domain-kit';

export type {
  RuledActor,
  RuledDate,
  RuledDuration,
  RuledMonths,
  RuleSource,
} from '@rehab/domain-kit';

export type AgeGroup = 'adult' | 'minor';
/** First compulsory rehab or a later one (LAW-2025 sets 24 vs 36 months). */
export type RehabOrdinal = 'first' | 'repeat';

/** The rules one case lives by. */
export interface CaseRules {
  /** The date that chose the rules (the violation record opening the case). */
  openedOn: LocalDate;
  /** The regimes in force on `openedOn`; the last is the newest. */
  regimeIds: readonly string[];
  minorAge: { min: number; max: number } & RuleSource;
  dossierDueBy(violationOn: LocalDate): RuledDate;
  dossierCompiler: RuledActor;
  /** The appraiser between the commune and the court, absent when the regime has none. */
  dossierAppraiser: RuledActor | undefined;
  /** When the appraisal is due (work queue only), absent when the regime has no appraiser. */
  appraisalDueBy: ((compiledOn: LocalDate) => RuledDate) | undefined;
  /** When the dossier should reach the court after it is ready (work queue only). */
  submissionDueBy(readyOn: LocalDate): RuledDate;
  /** When the court's decision is expected after submission (work queue only). */
  courtDecisionDueBy(submittedOn: LocalDate): RuledDate;
  familyReviewEndsOn(opensOn: LocalDate): RuledDate;
  childRightsOpinionRequired: boolean;
  court: RuledActor;
  term(group: AgeGroup, ordinal: RehabOrdinal): RuledMonths;
  admissionDueBy(decidedOn: LocalDate): RuledDate;
  latestDeferral(decidedOn: LocalDate): RuledDate;
  searchBeforeAdmission: RuledActor;
  searchAfterAdmission: RuledActor;
  reductionConduct: RuledDuration;
  reductionGoodConduct: RuledMonths;
  reductionMerit: RuledMonths;
  nextReviewDue(reviewedOn: LocalDate): RuledDate;
  postingEndsOn(postedOn: LocalDate): RuledDate;
  hospitalThresholdDays: number;
  minimumRemainingToReturn: RuledDuration;
  suspensionCountsTowardTerm: boolean;
  releaseNoticeDueBy(endsOn: LocalDate): RuledDate;
}

export interface CompulsoryRules {
  /** The rules of a case opened by a violation record dated `openedOn`. */
  forCase(openedOn: LocalDate): CaseRules;
}

const source = sourceOf;

function months(rules: ResolvedRules, key: string): RuledMonths {
  const rule = rules.range(key);
  if (rule.value.unit !== 'months') throw new TypeError(`Rule "${key}" must be a range in months`);
  return { key, min: rule.value.min, max: rule.value.max, ...source(rule) };
}

function flag(rules: ResolvedRules, key: string): boolean {
  const rule = rules.value(key);
  if (typeof rule.value !== 'boolean') throw new TypeError(`Rule "${key}" must be a boolean`);
  return rule.value;
}

function days(rules: ResolvedRules, key: string): number {
  const rule = rules.duration(key);
  if (rule.value.unit !== 'days') throw new TypeError(`Rule "${key}" must be in days`);
  return rule.value.amount;
}

const actor = (rule: ResolvedRule<string>): RuledActor => ({ actor: rule.value, ...source(rule) });

/** Binds the compulsory-placement rule keys to a rulebook and the working-day calendar. */
export function createCompulsoryRules(
  rulebook: Rulebook,
  calendar: WorkingDayCalendar,
): CompulsoryRules {
  return {
    forCase(openedOn) {
      const rules = rulebook.resolve(openedOn);
      const after = (key: string) => {
        const rule = rules.duration(key);
        return (date: LocalDate): RuledDate => ({
          date: applyDuration(date, rule.value, calendar),
          ...source(rule),
        });
      };
      const before = (key: string) => {
        const rule = rules.duration(key);
        const back = { ...rule.value, amount: -rule.value.amount };
        if (rule.value.unit === 'workingDays') throw new TypeError(`Rule "${key}" is not in days`);
        return (date: LocalDate): RuledDate => ({
          date: applyDuration(date, back, calendar),
          ...source(rule),
        });
      };
      const age = rules.range('age.minor');
      const appraiser = rules.actor('dossier.appraiser');
      const duration = (key: string): RuledDuration => {
        const rule = rules.duration(key);
        return { duration: rule.value, ...source(rule) };
      };
      const termRules = {
        'adult-first': months(rules, 'term.adult.first'),
        'adult-repeat': months(rules, 'term.adult.repeat'),
        'minor-first': months(rules, 'term.minor.first'),
        'minor-repeat': months(rules, 'term.minor.repeat'),
      } as const;
      return {
        openedOn,
        regimeIds: rules.regimeIds,
        minorAge: { min: age.value.min, max: age.value.max, ...source(age) },
        dossierDueBy: after('dossier.deadline'),
        dossierCompiler: actor(rules.actor('dossier.compiler')),
        dossierAppraiser: appraiser.value === 'none' ? undefined : actor(appraiser),
        // Resolved only when the regime has an appraiser: later regimes define no deadline.
        appraisalDueBy: appraiser.value === 'none' ? undefined : after('dossier.appraisalDeadline'),
        submissionDueBy: after('dossier.submissionDeadline'),
        courtDecisionDueBy: after('court.decisionDeadline'),
        familyReviewEndsOn: after('minor.familyReview'),
        childRightsOpinionRequired: flag(rules, 'minor.childRightsOpinionRequired'),
        court: actor(rules.actor('court.decider')),
        term: (group, ordinal) => termRules[`${group}-${ordinal}`],
        admissionDueBy: after('admission.deadline'),
        latestDeferral: after('admission.maxDeferral'),
        searchBeforeAdmission: actor(rules.actor('search.beforeAdmission')),
        searchAfterAdmission: actor(rules.actor('search.afterAdmission')),
        reductionConduct: duration('reduction.conductMonths'),
        reductionGoodConduct: months(rules, 'reduction.goodConduct'),
        reductionMerit: months(rules, 'reduction.merit'),
        nextReviewDue: after('review.interval'),
        postingEndsOn: after('review.posting'),
        hospitalThresholdDays: days(rules, 'suspension.hospitalThreshold'),
        minimumRemainingToReturn: duration('suspension.minimumRemainingToReturn'),
        suspensionCountsTowardTerm: flag(rules, 'suspension.countsTowardTerm'),
        releaseNoticeDueBy: before('release.notice'),
      };
    },
  };
}
