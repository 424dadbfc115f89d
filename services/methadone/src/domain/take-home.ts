// Take-home doses (cấp thuốc nhiều ngày): a pilot, enabled by the rulebook for provinces
// from a date, within its maximum number of days, for patients in the required phase. Each
// day's bottle is dispensed (not observed) at the ordered dose.
import { addDays, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { methadoneErrors } from './errors.ts';
import type { TakeHomePolicy } from './methadone-rules.ts';
import { orderInForce, phaseOn } from './orders.ts';
import { assertTransition, openFlags, type Patient } from './patient.ts';
import { BLOCKING_FLAGS } from './dosing.ts';

export interface TakeHomeRequest {
  from: LocalDate;
  days: number;
  provinceCode: string;
}

/** The bottles of a take-home: one per day at the dose of the order in force that day. */
export function planTakeHome(
  patient: Patient,
  policy: TakeHomePolicy,
  request: TakeHomeRequest,
): { serviceDate: LocalDate; doseMg: number; orderId: string }[] {
  assertTransition(patient, 'treat');
  const { from, days, provinceCode } = request;
  if (!policy.enabled || !policy.maxDays || !policy.requiredPhase) {
    throw new RuleViolationError(methadoneErrors.takeHomeNotEnabled, {
      field: 'from',
      params: { province: provinceCode, date: from },
      ...(policy.pilot ? { legalRef: policy.pilot.legalRef } : {}),
    });
  }
  if (days > policy.maxDays.value) {
    throw new RuleViolationError(methadoneErrors.takeHomeTooLong, {
      field: 'days',
      params: { max: policy.maxDays.value, days },
      legalRef: policy.maxDays.legalRef,
    });
  }
  const phase = phaseOn(patient.orders, from);
  if (phase !== policy.requiredPhase.phase) {
    throw new RuleViolationError(methadoneErrors.takeHomeWrongPhase, {
      field: 'from',
      params: { required: policy.requiredPhase.phase, phase: phase ?? 'none' },
      legalRef: policy.requiredPhase.legalRef,
    });
  }
  const blocking = openFlags(patient).find((flag) => BLOCKING_FLAGS.has(flag.kind));
  if (blocking) {
    throw new RuleViolationError(methadoneErrors.stopFlagOpen, {
      params: { flagId: blocking.id, kind: blocking.kind },
    });
  }
  return Array.from({ length: days }, (_, i) => {
    const serviceDate = addDays(from, i);
    const order = orderInForce(patient.orders, serviceDate);
    if (!order) {
      throw new RuleViolationError(methadoneErrors.noOrderInForce, {
        field: 'days',
        params: { date: serviceDate },
      });
    }
    return { serviceDate, doseMg: order.doseMg, orderId: order.id };
  });
}
