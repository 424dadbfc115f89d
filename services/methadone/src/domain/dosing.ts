// Observed daily dosing: exactly the ordered dose, once a day, at a site that serves the
// patient that day. Open stop flags block every dose; a guest-dosing arrangement moves the
// patient's doses to the guest site for its dates (the home site is refused meanwhile).
import { isAfter, isBefore, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { methadoneErrors } from './errors.ts';
import type { MissedDoseThresholds } from './methadone-rules.ts';
import { orderInForce } from './orders.ts';
import { assertTransition, openFlags, type GuestDosing, type Patient } from './patient.ts';

/** Flags that block every dose until cleared. */
export const BLOCKING_FLAGS = new Set(['stop', 'reinduction']);

/** The guest-dosing arrangement covering `date`, if any. */
export const guestDosingOn = (patient: Patient, date: LocalDate): GuestDosing | undefined =>
  patient.guestDosing.find((g) => !isBefore(date, g.from) && !isAfter(date, g.to));

/** What a patient must receive on a date, or why nothing may be given. */
export type DueDose =
  | { due: true; orderId: string; doseMg: number; reduced: boolean }
  | { due: false; reason: 'no-order' | 'blocked'; flagId?: string };

/**
 * The dose due on `date`: the order's dose, reduced by the rulebook's share while a
 * reduced-dose flag is open (prescriber review pending), nothing while a blocking flag is.
 */
export function dueDose(
  patient: Patient,
  date: LocalDate,
  thresholds: Pick<MissedDoseThresholds, 'reducedDosePercent'>,
): DueDose {
  const flags = openFlags(patient);
  const blocking = flags.find((flag) => BLOCKING_FLAGS.has(flag.kind));
  if (blocking) return { due: false, reason: 'blocked', flagId: blocking.id };
  const order = orderInForce(patient.orders, date);
  if (!order) return { due: false, reason: 'no-order' };
  const reduced = flags.some((flag) => flag.kind === 'reduced-dose');
  const doseMg = reduced
    ? Math.round((order.doseMg * thresholds.reducedDosePercent.value) / 100)
    : order.doseMg;
  return { due: true, orderId: order.id, doseMg, reduced };
}

export interface DoseRequest {
  serviceDate: LocalDate;
  siteId: string;
  doseMg: number;
  /** Every site of the patient's clinic (the clinic itself and its dispensing points). */
  homeSiteIds: readonly string[];
}

/** Checks a dose request; returns the order it follows. */
export function checkDose(
  patient: Patient,
  request: DoseRequest,
  thresholds: Pick<MissedDoseThresholds, 'reducedDosePercent'>,
): { orderId: string; doseMg: number } {
  assertTransition(patient, 'treat');
  const { serviceDate: date, siteId } = request;
  const due = dueDose(patient, date, thresholds);
  if (!due.due && due.reason === 'blocked') {
    const flag = patient.flags.find((f) => f.id === due.flagId);
    throw new RuleViolationError(methadoneErrors.stopFlagOpen, {
      params: { flagId: due.flagId ?? '-', kind: flag?.kind ?? 'stop' },
      ...(flag ? { legalRef: flag.legalRef } : {}),
    });
  }
  const guest = guestDosingOn(patient, date);
  if (guest && guest.siteId !== siteId) {
    throw new RuleViolationError(methadoneErrors.guestDosingElsewhere, {
      field: 'siteId',
      params: { date, siteId: guest.siteId, arrangementId: guest.id },
    });
  }
  if (!guest && !request.homeSiteIds.includes(siteId)) {
    throw new RuleViolationError(methadoneErrors.siteNotServingPatient, {
      field: 'siteId',
      params: { siteId, date },
    });
  }
  if (!due.due) {
    throw new RuleViolationError(methadoneErrors.noOrderInForce, {
      field: 'serviceDate',
      params: { date },
    });
  }
  if (request.doseMg !== due.doseMg) {
    throw new RuleViolationError(methadoneErrors.doseNotAsOrdered, {
      field: 'doseMg',
      params: { expectedMg: due.doseMg, date, orderId: due.orderId, doseMg: request.doseMg },
    });
  }
  return { orderId: due.orderId, doseMg: due.doseMg };
}
