// Request bodies of /methadone/v1, shared by the seed, the benchmark and the k6 scenario so
// that none can drift from the API. Plain TypeScript with no imports but the registry
// payloads' types (no Node.js APIs, no dependencies): k6 runs this file as it is. The
// shapes follow services/methadone/src/http/schemas.ts.
import type { LocalDate } from './registry.ts';

export const STAFF_ROLES = ['prescriber', 'nurse', 'pharmacist', 'clinic-director'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const PHASES = ['induction', 'titration', 'maintenance', 'taper'] as const;
export type Phase = (typeof PHASES)[number];

export interface ClinicBody {
  name: string;
  unitCode: string;
  licensedFrom: LocalDate;
  licensedTo: LocalDate;
}
export interface SiteBody {
  name: string;
  unitCode: string;
}
export interface StaffBody {
  userId: string;
  fullName: string;
  role: StaffRole;
  from: LocalDate;
  to: LocalDate;
}
export interface EnrolmentBody {
  personId: string;
  clinicId: string;
  applicationDate: LocalDate;
  guardianConsent?: { guardianName: string; relationship: string; signedOn: LocalDate };
}
export interface IntakeBody {
  decision: 'admitted' | 'refused';
  reason?: string;
  diagnosis?: { code: string; prescriberUserId: string };
}
export interface OrderBody {
  phase: Phase;
  doseMg: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
}
export interface DoseBody {
  serviceDate: LocalDate;
  siteId: string;
  doseMg: number;
}
export interface ReceiptBody {
  lot: string;
  bottles: number;
  mlPerBottle: number;
  mgPerMl: number;
  receivedOn: LocalDate;
  expiresOn?: LocalDate;
  fromSiteId?: string;
}
export interface CountBody {
  countedOn: LocalDate;
  lot: string;
  ml: number;
}

/** A clinic of the demo province, licensed for years around `today`. */
export function clinicBody(name: string, unitCode: string, today: LocalDate): ClinicBody {
  const year = Number(today.slice(0, 4));
  return { name, unitCode, licensedFrom: `${year - 5}-01-01`, licensedTo: `${year + 5}-12-31` };
}

/** A staff member listed for years around `today`. */
export function staffBody(
  userId: string,
  fullName: string,
  role: StaffRole,
  today: LocalDate,
): StaffBody {
  const year = Number(today.slice(0, 4));
  return { userId, fullName, role, from: `${year - 5}-01-01`, to: `${year + 5}-12-31` };
}

/** A receipt of 1-litre bottles at 10 mg/mL (the usual methadone oral solution). */
export function receiptBody(
  lot: string,
  bottles: number,
  receivedOn: LocalDate,
  expiresOn?: LocalDate,
): ReceiptBody {
  return {
    lot,
    bottles,
    mlPerBottle: 1000,
    mgPerMl: 10,
    receivedOn,
    ...(expiresOn ? { expiresOn } : {}),
  };
}

export function doseBody(serviceDate: LocalDate, siteId: string, doseMg: number): DoseBody {
  return { serviceDate, siteId, doseMg };
}
