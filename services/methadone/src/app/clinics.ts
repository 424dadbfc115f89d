// Clinics, their dispensing points and staff lists (health administrators).
import {
  ConflictError,
  isAfter,
  isBefore,
  RuleViolationError,
  sharedErrors,
} from '@rehab/domain-kit';
import { appErrors } from './app-errors.ts';
import { loadClinic, type JurisdictionGuard, type MethadoneDeps } from './deps.ts';
import type { Clinic, Site, StaffMember } from './ports.ts';

const nfc = (text: string) => text.normalize('NFC').trim();

function requireUnit(deps: MethadoneDeps, unitCode: string, date: string): void {
  if (!deps.units.get(unitCode)) {
    throw new RuleViolationError(sharedErrors.unknownUnit, {
      field: 'unitCode',
      params: { unitCode, date },
    });
  }
}

function requireOrdered(from: string, to: string, fromField: string, toField: string): void {
  if (isBefore(to, from)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: toField,
      params: { field: toField, date: to, before: fromField, beforeDate: from },
    });
  }
}

export interface ClinicInput {
  name: string;
  unitCode: string;
  licensedFrom: string;
  licensedTo: string;
}

/** Registers a clinic; the clinic is its own first site. */
export async function createClinicUseCase(
  deps: MethadoneDeps,
  input: ClinicInput,
): Promise<Clinic> {
  requireUnit(deps, input.unitCode, input.licensedFrom);
  requireOrdered(input.licensedFrom, input.licensedTo, 'licensedFrom', 'licensedTo');
  const id = deps.newId();
  const name = nfc(input.name);
  const clinic: Clinic = {
    id,
    version: 1,
    ...input,
    name,
    sites: [{ id, name, unitCode: input.unitCode, kind: 'clinic' }],
    staff: [],
  };
  // The site binding first: a clinic whose insert failed leaves only an unused binding.
  await deps.clinics.bindSite(id, id);
  await deps.clinics.insert(clinic);
  return clinic;
}

/** Adds a dispensing point (điểm cấp phát thuốc) to a clinic. */
export async function addSiteUseCase(
  deps: MethadoneDeps,
  guard: JurisdictionGuard,
  clinicId: string,
  input: { name: string; unitCode: string },
): Promise<{ clinic: Clinic; site: Site }> {
  guard((await loadClinic(deps, clinicId)).unitCode);
  requireUnit(deps, input.unitCode, deps.clock.today());
  const site: Site = {
    id: deps.newId(),
    name: nfc(input.name),
    unitCode: input.unitCode,
    kind: 'dispensing-point',
  };
  await deps.clinics.bindSite(site.id, clinicId);
  const { aggregate } = await deps.clinics.change(clinicId, (current) => ({
    next: { ...current, sites: [...current.sites, site] },
    events: [],
    result: site,
  }));
  return { clinic: aggregate, site };
}

const overlaps = (a: StaffMember, b: Pick<StaffMember, 'from' | 'to'>) =>
  !isAfter(a.from, b.to) && !isBefore(a.to, b.from);

/** Puts a user on the clinic's staff list in a role for a period. */
export async function addStaffUseCase(
  deps: MethadoneDeps,
  guard: JurisdictionGuard,
  clinicId: string,
  input: StaffMember,
): Promise<{ clinic: Clinic; member: StaffMember }> {
  guard((await loadClinic(deps, clinicId)).unitCode);
  requireOrdered(input.from, input.to, 'from', 'to');
  const member: StaffMember = { ...input, fullName: nfc(input.fullName) };
  const { aggregate } = await deps.clinics.change(clinicId, (current) => {
    const clash = current.staff.find(
      (s) => s.userId === member.userId && s.role === member.role && overlaps(s, member),
    );
    if (clash) {
      throw new ConflictError(appErrors.staffExists, {
        field: 'userId',
        params: { userId: member.userId, role: member.role },
      });
    }
    return { next: { ...current, staff: [...current.staff, member] }, events: [], result: member };
  });
  return { clinic: aggregate, member };
}
