import { RuleViolationError } from '@rehab/domain-kit';
import { describe, expect, it } from 'vitest';
import type { Person } from './person.ts';
import { recordRelapse, type RelapseReport } from './treatment-relapse.ts';

const now = new Date('2026-03-20T03:00:00Z');
const today = '2026-03-20';
const ids = { referralId: 'ref-1', entryId: 'e-relapse', referralEntryId: 'e-referral' };

function person(overrides: Partial<Person> = {}): Person {
  const residence = { unitCode: '99001', address: 'Thôn 2', from: '2024-01-01' };
  return {
    id: 'p-1',
    version: 7,
    fullName: 'Phạm Văn Đức',
    dateOfBirth: '1988-08-08',
    sex: 'male',
    lifeStatus: 'active',
    residence,
    residenceHistory: [residence],
    detections: [],
    managementDecisions: [],
    referrals: [],
    addictionStatus: 'addicted',
    timeline: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

const relapse: RelapseReport = {
  caseId: 'case-post-1',
  unitCode: '99002',
  detectedOn: '2026-03-15',
  legalRef: 'Law 73/2021/QH14 Art. 27(1)(d), 32(1)(d)',
};

describe('relapse during post-rehab management', () => {
  it('refers the person for determination as post-rehab use on the detection date (Law 73/2021 Art. 27(1)(d))', () => {
    const outcome = recordRelapse(person(), relapse, ids, now, today);
    expect(outcome.applied).toBe(true);
    expect(outcome.referral).toMatchObject({
      id: 'ref-1',
      reason: 'post-rehab-use',
      mandatory: true,
      referredOn: '2026-03-15',
      referringUnitCode: '99001',
      treatmentCaseId: 'case-post-1',
    });
    expect(outcome.referral?.note).toContain('case-post-1');
    expect(outcome.person.referrals).toEqual([outcome.referral]);
    expect(outcome.person.timeline.map((e) => [e.kind, e.source])).toEqual([
      ['determination-referred', 'registry'],
      ['treatment-relapse-detected', 'treatment'],
    ]);
    expect(outcome.person.timeline[1]?.details).toMatchObject({
      caseId: 'case-post-1',
      unitCode: '99002',
      referralId: 'ref-1',
    });
  });

  it('opens one referral per post-rehab case, however often the relapse arrives', () => {
    const first = recordRelapse(person(), relapse, ids, now, today).person;
    const again = recordRelapse(
      first,
      { ...relapse },
      { referralId: 'ref-2', entryId: 'e-2', referralEntryId: 'e-3' },
      now,
      today,
    );
    expect(again.applied).toBe(false);
    expect(again.person).toBe(first);
    expect(again.person.referrals).toHaveLength(1);
  });

  it('only records the relapse of a person recorded as deceased: the record takes no referral', () => {
    const outcome = recordRelapse(person({ lifeStatus: 'deceased' }), relapse, ids, now, today);
    expect(outcome.applied).toBe(true);
    expect(outcome.referral).toBeUndefined();
    expect(outcome.person.referrals).toEqual([]);
    expect(outcome.person.timeline).toEqual([
      expect.objectContaining({
        kind: 'treatment-relapse-detected',
        details: expect.objectContaining({ referralNotOpened: 'person-deceased' }),
      }),
    ]);
  });

  it('refuses a relapse dated after today (a rule error: dead-lettered, not retried)', () => {
    expect(() =>
      recordRelapse(person(), { ...relapse, detectedOn: '2026-03-21' }, ids, now, today),
    ).toThrow(RuleViolationError);
  });
});
