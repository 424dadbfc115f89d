// THE rule of addiction status determination (Circular 18/2021/TT-BYT; Law 73/2021/QH14
// Art. 27): "addicted" when at least 3 of the 6 criteria were present together for at
// least 1 month, or recurred together within 12 months; otherwise "not addicted". The
// thresholds come from the rulebook (assessment-rules.ts). Precisely, on top of the
// presence runs defined in presence.ts:
// - Lookback: only observations dated from (conclusion date - 12 months) to the
//   conclusion date, both inclusive, count; later ones are ignored.
// - Together for at least 1 month ("sustained"): there is a window [s, addMonths(s, 1)]
//   that lies inside a presence run of each of at least 3 distinct criteria, i.e. each
//   was observed present on or before s and again on or after s + 1 month with no
//   absent observation between.
// - Recurring together within 12 months: on two distinct dates d1 < d2 in the lookback
//   the same set of at least 3 criteria was observed present, and in between the set
//   was interrupted (at least one of them was observed absent). Without an interruption
//   the two dates are one continuous episode, judged by the sustained test, so "present
//   together for 20 days" is not addicted.
// - Criteria met: the largest qualifying set (ties: the most recent). When not
//   addicted, the largest set observed present together on one date, for the record.
// - Substance class: of the qualifying observations (the present observations of the
//   qualifying criteria within their runs, or on d1 and d2 when recurring), the class
//   with the most distinct qualifying criteria; ties go to the order of
//   SUBSTANCE_CLASSES (opioid, ats, cannabis, other). None when not addicted.
import { addDays, addMonths, addYears, applyDuration, type Duration } from '@rehab/domain-kit';
import type { LocalDate } from '@rehab/domain-kit';
import { SUBSTANCE_CLASSES, type Criterion, type SubstanceClass } from './criteria.ts';
import type { DiagnosisThresholds } from './assessment-rules.ts';
import {
  absentBetween,
  dayStates,
  inCriteriaOrder,
  observedDates,
  presenceRuns,
  presentOn,
  type CriterionObservation,
} from './presence.ts';

export type DeterminationResult = 'addicted' | 'not-addicted';

/** Which limb of the rule made the result "addicted". */
export type DiagnosisBasis = 'sustained' | 'recurring';

/** The computed result with the evidence behind it. */
export interface Diagnosis {
  result: DeterminationResult;
  basis?: DiagnosisBasis;
  criteriaMet: Criterion[];
  substanceClass?: SubstanceClass;
  /** Sustained: the window all met criteria share; recurring: the two dates. */
  evidence?: { from: LocalDate; to: LocalDate };
  /** First day whose observations count. */
  lookbackFrom: LocalDate;
  explanation: { en: string; vi: string };
}

type Thresholds = Pick<DiagnosisThresholds, 'minimumCriteria' | 'sustainedPeriod' | 'lookback'>;

interface Finding {
  basis: DiagnosisBasis;
  criteria: Criterion[];
  from: LocalDate;
  to: LocalDate;
  qualifying: CriterionObservation[];
}

/** The date `duration` before `date` (calendar units only). */
export function durationBefore(date: LocalDate, duration: Duration): LocalDate {
  const { unit, amount } = duration;
  if (unit === 'years') return addYears(date, -amount);
  if (unit === 'months') return addMonths(date, -amount);
  if (unit === 'weeks') return addDays(date, -7 * amount);
  if (unit === 'days') return addDays(date, -amount);
  throw new RangeError(`A lookback in ${unit} is not supported`);
}

/** Applies the diagnostic rule to the observations as of the conclusion date. */
export function diagnose(
  observations: readonly CriterionObservation[],
  concludedOn: LocalDate,
  thresholds: Thresholds,
): Diagnosis {
  const lookbackFrom = durationBefore(concludedOn, thresholds.lookback);
  const counted = observations.filter(
    (o) => lookbackFrom <= o.observedOn && o.observedOn <= concludedOn,
  );
  const finding =
    sustainedFinding(counted, thresholds) ?? recurringFinding(counted, thresholds.minimumCriteria);
  if (!finding) {
    const criteriaMet = largestSetOnOneDate(counted);
    return {
      result: 'not-addicted',
      criteriaMet,
      lookbackFrom,
      explanation: explainNotAddicted(criteriaMet, thresholds),
    };
  }
  const substanceClass = dominantClass(finding.qualifying);
  return {
    result: 'addicted',
    basis: finding.basis,
    criteriaMet: finding.criteria,
    ...(substanceClass ? { substanceClass } : {}),
    evidence: { from: finding.from, to: finding.to },
    lookbackFrom,
    explanation: explainAddicted(finding, thresholds),
  };
}

