// Certified facilities and assessors (Decree 109/2021/ND-CP): only a facility certified
// to determine addiction status, through a doctor certified there, may conclude; each
// certificate has a validity period and is checked on the date that matters (the
// request date for the facility, the conclusion date for the doctor).
import { InputError, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { assessmentErrors } from './errors.ts';

/** A validity period, both ends inclusive. */
export interface CertificationPeriod {
  certifiedFrom: LocalDate;
  certifiedTo: LocalDate;
}

/** A health facility certified to determine addiction status. */
export interface CertifiedFacility extends CertificationPeriod {
  id: string;
  name: string;
  /** Administrative unit where the facility sits. */
  unitCode: string;
}

/** A doctor certified to determine addiction status at one facility. */
export interface CertifiedAssessor extends CertificationPeriod {
  /** The `sub` of the tokens the assessor acts with. */
  userId: string;
  fullName: string;
  facilityId: string;
}

/** Whether the certificate is valid on `date` (from and to inclusive). */
export function isCertifiedOn(cert: CertificationPeriod, date: LocalDate): boolean {
  return cert.certifiedFrom <= date && date <= cert.certifiedTo;
}

/** Refuses a period that ends before it starts (invalid-certification-period). */
export function validateCertificationPeriod(period: CertificationPeriod): void {
  if (period.certifiedFrom > period.certifiedTo) {
    throw new InputError(assessmentErrors.invalidCertificationPeriod, {
      field: 'certifiedTo',
      params: { from: period.certifiedFrom, to: period.certifiedTo },
    });
  }
}

/** Refuses a facility that is not certified on `date` (facility-not-certified). */
export function requireCertifiedFacility(facility: CertifiedFacility, date: LocalDate): void {
  if (!isCertifiedOn(facility, date)) {
    throw new RuleViolationError(assessmentErrors.facilityNotCertified, {
      field: 'facilityId',
      legalRef: 'Decree 109/2021/ND-CP',
      params: { facilityId: facility.id, date },
      details: { certifiedFrom: facility.certifiedFrom, certifiedTo: facility.certifiedTo },
    });
  }
}

/**
 * The assessor allowed to conclude at `facility` on `date`: known at that facility
 * (assessor-not-at-facility), the facility certified on the date (facility-not-certified),
 * and the assessor's own certificate valid on the date (assessor-not-certified).
 */
export function requireCertifiedAssessor(
  assessor: CertifiedAssessor | undefined,
  facility: CertifiedFacility,
  date: LocalDate,
): CertifiedAssessor {
  if (!assessor || assessor.facilityId !== facility.id) {
    throw new RuleViolationError(assessmentErrors.assessorNotAtFacility, {
      field: 'assessorUserId',
      legalRef: 'Decree 109/2021/ND-CP',
      params: { userId: assessor?.userId ?? 'unknown', facilityId: facility.id },
    });
  }
  requireCertifiedFacility(facility, date);
  if (!isCertifiedOn(assessor, date)) {
    throw new RuleViolationError(assessmentErrors.assessorNotCertified, {
      field: 'concludedOn',
      legalRef: 'Decree 109/2021/ND-CP',
      params: { from: assessor.certifiedFrom, to: assessor.certifiedTo, date },
    });
  }
  return assessor;
}
