// Fixtures of a determination for the aggregate and conclusion tests.
import type { CertifiedAssessor, CertifiedFacility } from './certification.ts';
import type { ConclusionInput } from './conclusion.ts';
import {
  openDetermination,
  recordObservation,
  type Determination,
  type PersonSummary,
} from './determination.ts';
import { rules } from './test-support.ts';

export const TODAY = '2026-03-10';
export const person: PersonSummary = {
  id: 'p-1',
  fullName: 'Nguyễn Văn A',
  dateOfBirth: '1990-05-10',
};
export const facility: CertifiedFacility = {
  id: 'f-1',
  name: 'Trung tâm y tế huyện A',
  unitCode: 'XA-001',
  certifiedFrom: '2025-01-01',
  certifiedTo: '2027-12-31',
};
export const assessor: CertifiedAssessor = {
  userId: 'doctor-1',
  fullName: 'BS. Trần Thị B',
  facilityId: 'f-1',
  certifiedFrom: '2025-06-01',
  certifiedTo: '2026-05-31',
};
export const origin = {
  kind: 'referral',
  referralId: 'r-1',
  reason: 'repeat-use',
  mandatory: true,
  referringUnitCode: 'XA-001',
} as const;

export const open = (): Determination =>
  openDetermination(
    { id: 'd-1', personId: 'p-1', origin, requestedOn: '2026-02-01' },
    person,
    facility,
  );

export function withEvidence(): Determination {
  let d = open();
  let n = 0;
  for (const observedOn of ['2026-01-10', '2026-02-10']) {
    for (const criterion of ['craving', 'loss-of-control', 'tolerance']) {
      n += 1;
      d = recordObservation(
        d,
        {
          id: `o-${n}`,
          criterion,
          present: true,
          observedOn,
          source: 'clinical',
          substanceClass: 'opioid',
        },
        TODAY,
      );
    }
  }
  return d;
}

export const ctx = { assessor, facility, rules, today: TODAY };
export const input = (extra: Partial<ConclusionInput> = {}): ConclusionInput => ({
  id: 'c-1',
  concludedOn: '2026-03-01',
  assessorUserId: 'doctor-1',
  ...extra,
});
