// The nurse's morning queue at a site: who is due, the dose each must receive, open flags,
// and who is already dosed. Patients of the site's clinic, less those dosing as guests
// elsewhere that day, plus guests dosing here.
import { dueDose, guestDosingOn, openFlags, type DoseFlag } from '../domain/index.ts';
import { loadSiteClinic, type JurisdictionGuard, type MethadoneDeps } from './deps.ts';
import type { DoseRecord, StoredPatient } from './ports.ts';

export interface QueueItem {
  patientId: string;
  personId: string;
  guest: boolean;
  due: boolean;
  doseMg?: number;
  orderId?: string;
  reducedDose: boolean;
  blocked: boolean;
  flags: Pick<DoseFlag, 'id' | 'kind' | 'raisedOn' | 'missedDays'>[];
  dosed?: Pick<DoseRecord, 'id' | 'siteId' | 'doseMg' | 'kind' | 'recordedAt'>;
}

export async function todayQueueUseCase(
  deps: MethadoneDeps,
  guard: JurisdictionGuard,
  siteId: string,
): Promise<{ siteId: string; clinicId: string; date: string; items: QueueItem[] }> {
  const clinic = await loadSiteClinic(deps, siteId);
  guard(clinic.unitCode);
  const date = deps.clock.today();
  const thresholds = deps.rules.missedDoseThresholds(date);
  const [home, doses] = await Promise.all([
    deps.patients.listByClinic(clinic.id),
    deps.doses.forClinicDay(clinic.id, date),
  ]);
  const dosedBy = new Map(doses.map((dose) => [dose.patientId, dose]));
  const here = home.filter((p) => {
    const guest = guestDosingOn(p, date);
    return p.status === 'admitted' && (!guest || guest.siteId === siteId);
  });
  const items = here.map((patient) =>
    itemOf(patient, false, date, thresholds, dosedBy.get(patient.id)),
  );
  // Guests of other clinics: few, each read by id.
  const visits = (await deps.guests.atSite(siteId)).filter(
    (v) => v.from <= date && date <= v.to && !here.some((p) => p.id === v.patientId),
  );
  for (const visit of visits) {
    const patient = await deps.patients.get(visit.patientId);
    if (patient?.status !== 'admitted') continue;
    const dose = await deps.doses.get(`${patient.id}:${date}`);
    items.push(itemOf(patient, true, date, thresholds, dose));
  }
  return {
    siteId,
    clinicId: clinic.id,
    date,
    items: items.sort((a, b) => Number(Boolean(a.dosed)) - Number(Boolean(b.dosed))),
  };
}

function itemOf(
  patient: StoredPatient,
  guest: boolean,
  date: string,
  thresholds: ReturnType<MethadoneDeps['rules']['missedDoseThresholds']>,
  dosed: DoseRecord | undefined,
): QueueItem {
  const due = dueDose(patient, date, thresholds);
  return {
    patientId: patient.id,
    personId: patient.personId,
    guest,
    due: due.due,
    ...(due.due ? { doseMg: due.doseMg, orderId: due.orderId } : {}),
    reducedDose: due.due && due.reduced,
    blocked: !due.due && due.reason === 'blocked',
    flags: openFlags(patient).map(({ id, kind, raisedOn, missedDays }) => ({
      id,
      kind,
      raisedOn,
      missedDays,
    })),
    ...(dosed
      ? {
          dosed: {
            id: dosed.id,
            siteId: dosed.siteId,
            doseMg: dosed.doseMg,
            kind: dosed.kind,
            recordedAt: dosed.recordedAt,
          },
        }
      : {}),
  };
}
