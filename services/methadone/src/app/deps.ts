import {
  isAfter,
  isBefore,
  NotAllowedError,
  NotFoundError,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import { eventsFrom } from '@rehab/events';
import type { PersonProjection, Principal, UnitDirectory } from '@rehab/service-kit';
import type { Digest, MethadoneRules } from '../domain/index.ts';
import { appErrors } from './app-errors.ts';
import type {
  Clinic,
  ClinicRepository,
  DoseRepository,
  GuestVisits,
  OpioidResults,
  PatientRepository,
  SiteLedger,
  StaffMember,
  StaffRole,
  StoredPatient,
} from './ports.ts';

/** Everything the methadone use cases depend on; service.ts wires the real ones. */
export interface MethadoneDeps {
  clinics: ClinicRepository;
  patients: PatientRepository;
  doses: DoseRepository;
  ledger: SiteLedger;
  opioidResults: OpioidResults;
  guests: GuestVisits;
  persons: PersonProjection;
  rules: MethadoneRules;
  units: UnitDirectory;
  digest: Digest;
  clock: { now(): Date; today(): LocalDate };
  newId(): string;
}

/** Throws 403 unless the caller may act in the unit. */
export type JurisdictionGuard = (unitCode: string) => void;

/** The caller as use cases see it: the token's identity and the route's jurisdiction check. */
export interface Caller {
  principal: Principal;
  requireJurisdiction: JurisdictionGuard;
}

/** Builds this service's events, validated against their schemas. */
export const methadoneEvent = eventsFrom('methadone');

export async function loadClinic(deps: MethadoneDeps, id: string, field?: string): Promise<Clinic> {
  const clinic = await deps.clinics.get(id);
  if (!clinic) {
    throw new NotFoundError(appErrors.clinicNotFound, {
      params: { id },
      ...(field ? { field } : {}),
    });
  }
  return clinic;
}

/** The clinic a site belongs to (a clinic is its own first site). */
export async function loadSiteClinic(
  deps: MethadoneDeps,
  siteId: string,
  field?: string,
): Promise<Clinic> {
  const clinicId = await deps.clinics.clinicOfSite(siteId);
  const clinic = clinicId ? await deps.clinics.get(clinicId) : undefined;
  if (!clinic) {
    throw new NotFoundError(appErrors.siteNotFound, {
      params: { id: siteId },
      ...(field ? { field } : {}),
    });
  }
  return clinic;
}

export async function loadPatient(
  deps: MethadoneDeps,
  id: string,
  guard?: JurisdictionGuard,
): Promise<{ patient: StoredPatient; clinic: Clinic }> {
  const patient = await deps.patients.get(id);
  if (!patient) throw new NotFoundError(appErrors.patientNotFound, { params: { id } });
  const clinic = await loadClinic(deps, patient.clinicId);
  guard?.(clinic.unitCode);
  return { patient, clinic };
}

/**
 * A nurse, prescriber, pharmacist or director acts only at a clinic whose staff list holds
 * their token's `sub` in one of `roles` for the date.
 */
export function requireStaff(
  clinic: Clinic,
  principal: Principal,
  roles: readonly StaffRole[],
  on: LocalDate,
): StaffMember {
  const member = clinic.staff.find(
    (s) =>
      s.userId === principal.sub &&
      roles.includes(s.role) &&
      principal.roles.includes(s.role) &&
      !isBefore(on, s.from) &&
      !isAfter(on, s.to),
  );
  if (!member) {
    throw new NotAllowedError(appErrors.notOnStaffList, {
      params: { userId: principal.sub, clinicId: clinic.id, roles: roles.join('/'), date: on },
    });
  }
  return member;
}

/** Refuses a fact dated after today. */
export function requireNotFuture(field: string, date: LocalDate, today: LocalDate): void {
  if (isAfter(date, today)) {
    throw new RuleViolationError(sharedErrors.dateInFuture, {
      field,
      params: { field, date, today },
    });
  }
}

/** The actor of an event or register entry. */
export const staffOf = (member: StaffMember) => ({
  userId: member.userId,
  fullName: member.fullName,
  role: member.role,
});

/** The facts every treatment event carries. */
export const treatmentFacts = (patient: StoredPatient, clinic: Clinic) => ({
  patientId: patient.id,
  personId: patient.personId,
  clinicId: clinic.id,
  clinicUnitCode: clinic.unitCode,
});
