// Dose orders (y lệnh) and their chain. Each limit is a named rule with its rulebook source:
// the first induction dose, induction and titration increments and review interval, the
// 30-day maintenance order (Circular 26/2023 Art. 5(1)(a)) and the taper rules. A new order
// supersedes the rest of the chain from its start date; no order is ever rewritten.
import {
  addDays,
  applyDuration,
  compareDates,
  daysBetween,
  isAfter,
  isBefore,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import { methadoneErrors } from './errors.ts';
import type { OrderLimits, RuledNumber } from './methadone-rules.ts';
import {
  assertTransition,
  openFlags,
  type DoseOrder,
  type Patient,
  type Phase,
} from './patient.ts';

/** The order a dose on `date` must follow: the latest written one covering it, if any. */
export function orderInForce(orders: readonly DoseOrder[], date: LocalDate): DoseOrder | undefined {
  for (const order of [...orders].reverse()) {
    if (isBefore(date, order.startsOn) || isAfter(date, order.endsOn)) continue;
    if (order.supersededFrom && !isBefore(date, order.supersededFrom)) continue;
    return order;
  }
  return undefined;
}

/** The day maintenance was first reached (its first order's start), if ever. */
export function maintenanceSince(orders: readonly DoseOrder[]): LocalDate | undefined {
  return orders
    .filter((order) => order.phase === 'maintenance' && order.supersededFrom !== order.startsOn)
    .map((order) => order.startsOn)
    .sort(compareDates)[0];
}

/** The phase of treatment on a date: the phase of the order in force. */
export const phaseOn = (orders: readonly DoseOrder[], date: LocalDate): Phase | undefined =>
  orderInForce(orders, date)?.phase;

export interface OrderInput {
  id: string;
  phase: Phase;
  doseMg: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  writtenOn: LocalDate;
  prescriberUserId: string;
  /**
   * The first day no dose was given or judged under the chain (default: the day written).
   * An order may start no earlier: records transcribed from the paper book at go-live may
   * start in the past, but a day already dosed or judged is never re-ordered.
   */
  earliestStart?: LocalDate | undefined;
}

const refuse = (
  code: (typeof methadoneErrors)[keyof typeof methadoneErrors],
  rule: Pick<RuledNumber, 'legalRef'>,
  field: string,
  params: Record<string, string | number>,
) => new RuleViolationError(code, { field, params, legalRef: rule.legalRef });

/** The order the new one follows: the one in force on its start, else the latest before. */
function priorOrder(orders: readonly DoseOrder[], startsOn: LocalDate): DoseOrder | undefined {
  return (
    orderInForce(orders, startsOn) ??
    [...orders]
      .filter((order) => isBefore(order.startsOn, startsOn))
      .sort((a, b) => compareDates(a.startsOn, b.startsOn))
      .at(-1)
  );
}

/** The start of the current induction: the first order, or the latest re-induction. */
function inductionStart(orders: readonly DoseOrder[]): LocalDate | undefined {
  let start: LocalDate | undefined;
  let previous: DoseOrder | undefined;
  for (const order of orders) {
    if (order.phase === 'induction' && (!previous || previous.phase !== 'induction'))
      start = order.startsOn;
    previous = order;
  }
  return start;
}

function checkFirstDose(limits: OrderLimits, input: OrderInput): void {
  if (input.phase !== 'induction') {
    throw refuse(methadoneErrors.firstOrderNotInduction, limits.firstDoseMinMg, 'phase', {
      phase: input.phase,
    });
  }
  const { firstDoseMinMg: min, firstDoseMaxMg: max } = limits;
  if (input.doseMg < min.value || input.doseMg > max.value) {
    throw refuse(methadoneErrors.firstDoseOutOfRange, min, 'doseMg', {
      doseMg: input.doseMg,
      min: min.value,
      max: max.value,
      rule: 'order.induction.firstDose',
    });
  }
}

const lengthOf = (input: Pick<OrderInput, 'startsOn' | 'endsOn'>) =>
  daysBetween(input.startsOn, input.endsOn) + 1;

function checkIncrease(
  limits: OrderLimits,
  orders: readonly DoseOrder[],
  prior: DoseOrder,
  input: OrderInput,
): void {
  const increment = input.doseMg - prior.doseMg;
  if (input.phase === 'induction' && increment > 0) {
    const start = inductionStart(orders) ?? prior.startsOn;
    const days = limits.inductionNoIncreaseDays;
    if (isBefore(input.startsOn, addDays(start, days.value))) {
      throw refuse(methadoneErrors.increaseTooEarly, days, 'startsOn', {
        days: days.value,
        startedOn: start,
      });
    }
  }
  const max =
    input.phase === 'induction' ? limits.inductionMaxIncrementMg : limits.titrationMaxIncrementMg;
  if ((input.phase === 'induction' || input.phase === 'titration') && increment > max.value) {
    throw refuse(methadoneErrors.incrementTooLarge, max, 'doseMg', {
      increment,
      max: max.value,
      phase: input.phase,
    });
  }
  if (input.phase === 'titration') {
    const review = limits.titrationReviewMinDays;
    if (increment !== 0 && daysBetween(prior.startsOn, input.startsOn) < review.value) {
      throw refuse(methadoneErrors.reviewTooSoon, review, 'startsOn', {
        days: review.value,
        lastChange: prior.startsOn,
      });
    }
    const longest = limits.titrationReviewMaxDays;
    if (lengthOf(input) > longest.value) {
      throw refuse(methadoneErrors.orderTooLong, longest, 'endsOn', {
        phase: input.phase,
        max: longest.value,
        days: lengthOf(input),
      });
    }
  }
}

function checkTaper(
  limits: OrderLimits,
  orders: readonly DoseOrder[],
  prior: DoseOrder,
  input: OrderInput,
): void {
  const since = maintenanceSince(orders);
  const minimum = limits.taperMinMaintenance;
  const earliest = since ? applyDuration(since, minimum.duration) : undefined;
  if (!since || !earliest || isBefore(input.startsOn, earliest)) {
    throw new RuleViolationError(methadoneErrors.taperTooEarly, {
      field: 'startsOn',
      legalRef: minimum.legalRef,
      params: {
        minimum: `${minimum.duration.amount} ${minimum.duration.unit}`,
        since: since ?? '-',
        earliest: earliest ?? '-',
      },
    });
  }
  if (input.doseMg >= prior.doseMg) {
    throw refuse(methadoneErrors.taperNotACut, limits.taperMaxCutPercent, 'doseMg', {
      fromMg: prior.doseMg,
    });
  }
  const percent = limits.taperMaxCutPercent;
  if ((prior.doseMg - input.doseMg) * 100 > prior.doseMg * percent.value) {
    throw refuse(methadoneErrors.taperCutTooLarge, percent, 'doseMg', {
      fromMg: prior.doseMg,
      toMg: input.doseMg,
      percent: percent.value,
    });
  }
  if (prior.phase === 'taper') {
    const interval = limits.taperMinStepInterval;
    const next = applyDuration(prior.startsOn, interval.duration);
    if (isBefore(input.startsOn, next)) {
      throw new RuleViolationError(methadoneErrors.taperStepTooSoon, {
        field: 'startsOn',
        legalRef: interval.legalRef,
        params: {
          interval: `${interval.duration.amount} ${interval.duration.unit}`,
          previous: prior.startsOn,
          earliest: next,
        },
      });
    }
  }
}

/** Checks every order limit for `input` against the patient's chain. */
export function checkOrder(limits: OrderLimits, patient: Patient, input: OrderInput): void {
  const earliest = input.earliestStart ?? input.writtenOn;
  if (isBefore(input.startsOn, earliest)) {
    throw new RuleViolationError(methadoneErrors.orderInPast, {
      field: 'startsOn',
      params: { earliest },
    });
  }
  if (isBefore(input.endsOn, input.startsOn)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'endsOn',
      params: {
        field: 'endsOn',
        date: input.endsOn,
        before: 'startsOn',
        beforeDate: input.startsOn,
      },
    });
  }
  const reinduction = openFlags(patient).some((flag) => flag.kind === 'reinduction');
  const prior = priorOrder(patient.orders, input.startsOn);
  if (!prior || reinduction) {
    checkFirstDose(limits, input);
  } else if (input.phase === 'taper') {
    checkTaper(limits, patient.orders, prior, input);
  } else {
    checkIncrease(limits, patient.orders, prior, input);
  }
  if (input.phase === 'maintenance' && lengthOf(input) > limits.maintenanceMaxDays.value) {
    throw refuse(methadoneErrors.orderTooLong, limits.maintenanceMaxDays, 'endsOn', {
      phase: input.phase,
      max: limits.maintenanceMaxDays.value,
      days: lengthOf(input),
    });
  }
}

/**
 * Adds the order to the chain after checking its limits: every earlier order still covering
 * a day from the new start is marked superseded from that day (its own dates are kept). A
 * re-induction order closes the open re-induction flag.
 */
export function writeOrder(limits: OrderLimits, patient: Patient, input: OrderInput): Patient {
  assertTransition(patient, 'treat');
  checkOrder(limits, patient, input);
  const orders = patient.orders.map((order): DoseOrder => {
    if (isBefore(order.endsOn, input.startsOn)) return order;
    if (order.supersededFrom && !isAfter(order.supersededFrom, input.startsOn)) return order;
    const from = isAfter(order.startsOn, input.startsOn) ? order.startsOn : input.startsOn;
    return { ...order, supersededFrom: from, supersededBy: input.id };
  });
  const flags = patient.flags.map((flag) =>
    flag.kind === 'reinduction' && !flag.clearedOn
      ? {
          ...flag,
          clearedOn: input.writtenOn,
          clearedBy: input.prescriberUserId,
          note: `order ${input.id}`,
        }
      : flag,
  );
  const { earliestStart: _earliest, ...order } = input;
  return { ...patient, orders: [...orders, order], flags };
}
