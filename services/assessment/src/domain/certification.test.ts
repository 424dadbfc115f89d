import { describe, expect, it } from 'vitest';
import {
  isCertifiedOn,
  requireCertifiedAssessor,
  validateCertificationPeriod,
  type CertifiedAssessor,
  type CertifiedFacility,
} from './certification.ts';
import { expectDomainError } from './test-support.ts';

const facility: CertifiedFacility = {
  id: 'f-1',
  name: 'Trung tâm y tế huyện A',
  unitCode: 'XA-001',
  certifiedFrom: '2025-01-01',
  certifiedTo: '2027-12-31',
};
const assessor: CertifiedAssessor = {
  userId: 'doctor-1',
  fullName: 'BS. Trần Thị B',
  facilityId: 'f-1',
  certifiedFrom: '2025-06-01',
  certifiedTo: '2026-05-31',
};

describe('certified facilities and assessors (Decree 109/2021/ND-CP)', () => {
  it('counts a certificate valid on its first and last day, not outside', () => {
    expect(isCertifiedOn(assessor, '2025-06-01')).toBe(true);
    expect(isCertifiedOn(assessor, '2026-05-31')).toBe(true);
    expect(isCertifiedOn(assessor, '2026-06-01')).toBe(false);
    expect(isCertifiedOn(assessor, '2025-05-31')).toBe(false);
  });

  it('refuses a certification period that ends before it starts (invalid-certification-period)', () => {
    expect(() =>
      validateCertificationPeriod({ certifiedFrom: '2025-01-01', certifiedTo: '2025-01-01' }),
    ).not.toThrow();
    const error = expectDomainError(
      () => validateCertificationPeriod({ certifiedFrom: '2025-02-01', certifiedTo: '2025-01-01' }),
      'invalid-certification-period',
      'invalid-input',
    );
    expect(error.options.field).toBe('certifiedTo');
  });

  it('accepts an assessor certified at the facility on the conclusion date', () => {
    expect(requireCertifiedAssessor(assessor, facility, '2026-03-01')).toBe(assessor);
  });

  it('refuses an unknown assessor or one certified at another facility (assessor-not-at-facility)', () => {
    expectDomainError(
      () => requireCertifiedAssessor(undefined, facility, '2026-03-01'),
      'assessor-not-at-facility',
    );
    expectDomainError(
      () => requireCertifiedAssessor({ ...assessor, facilityId: 'f-2' }, facility, '2026-03-01'),
      'assessor-not-at-facility',
    );
  });

  it('refuses an assessor whose certificate expired or is not yet valid on the date (assessor-not-certified)', () => {
    expectDomainError(
      () => requireCertifiedAssessor(assessor, facility, '2026-06-01'),
      'assessor-not-certified',
      'rule-violated',
    );
    expectDomainError(
      () => requireCertifiedAssessor(assessor, facility, '2025-05-31'),
      'assessor-not-certified',
    );
  });

  it('refuses a conclusion at a facility not certified on the date (facility-not-certified)', () => {
    const lapsed = { ...facility, certifiedTo: '2026-01-31' };
    expectDomainError(
      () => requireCertifiedAssessor(assessor, lapsed, '2026-03-01'),
      'facility-not-certified',
    );
  });
});
