// How dated observations become "presence" of each criterion, the building block of the
// diagnosis rule in diagnosis.ts. Definitions:
// - Day state: on one date a criterion is present if it was observed present and not
//   also observed absent that day; an absent observation on the same date wins (the
//   conservative reading when sources disagree, since the result can lead to
//   compulsory measures).
// - Presence run: a maximal sequence of a criterion's present days with no absent day
//   between them; it spans from its first to its last present day. Between two present
//   observations with no absent one in between, the criterion is taken as continuously
//   present. A single observation is a run of zero length.
import type { LocalDate } from '@rehab/domain-kit';
import { CRITERIA, type Criterion, type EvidenceSource, type SubstanceClass } from './criteria.ts';

/** One finding about one criterion on one date (the diagnosis needs no more). */
export interface CriterionObservation {
  criterion: Criterion;
  present: boolean;
  observedOn: LocalDate;
  source: EvidenceSource;
  substanceClass: SubstanceClass;
}

/** A period during which a criterion is continuously present (both ends observed). */
export interface PresenceRun {
  criterion: Criterion;
  from: LocalDate;
  to: LocalDate;
}

/** Per criterion, per date: true when present that day, false when observed absent. */
export type DayStates = Map<Criterion, Map<LocalDate, boolean>>;

/** The state of each criterion on each observed date (absent wins on a same-day conflict). */
export function dayStates(observations: readonly CriterionObservation[]): DayStates {
  const states: DayStates = new Map(CRITERIA.map((c) => [c, new Map<LocalDate, boolean>()]));
  for (const o of observations) {
    const byDate = states.get(o.criterion);
    if (!byDate) continue;
    byDate.set(o.observedOn, (byDate.get(o.observedOn) ?? true) && o.present);
  }
  return states;
}

/** The presence runs of every criterion, in criterion then date order. */
export function presenceRuns(states: DayStates): PresenceRun[] {
  const runs: PresenceRun[] = [];
  for (const [criterion, byDate] of states) {
    let open: PresenceRun | undefined;
    for (const date of [...byDate.keys()].sort()) {
      if (byDate.get(date)) {
        if (open) open.to = date;
        else open = { criterion, from: date, to: date };
      } else if (open) {
        runs.push(open);
        open = undefined;
      }
    }
    if (open) runs.push(open);
  }
  return runs;
}

/** The criteria present on `date` (observed present that day, not also absent). */
export function presentOn(states: DayStates, date: LocalDate): Set<Criterion> {
  const present = new Set<Criterion>();
  for (const [criterion, byDate] of states) if (byDate.get(date)) present.add(criterion);
  return present;
}

/** Whether `criterion` was observed absent on some date strictly between `from` and `to`. */
export function absentBetween(
  states: DayStates,
  criterion: Criterion,
  from: LocalDate,
  to: LocalDate,
): boolean {
  for (const [date, present] of states.get(criterion) ?? []) {
    if (!present && from < date && date < to) return true;
  }
  return false;
}

/** All observed dates, ascending. */
export function observedDates(states: DayStates): LocalDate[] {
  const dates = new Set<LocalDate>();
  for (const byDate of states.values()) for (const date of byDate.keys()) dates.add(date);
  return [...dates].sort();
}

/** The criteria in the canonical order of Circular 18/2021/TT-BYT's list. */
export function inCriteriaOrder(set: Iterable<Criterion>): Criterion[] {
  const members = new Set(set);
  return CRITERIA.filter((c) => members.has(c));
}
