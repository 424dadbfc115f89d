// Missed doses: the daily sweep judges each due patient-day once, in order. Consecutive
// missed days raise flags at the rulebook's thresholds (unconfirmed defaults: 1-2 days dose
// as ordered, 3 reduced dose and review, 4 stop until a prescriber clears it, 5+
// re-induction). A dosed (or dispensed) day ends the streak.
import { addDays, isAfter, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import type { MissedDoseThresholds, RuledNumber } from './methadone-rules.ts';
import { orderInForce } from './orders.ts';
import { openFlags, type DoseFlag, type FlagKind, type Patient } from './patient.ts';
import { methadoneErrors } from './errors.ts';

/** How a due day went, as the sweep found it. */
export type DayOutcome = 'dosed' | 'missed';

const thresholdsOf = (t: MissedDoseThresholds): [FlagKind, RuledNumber][] => [
  ['dose-as-ordered', t.doseAsOrderedFrom],
  ['reduced-dose', t.reducedDoseFrom],
  ['stop', t.stopFrom],
  ['reinduction', t.reinductionFrom],
];

/** Whether a dose was due on `date`: in treatment and an order covering the day. */
export function isDueDay(patient: Patient, date: LocalDate): boolean {
  return patient.status === 'admitted' && orderInForce(patient.orders, date) !== undefined;
}

/** Records one judged day: a miss counts on (raising flags), a dose ends the streak. */
export function recordDay(
  patient: Patient,
  date: LocalDate,
  outcome: DayOutcome,
  thresholds: MissedDoseThresholds,
  newId: () => string,
): { patient: Patient; raised: DoseFlag[] } {
  if (outcome === 'dosed') {
    // The informational flag ends with the streak; the others wait for the prescriber.
    const flags = patient.flags.map((flag) =>
      flag.kind === 'dose-as-ordered' && !flag.clearedOn
        ? { ...flag, clearedOn: date, clearedBy: 'sweep', note: 'dosed again' }
        : flag,
    );
    return { patient: { ...patient, consecutiveMisses: 0, flags, sweptThrough: date }, raised: [] };
  }
  const missed = patient.consecutiveMisses + 1;
  const raised = thresholdsOf(thresholds)
    .filter(([, rule]) => rule.value === missed)
    .map(([kind, rule]): DoseFlag => ({
      id: newId(),
      kind,
      raisedOn: date,
      missedDays: missed,
      legalRef: rule.legalRef,
    }));
  return {
    patient: {
      ...patient,
      consecutiveMisses: missed,
      missedDays: [...patient.missedDays, date],
      flags: [...patient.flags, ...raised],
      sweptThrough: date,
    },
    raised,
  };
}

/** The days the sweep still has to judge, up to and including `through`. */
export function daysToJudge(
  patient: Patient,
  through: LocalDate,
  firstDay: LocalDate,
): LocalDate[] {
  const days: LocalDate[] = [];
  let day = patient.sweptThrough ? addDays(patient.sweptThrough, 1) : firstDay;
  for (; !isAfter(day, through); day = addDays(day, 1)) days.push(day);
  return days;
}

/** The prescriber clears an open flag with a note. */
export function clearFlag(
  patient: Patient,
  flagId: string,
  clearance: { on: LocalDate; by: string; note: string },
): Patient {
  const flag = openFlags(patient).find((f) => f.id === flagId);
  if (!flag) {
    throw new RuleViolationError(methadoneErrors.flagNotOpen, { params: { flagId } });
  }
  return {
    ...patient,
    flags: patient.flags.map((f) =>
      f.id === flagId
        ? { ...f, clearedOn: clearance.on, clearedBy: clearance.by, note: clearance.note }
        : f,
    ),
  };
}
