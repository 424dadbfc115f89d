// The treatment service's questions to its rulebook, in the law's terms. A case resolves
// every rule by its regime date (the date of the decision or notified result that opened
// it) and keeps it, so a case opened under LAW-2021 keeps LAW-2021 terms and actors after
// LAW-2025 takes effect (docs/domain.md 0.1, assumed transitional rule). Deadlines count from
// the event that starts them, on the working-day calendar.
import {
  applyDuration,
  sourceOf,
  type Duration,
  type LocalDate,
  type RuledActor,
  type RuledCount,
  type RuledDate,
  type RuledMonths,
  type Rulebook,
  type RuleSource,
  type WorkingDayCalendar,
} from '@rehab/domain-kit';

export type { RuledActor, RuledCount, RuledDate, RuledMonths, RuleSource } from '@rehab/domain-kit';

/** What a person came to post-rehab management from; it sets the term (Law 73/2021 Art. 40). */
export type PostRehabOrigin = 'voluntary' | 'methadone' | 'compulsory-adult' | 'compulsory-minor';

/** Steps whose actor the rulebook names. */
export type ActorStep =
  | 'voluntary.homeDecisionActor'
  | 'voluntary.homeCompletionCertifier'
  | 'voluntary.facilityCompletionCertifier'
  | 'postRehab.decisionActor'
  | 'postRehab.completionCertifier';

/** The rules of one case, bound to its regime date. */
export interface CaseRules {
  /** The date whose regimes govern the case. */
  readonly regimeDate: LocalDate;
  /** Regimes in force on the regime date, earliest first (the last one is the case's regime). */
  readonly regimeIds: readonly string[];
  /** Last day to register voluntary rehab or methadone after notification of "addicted". */
  registrationDeadline(notifiedOn: LocalDate): RuledDate;
  /** Ages (completed years) for which a guardian registers: 12-17. */
  minorAge(): { min: number; max: number } & RuleSource;
  policeAppraisalDeadline(registeredOn: LocalDate): RuledDate;
  /** Last day for the decision on home/community rehab after registration. */
  homeDecisionDeadline(registeredOn: LocalDate): RuledDate;
  /** The term range of voluntary rehab; LAW-2025 distinguishes a first rehab. */
  voluntaryTerm(firstRehab: boolean): RuledMonths;
  /** How many of the five stages must be done to complete. */
  minimumStages(modality: 'voluntary' | 'compulsory'): RuledCount;
  /** Last day for a provider's notice of start, quitting or completion. */
  providerNoticeDeadline(eventOn: LocalDate): RuledDate;
  postRehabReportInDeadline(releasedOn: LocalDate): RuledDate;
  postRehabFileDeadline(reportedOn: LocalDate): RuledDate;
  postRehabDecisionDeadline(proposedOn: LocalDate): RuledDate;
  /** Last day of post-rehab management decided on `decidedOn` for a person from `origin`. */
  postRehabTermEnd(origin: PostRehabOrigin, decidedOn: LocalDate): RuledDate;
  helperMaxPersons(): RuledCount;
  actor(step: ActorStep): RuledActor;
  /** The end of a term of `months` from `start` (Civil Code 2015 Art. 148, clamped month ends). */
  monthsAfter(start: LocalDate, months: number): LocalDate;
}

/** Rules for cases, by regime date. */
export interface TreatmentRules {
  forCase(regimeDate: LocalDate): CaseRules;
}

const postRehabTermKeys: Record<PostRehabOrigin, string> = {
  voluntary: 'postRehab.term.voluntary',
  methadone: 'postRehab.term.methadone',
  'compulsory-adult': 'postRehab.term.compulsoryAdult',
  'compulsory-minor': 'postRehab.term.compulsoryMinor',
};

const source = sourceOf;

/** Binds the treatment rule keys to a rulebook and the working-day calendar. */
export function createTreatmentRules(
  rulebook: Rulebook,
  calendar: WorkingDayCalendar,
): TreatmentRules {
  return {
    forCase(regimeDate) {
      const rules = rulebook.resolve(regimeDate);
      const after = (key: string, from: LocalDate): RuledDate => {
        const rule = rules.duration(key);
        return { date: applyDuration(from, rule.value, calendar), ...source(rule) };
      };
      const count = (key: string): RuledCount => {
        const rule = rules.value(key);
        if (typeof rule.value !== 'number') throw new TypeError(`Rule "${key}" must be a number`);
        return { count: rule.value, ...source(rule) };
      };
      const range = (key: string, unit: Duration['unit']) => {
        const rule = rules.range(key);
        if (rule.value.unit !== unit) throw new TypeError(`Rule "${key}" must be in ${unit}`);
        return { min: rule.value.min, max: rule.value.max, key, ...source(rule) };
      };
      return {
        regimeDate,
        regimeIds: rules.regimeIds,
        registrationDeadline: (notifiedOn) => after('registration.deadline', notifiedOn),
        minorAge: () => range('registration.minorAge', 'years'),
        policeAppraisalDeadline: (on) => after('registration.policeAppraisalDeadline', on),
        homeDecisionDeadline: (on) => after('voluntary.homeDecisionDeadline', on),
        voluntaryTerm(firstRehab) {
          const key = firstRehab ? 'voluntary.term.first' : 'voluntary.term.subsequent';
          return range(key, 'months');
        },
        minimumStages: (modality) => count(`rehab.minimumStages.${modality}`),
        providerNoticeDeadline: (on) => after('provider.noticeDeadline', on),
        postRehabReportInDeadline: (on) => after('postRehab.reportInDeadline', on),
        postRehabFileDeadline: (on) => after('postRehab.fileDeadline', on),
        postRehabDecisionDeadline: (on) => after('postRehab.decisionDeadline', on),
        postRehabTermEnd: (origin, decidedOn) => after(postRehabTermKeys[origin], decidedOn),
        helperMaxPersons: () => count('postRehab.helperMaxPersons'),
        actor(step) {
          const rule = rules.actor(step);
          return { actor: rule.value, ...source(rule) };
        },
        monthsAfter: (start, months) => applyDuration(start, { unit: 'months', amount: months }),
      };
    },
  };
}
