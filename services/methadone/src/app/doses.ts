// Observed daily dosing: exactly one dose per patient per service date, across every site
// and process. The patient-day is claimed by an insert against a unique key (the one atomic
// write on the stand-in); the dose then draws its methadone from the site's book (FEFO,
// never below zero) and is stored last, as the commit point. A loser of the race learns the
// dose that holds the day.
import { ConflictError, isOnOrBefore, RuleViolationError, ruledOn } from '@rehab/domain-kit';
import {
  checkDose,
  drawDose,
  moveStock,
  toMillilitres,
  type RegisterEntry,
} from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import {
  loadPatient,
  loadSiteClinic,
  requireNotFuture,
  requireStaff,
  staffOf,
  type Caller,
  type MethadoneDeps,
} from './deps.ts';
import type { DoseRecord, LedgerPlan, LedgerState, StaffMember } from './ports.ts';

export interface DoseBody {
  serviceDate: string;
  siteId: string;
  doseMg: number;
}

export const doseIdOf = (patientId: string, serviceDate: string) => `${patientId}:${serviceDate}`;

const alreadyDosed = (doseId: string, existing?: DoseRecord) =>
  new ConflictError(appErrors.doseAlreadyRecorded, {
    params: { doseId },
    details: {
      doseId,
      ...(existing
        ? { siteId: existing.siteId, kind: existing.kind, recordedAt: existing.recordedAt }
        : {}),
    },
  });

/** The plan of one dose (or take-home bottle) drawn from the site's stock. */
export function drawPlan(
  state: LedgerState,
  bottles: { serviceDate: string; doseMg: number }[],
  entry: { kind: 'dose' | 'take-home'; patientId: string; staff: StaffMember },
): LedgerPlan<{ lot: string; ul: number }[]> {
  let lots = state.lots;
  const draws: { lot: string; ul: number }[] = [];
  const entries: LedgerPlan<unknown>['entries'] = [];
  for (const bottle of bottles) {
    const { lot, ul } = drawDose(lots, bottle.doseMg);
    lots = moveStock(lots, lot.lot, -ul, 'doseMg');
    draws.push({ lot: lot.lot, ul });
    entries.push({
      serviceDate: bottle.serviceDate,
      kind: entry.kind,
      staff: staffOf(entry.staff),
      lot: lot.lot,
      deltaUl: -ul,
      balanceAfterUl: lots.find((l) => l.lot === lot.lot)?.balanceUl ?? 0,
      patientId: entry.patientId,
      doseMg: bottle.doseMg,
    });
  }
  return { entries, lots, discrepancies: state.discrepancies, result: draws };
}

export async function recordDoseUseCase(
  deps: MethadoneDeps,
  caller: Caller,
  patientId: string,
  body: DoseBody,
): Promise<DoseRecord> {
  const { patient, clinic } = await loadPatient(deps, patientId, caller.requireJurisdiction);
  const siteClinic = await loadSiteClinic(deps, body.siteId, 'siteId');
  caller.requireJurisdiction(siteClinic.unitCode);
  const today = deps.clock.today();
  const nurse = requireStaff(siteClinic, caller.principal, ['nurse'], body.serviceDate);
  requireNotFuture('serviceDate', body.serviceDate, today);
  if (patient.sweptThrough && isOnOrBefore(body.serviceDate, patient.sweptThrough)) {
    throw new RuleViolationError(appErrors.dayAlreadyJudged, {
      field: 'serviceDate',
      params: { date: body.serviceDate, sweptThrough: patient.sweptThrough },
    });
  }
  const thresholds = ruledOn('serviceDate', () =>
    deps.rules.missedDoseThresholds(body.serviceDate),
  );
  const { orderId, doseMg } = checkDose(
    patient,
    { ...body, homeSiteIds: clinic.sites.map((s) => s.id) },
    thresholds,
  );
  const doseId = doseIdOf(patientId, body.serviceDate);
  const existing = await deps.doses.get(doseId);
  if (existing) throw alreadyDosed(doseId, existing);
  const holder = deps.newId();
  const claim = await deps.doses.claimSlot(doseId, holder);
  if (!claim.claimed) throw alreadyDosed(doseId, await deps.doses.get(doseId));

  let entry: RegisterEntry | undefined;
  let draw: { lot: string; ul: number } | undefined;
  try {
    const appended = await deps.ledger.append(body.siteId, `dose:${doseId}`, (state) =>
      drawPlan(state, [{ serviceDate: body.serviceDate, doseMg }], {
        kind: 'dose',
        patientId,
        staff: nurse,
      }),
    );
    entry = appended.existing ?? appended.entries[0];
    draw =
      appended.result?.[0] ??
      (entry?.lot ? { lot: entry.lot, ul: -(entry.deltaUl ?? 0) } : undefined);
  } catch (error) {
    await deps.doses.releaseSlot(doseId, holder);
    throw error;
  }
  const dose: DoseRecord = {
    id: doseId,
    patientId,
    personId: patient.personId,
    serviceDate: body.serviceDate,
    siteId: body.siteId,
    clinicId: patient.clinicId,
    doseMg,
    kind: 'observed',
    orderId,
    lot: draw?.lot ?? '-',
    ml: toMillilitres(draw?.ul ?? 0),
    staffUserId: nurse.userId,
    recordedAt: deps.clock.now().toISOString(),
    registerSeq: entry?.seq ?? 0,
  };
  await deps.doses.insert(dose);
  return dose;
}
