// Dose orders by the prescriber, and the prescriber's clearance of a flag.
import { addDays, isBefore, maxDate, ruledOn, type LocalDate } from '@rehab/domain-kit';
import { clearFlag, writeOrder, type Phase } from '../domain/index.ts';
import { loadPatient, requireStaff, type Caller, type MethadoneDeps } from './deps.ts';
import type { StoredPatient } from './ports.ts';

export interface OrderBody {
  phase: Phase;
  doseMg: number;
  startsOn: string;
  endsOn: string;
}

/**
 * The first day an order may start: after the application, and after every day already
 * dosed (observed or dispensed) under the chain.
 */
async function earliestOrderStart(
  deps: MethadoneDeps,
  patientId: string,
  today: LocalDate,
): Promise<LocalDate> {
  const patient = await deps.patients.get(patientId);
  const lastDose = (await deps.doses.forPatient(patientId)).at(-1)?.serviceDate;
  const after = [
    ...(patient ? [patient.applicationDate] : [today]),
    ...(lastDose ? [addDays(lastDose, 1)] : []),
  ];
  return maxDate(after[0] ?? today, ...after.slice(1));
}

export async function writeOrderUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: OrderBody,
): Promise<{ patient: StoredPatient; orderId: string }> {
  const { clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  const prescriber = requireStaff(clinic, caller.principal, ['prescriber'], today);
  const limits = ruledOn('startsOn', () => deps.rules.orderLimits(body.startsOn));
  const orderId = deps.newId();
  const earliestStart = isBefore(body.startsOn, today)
    ? await earliestOrderStart(deps, patientId, today)
    : today;
  const { aggregate } = await deps.patients.change(patientId, (current) => ({
    next: {
      ...writeOrder(limits, current, {
        id: orderId,
        ...body,
        writtenOn: today,
        prescriberUserId: prescriber.userId,
        earliestStart: maxDate(
          earliestStart,
          ...(current.sweptThrough ? [addDays(current.sweptThrough, 1)] : []),
        ),
      }),
      version: current.version,
    },
    events: [],
    result: orderId,
  }));
  return { patient: aggregate, orderId };
}

export async function clearFlagUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  flagId: string,
  note: string,
): Promise<StoredPatient> {
  const { clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  const prescriber = requireStaff(clinic, caller.principal, ['prescriber'], today);
  const { aggregate } = await deps.patients.change(patientId, (current) => ({
    next: {
      ...clearFlag(current, flagId, { on: today, by: prescriber.userId, note }),
      version: current.version,
    },
    events: [],
    result: flagId,
  }));
  return aggregate;
}
