// What the clinic records on a patient besides doses: guest dosing at another site,
// take-home doses, drug tests and procedure violations.
import {
  ConflictError,
  isBefore,
  RuleViolationError,
  ruledOn,
  sharedErrors,
} from '@rehab/domain-kit';
import { planTakeHome, toMillilitres, type DrugTest, type TakeHome } from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import {
  loadPatient,
  loadSiteClinic,
  requireNotFuture,
  requireStaff,
  type Caller,
  type MethadoneDeps,
} from './deps.ts';
import { doseIdOf, drawPlan } from './doses.ts';
import type { DoseRecord, StoredPatient } from './ports.ts';

export async function arrangeGuestDosingUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: { siteId: string; from: string; to: string },
): Promise<StoredPatient> {
  const { clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  requireStaff(clinic, caller.principal, ['prescriber', 'clinic-director'], deps.clock.today());
  await loadSiteClinic(deps, body.siteId, 'siteId');
  if (isBefore(body.to, body.from)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'to',
      params: { field: 'to', date: body.to, before: 'from', beforeDate: body.from },
    });
  }
  const id = deps.newId();
  await deps.guests.add({ id, patientId, ...body });
  const { aggregate } = await deps.patients.change(patientId, (current) => ({
    next: { ...current, guestDosing: [...current.guestDosing, { id, ...body }] },
    events: [],
    result: id,
  }));
  return aggregate;
}

export async function takeHomeUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: { from: string; days: number; reason: string },
): Promise<{ patient: StoredPatient; takeHome: TakeHome }> {
  const { patient, clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  const prescriber = requireStaff(clinic, caller.principal, ['prescriber'], today);
  if (isBefore(body.from, today)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'from',
      params: { field: 'from', date: body.from, before: 'today', beforeDate: today },
    });
  }
  const province = deps.units.provinceOf(clinic.unitCode)?.code ?? clinic.unitCode;
  const policy = ruledOn('from', () => deps.rules.takeHome(body.from, province));
  const bottles = planTakeHome(patient, policy, { ...body, provinceCode: province });
  // Bottles are handed over at the clinic itself (its own site).
  const siteId = clinic.id;
  const holder = deps.newId();
  const claimed: string[] = [];
  const release = () => Promise.all(claimed.map((id) => deps.doses.releaseSlot(id, holder)));
  for (const bottle of bottles) {
    const doseId = doseIdOf(patientId, bottle.serviceDate);
    const claim = await deps.doses.claimSlot(doseId, holder);
    if (!claim.claimed) {
      await release();
      throw new ConflictError(appErrors.doseAlreadyRecorded, {
        params: { doseId },
        details: { doseId },
      });
    }
    claimed.push(doseId);
  }
  const takeHomeId = deps.newId();
  let appended;
  try {
    appended = await deps.ledger.append(siteId, `take-home:${takeHomeId}`, (state) =>
      drawPlan(state, bottles, { kind: 'take-home', patientId, staff: prescriber }),
    );
  } catch (error) {
    await release();
    throw error;
  }
  const recordedAt = deps.clock.now().toISOString();
  const dispensed = bottles.map((bottle, i) => {
    const entry = appended.entries[i];
    return {
      serviceDate: bottle.serviceDate,
      doseMg: bottle.doseMg,
      lot: entry?.lot ?? '-',
      orderId: bottle.orderId,
      entry,
    };
  });
  for (const bottle of dispensed) {
    const dose: DoseRecord = {
      id: doseIdOf(patientId, bottle.serviceDate),
      patientId,
      personId: patient.personId,
      serviceDate: bottle.serviceDate,
      siteId,
      clinicId: clinic.id,
      doseMg: bottle.doseMg,
      kind: 'take-home',
      orderId: bottle.orderId,
      lot: bottle.lot,
      ml: toMillilitres(-(bottle.entry?.deltaUl ?? 0)),
      staffUserId: prescriber.userId,
      recordedAt,
      registerSeq: bottle.entry?.seq ?? 0,
    };
    await deps.doses.insert(dose);
  }
  const takeHome: TakeHome = {
    id: takeHomeId,
    from: body.from,
    days: body.days,
    reason: body.reason,
    siteId,
    prescriberUserId: prescriber.userId,
    dispensed: dispensed.map(({ serviceDate, doseMg, lot }) => ({ serviceDate, doseMg, lot })),
  };
  const { aggregate } = await deps.patients.change(patientId, (current) => ({
    next: { ...current, takeHomes: [...current.takeHomes, takeHome] },
    events: [],
    result: takeHomeId,
  }));
  return { patient: aggregate, takeHome };
}

export async function recordTestUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: Omit<DrugTest, 'id'>,
): Promise<StoredPatient> {
  const { clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  requireStaff(clinic, caller.principal, ['nurse', 'prescriber'], today);
  requireNotFuture('sampledOn', body.sampledOn, today);
  const { aggregate } = await deps.patients.change(patientId, (current) => ({
    next: { ...current, tests: [...current.tests, { id: deps.newId(), ...body }] },
    events: [],
    result: undefined,
  }));
  return aggregate;
}

export async function recordViolationUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: { on: string; kind: string; note?: string | undefined },
): Promise<StoredPatient> {
  const { clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const today = deps.clock.today();
  requireStaff(clinic, caller.principal, ['nurse', 'prescriber', 'clinic-director'], today);
  requireNotFuture('on', body.on, today);
  const { aggregate } = await deps.patients.change(patientId, (current) => ({
    next: {
      ...current,
      violations: [
        ...current.violations,
        {
          id: deps.newId(),
          on: body.on,
          kind: body.kind,
          ...(body.note ? { note: body.note } : {}),
        },
      ],
    },
    events: [],
    result: undefined,
  }));
  return aggregate;
}
