// The end of a compulsory term. Decisions (docs/domain.md section 1 step 5; Decree 116/2021 Art. 58):
// - The term starts on admission, moved back by the days spent at a facility under interim
//   management, which count toward the term (Law 73/2021/QH14 Art. 35).
// - The court's months, less any reductions, are added with addMonths, which clamps to the
//   month's last day (Civil Code 2015 Art. 148): 12 months from 31 August ends on 31 August,
//   6 months from 31 August on the last day of February. Reductions come off the months
//   (a reduced term is a shorter term), then day-counted extensions are added.
// - Days absconded do not count: each is added to the end (Decree 116/2021, form 41).
// - A hospital suspension counts when the rulebook says so; otherwise its days are added too.
// - A period runs from the day it starts up to, not including, the day it ends (the day the
//   person comes back is a day served). An open period counts up to `asOf` and makes the
//   result provisional.
import {
  addDays,
  addMonths,
  daysBetween,
  isBefore,
  minDate,
  type LocalDate,
} from '@rehab/domain-kit';

/** A stretch of days: `from` inclusive, `to` (the day back) exclusive; open when `to` is absent. */
export interface Period {
  from: LocalDate;
  to?: LocalDate | undefined;
}

export interface TermFacts {
  admittedOn: LocalDate;
  /** The court's term in months. */
  termMonths: number;
  /** Days at a facility under interim management while the dossier was prepared. */
  interimFacilityDays: number;
  /** Absences (absconding) after admission. */
  absences: readonly Period[];
  /** Hospital suspensions after admission. */
  suspensions: readonly Period[];
  suspensionCountsTowardTerm: boolean;
  /** Total months of reductions granted. */
  reductionMonths: number;
}

export interface TermEnd {
  /** The day the term is counted from. */
  startsOn: LocalDate;
  /** Start plus the court's months, before reductions and extensions. */
  nominalEndsOn: LocalDate;
  /** The last day of the term. */
  endsOn: LocalDate;
  daysAbsent: number;
  /** Suspended days added to the end (0 when suspensions count toward the term). */
  daysSuspendedAdded: number;
  reductionMonths: number;
  /** True while an absence or suspension is open: the end moves with every day of it. */
  provisional: boolean;
}

/** Days of `periods` falling before `until` (an open period runs up to `until`). */
export function daysWithin(periods: readonly Period[], until: LocalDate): number {
  return periods.reduce((total, period) => {
    if (!isBefore(period.from, until)) return total;
    const to = period.to === undefined ? until : minDate(period.to, until);
    return total + Math.max(0, daysBetween(period.from, to));
  }, 0);
}

/** The start of the term: admission, less the interim days at a facility. */
export function termStartsOn(
  facts: Pick<TermFacts, 'admittedOn' | 'interimFacilityDays'>,
): LocalDate {
  return addDays(facts.admittedOn, -facts.interimFacilityDays);
}

/** The end of the term as known on `asOf` (today). */
export function computeTermEnd(facts: TermFacts, asOf: LocalDate): TermEnd {
  const startsOn = termStartsOn(facts);
  const nominalEndsOn = addMonths(startsOn, facts.termMonths);
  const daysAbsent = daysWithin(facts.absences, asOf);
  const daysSuspendedAdded = facts.suspensionCountsTowardTerm
    ? 0
    : daysWithin(facts.suspensions, asOf);
  const reduced = addMonths(startsOn, facts.termMonths - facts.reductionMonths);
  const isOpen = (p: Period): boolean => p.to === undefined;
  return {
    startsOn,
    nominalEndsOn,
    endsOn: addDays(reduced, daysAbsent + daysSuspendedAdded),
    daysAbsent,
    daysSuspendedAdded,
    reductionMonths: facts.reductionMonths,
    provisional:
      facts.absences.some(isOpen) ||
      (!facts.suspensionCountsTowardTerm && facts.suspensions.some(isOpen)),
  };
}

/** Days served by `on`: time since the start, less absences and uncounted suspensions. */
export function daysServed(facts: TermFacts, on: LocalDate): number {
  const elapsed = daysBetween(termStartsOn(facts), on);
  const suspended = facts.suspensionCountsTowardTerm ? 0 : daysWithin(facts.suspensions, on);
  return elapsed - daysWithin(facts.absences, on) - suspended;
}

/**
 * Whether half the court's term is served on `on` (Decree 116/2021 Art. 58), with the date
 * it is reached when nothing else interrupts the term.
 */
export function halfTermServed(
  facts: TermFacts,
  on: LocalDate,
): { served: boolean; halfwayOn: LocalDate } {
  const startsOn = termStartsOn(facts);
  const termDays = daysBetween(startsOn, addMonths(startsOn, facts.termMonths));
  const needed = Math.ceil(termDays / 2);
  const served = daysServed(facts, on);
  return { served: served >= needed, halfwayOn: addDays(on, needed - served) };
}