function sustainedFinding(
  observations: readonly CriterionObservation[],
  { minimumCriteria, sustainedPeriod }: Thresholds,
): Finding | undefined {
  const runs = presenceRuns(dayStates(observations));
  let best: Finding | undefined;
  // Ascending starts, so among equally large sets the most recent window wins.
  for (const start of [...new Set(runs.map((r) => r.from))].sort()) {
    const end = applyDuration(start, sustainedPeriod);
    const covering = runs.filter((r) => r.from <= start && r.to >= end);
    if (covering.length < minimumCriteria) continue;
    if (best && covering.length < best.criteria.length) continue;
    best = {
      basis: 'sustained',
      criteria: inCriteriaOrder(covering.map((r) => r.criterion)),
      from: start,
      to: covering.map((r) => r.to).sort()[0] ?? end,
      qualifying: observations.filter((o) =>
        covering.some(
          (r) =>
            o.present &&
            r.criterion === o.criterion &&
            r.from <= o.observedOn &&
            o.observedOn <= r.to,
        ),
      ),
    };
  }
  return best;
}

function recurringFinding(
  observations: readonly CriterionObservation[],
  minimumCriteria: number,
): Finding | undefined {
  const states = dayStates(observations);
  const dates = observedDates(states);
  let best: Finding | undefined;
  dates.forEach((first, i) => {
    const atFirst = presentOn(states, first);
    for (const second of dates.slice(i + 1)) {
      const atSecond = presentOn(states, second);
      const shared = [...atFirst].filter((c) => atSecond.has(c));
      if (shared.length < minimumCriteria) continue;
      if (!shared.some((c) => absentBetween(states, c, first, second))) continue;
      if (best && shared.length < best.criteria.length) continue;
      best = {
        basis: 'recurring',
        criteria: inCriteriaOrder(shared),
        from: first,
        to: second,
        qualifying: observations.filter(
          (o) =>
            o.present &&
            shared.includes(o.criterion) &&
            (o.observedOn === first || o.observedOn === second),
        ),
      };
    }
  });
  return best;
}

function largestSetOnOneDate(observations: readonly CriterionObservation[]): Criterion[] {
  const states = dayStates(observations);
  let best: Criterion[] = [];
  for (const date of observedDates(states)) {
    const present = inCriteriaOrder(presentOn(states, date));
    if (present.length >= best.length && present.length > 0) best = present;
  }
  return best;
}

/** The class with the most distinct qualifying criteria; ties follow SUBSTANCE_CLASSES. */
export function dominantClass(
  qualifying: readonly CriterionObservation[],
): SubstanceClass | undefined {
  let best: { substanceClass: SubstanceClass; count: number } | undefined;
  for (const substanceClass of SUBSTANCE_CLASSES) {
    const count = new Set(
      qualifying.filter((o) => o.substanceClass === substanceClass).map((o) => o.criterion),
    ).size;
    if (count > 0 && (!best || count > best.count)) best = { substanceClass, count };
  }
  return best?.substanceClass;
}

const months = (d: Duration, vi: boolean): string =>
  vi
    ? `${d.amount} ${{ years: 'năm', months: 'tháng', weeks: 'tuần', days: 'ngày', workingDays: 'ngày làm việc', hours: 'giờ' }[d.unit]}`
    : `${d.amount} ${d.amount === 1 ? d.unit.replace(/s$/, '') : d.unit}`;

function explainAddicted(f: Finding, t: Thresholds): { en: string; vi: string } {
  const list = f.criteria.join(', ');
  const n = f.criteria.length;
  return f.basis === 'sustained'
    ? {
        en: `${n} of 6 criteria (${list}) were present together from ${f.from} to ${f.to}, at least ${months(t.sustainedPeriod, false)}`,
        vi: `${n}/6 tiêu chuẩn (${list}) cùng xuất hiện từ ${f.from} đến ${f.to}, ít nhất ${months(t.sustainedPeriod, true)}`,
      }
    : {
        en: `${n} of 6 criteria (${list}) occurred together on ${f.from} and again on ${f.to}, within ${months(t.lookback, false)}`,
        vi: `${n}/6 tiêu chuẩn (${list}) cùng xuất hiện ngày ${f.from} và lặp lại ngày ${f.to}, trong vòng ${months(t.lookback, true)}`,
      };
}

function explainNotAddicted(met: Criterion[], t: Thresholds): { en: string; vi: string } {
  const seen = met.length > 0 ? ` (${met.join(', ')})` : '';
  return {
    en: `Fewer than ${t.minimumCriteria} criteria were present together for ${months(t.sustainedPeriod, false)} or recurring together within ${months(t.lookback, false)}; at most ${met.length} were observed together${seen}`,
    vi: `Không có ${t.minimumCriteria} tiêu chuẩn cùng xuất hiện trong ${months(t.sustainedPeriod, true)} hoặc lặp lại trong ${months(t.lookback, true)}; nhiều nhất ${met.length} tiêu chuẩn cùng xuất hiện${seen}`,
  };
}
