// The daily missed-dose sweep (hourly, and POST /ops/sweep): every admitted patient's days
// up to yesterday are judged once, in order; a due day without a dose (observed or
// dispensed) is missed and consecutive misses raise the rulebook's flags. Idempotent: each
// patient remembers the last day judged.
import { addDays } from '@rehab/domain-kit';
import { daysToJudge, isDueDay, recordDay, type Patient } from '../domain/index.ts';
import type { MethadoneDeps } from './deps.ts';
import { doseIdOf } from './doses.ts';

export interface SweepReport {
  patients: number;
  daysJudged: number;
  missed: number;
  flagsRaised: number;
}

/** The first day the sweep judges: the first order's start. */
const firstDayOf = (patient: Patient) => patient.orders.map((o) => o.startsOn).sort()[0];

export async function sweepUseCase(deps: MethadoneDeps): Promise<SweepReport> {
  const through = addDays(deps.clock.today(), -1);
  const report: SweepReport = { patients: 0, daysJudged: 0, missed: 0, flagsRaised: 0 };
  for (const candidate of await deps.patients.listAdmitted()) {
    const first = firstDayOf(candidate);
    if (!first || daysToJudge(candidate, through, first).length === 0) continue;
    const { result } = await deps.patients.change(candidate.id, async (current) => {
      const start = firstDayOf(current);
      if (current.status !== 'admitted' || !start) return { result: undefined };
      let patient: Patient = current;
      const tally = { days: 0, missed: 0, flags: 0 };
      for (const day of daysToJudge(current, through, start)) {
        tally.days++;
        if (!isDueDay(patient, day)) {
          patient = { ...patient, sweptThrough: day };
          continue;
        }
        const dosed = await deps.doses.get(doseIdOf(current.id, day));
        const outcome = dosed ? 'dosed' : 'missed';
        const recorded = recordDay(
          patient,
          day,
          outcome,
          deps.rules.missedDoseThresholds(day),
          deps.newId,
        );
        patient = recorded.patient;
        if (outcome === 'missed') tally.missed++;
        tally.flags += recorded.raised.length;
      }
      if (tally.days === 0) return { result: undefined };
      return { next: { ...patient, version: current.version }, events: [], result: tally };
    });
    if (!result) continue;
    report.patients++;
    report.daysJudged += result.days;
    report.missed += result.missed;
    report.flagsRaised += result.flags;
  }
  return report;
}
