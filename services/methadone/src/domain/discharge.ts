// Discharge grounds (Decree 90/2016; whether Decree 141/2024 keeps them is unconfirmed):
// repeated procedure violations within the window, consecutive opioid-positive tests within
// the window after maintenance is reached, any positive test for another drug. They are
// shown once met; the clinic director decides the discharge.
import {
  applyDuration,
  compareDates,
  isAfter,
  isBefore,
  RuleViolationError,
  type LocalDate,
} from '@rehab/domain-kit';
import { methadoneErrors } from './errors.ts';
import type { DischargeGroundRules } from './methadone-rules.ts';
import { maintenanceSince } from './orders.ts';
import { assertTransition, type DischargeReason, type Patient } from './patient.ts';

/** A discharge ground the patient meets, with its legal reference and the facts behind it. */
export interface DischargeGround {
  ground: Exclude<DischargeReason, 'on-request' | 'harm-to-others'>;
  legalRef: string;
  confirmed: boolean;
  metOn: LocalDate;
  evidence: string[];
}

const byDate = <T extends { on: LocalDate }>(a: T, b: T) => compareDates(a.on, b.on);

/** The grounds met, each once, judged with the rules in force on `on`. */
export function dischargeGrounds(patient: Patient, rules: DischargeGroundRules): DischargeGround[] {
  const grounds: DischargeGround[] = [];
  const violations = patient.violations.map((v) => ({ on: v.on, id: v.id })).sort(byDate);
  const need = rules.violationCount.value;
  for (let i = need - 1; i < violations.length; i++) {
    const first = violations[i - need + 1];
    const last = violations[i];
    if (!first || !last) continue;
    const windowEnd = applyDuration(first.on, rules.violationWindow.duration);
    if (!isAfter(last.on, windowEnd)) {
      grounds.push({
        ground: 'procedure-violations',
        legalRef: rules.violationCount.legalRef,
        confirmed: rules.violationCount.confirmed,
        metOn: last.on,
        evidence: violations.slice(i - need + 1, i + 1).map((v) => v.id),
      });
      break;
    }
  }
  const tests = patient.tests.map((t) => ({ ...t, on: t.sampledOn })).sort(byDate);
  const since = maintenanceSince(patient.orders);
  if (since) {
    const until = applyDuration(since, rules.opioidPositiveWindow.duration);
    let run: string[] = [];
    for (const test of tests) {
      if (isBefore(test.on, since) || isAfter(test.on, until)) continue;
      const opioid = test.results.find((r) => r.substanceClass === 'opioid');
      if (!opioid) continue;
      run = opioid.positive ? [...run, test.id] : [];
      if (run.length >= rules.opioidPositiveCount.value) {
        grounds.push({
          ground: 'opioid-positive-tests',
          legalRef: rules.opioidPositiveCount.legalRef,
          confirmed: rules.opioidPositiveCount.confirmed,
          metOn: test.on,
          evidence: run,
        });
        break;
      }
    }
  }
  if (rules.otherDrugPositive.applies) {
    const other = tests.find((t) =>
      t.results.some((r) => r.positive && r.substanceClass !== 'opioid'),
    );
    if (other) {
      grounds.push({
        ground: 'other-drug-positive',
        legalRef: rules.otherDrugPositive.legalRef,
        confirmed: rules.otherDrugPositive.confirmed,
        metOn: other.on,
        evidence: [other.id],
      });
    }
  }
  return grounds;
}

/** The director's discharge: on request or for harm at any time, else only on a ground met. */
export function discharge(
  patient: Patient,
  rules: DischargeGroundRules,
  input: { reason: DischargeReason; decidedOn: LocalDate },
): Patient {
  assertTransition(patient, 'discharge');
  const needsGround = input.reason !== 'on-request' && input.reason !== 'harm-to-others';
  if (needsGround && !dischargeGrounds(patient, rules).some((g) => g.ground === input.reason)) {
    throw new RuleViolationError(methadoneErrors.dischargeGroundNotMet, {
      field: 'reason',
      params: { reason: input.reason },
    });
  }
  return {
    ...patient,
    status: 'discharged',
    ended: { on: input.decidedOn, outcome: 'discharged', reason: input.reason },
  };
}

/** Treatment completed (the taper ended). */
export function complete(patient: Patient, on: LocalDate): Patient {
  assertTransition(patient, 'complete');
  return { ...patient, status: 'completed', ended: { on, outcome: 'completed' } };
}

/** A transfer keeps the order chain and every record; only the clinic changes. */
export function transfer(patient: Patient, toClinicId: string, on: LocalDate): Patient {
  assertTransition(patient, 'transfer');
  return {
    ...patient,
    clinicId: toClinicId,
    transfers: [...patient.transfers, { fromClinicId: patient.clinicId, toClinicId, on }],
  };
}
