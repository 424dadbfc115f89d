import { describe, expect, it } from 'vitest';
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { correctIdentity, type IdentityCorrection } from './identity-correction.ts';
import type { Person } from './person.ts';

const NOW = new Date('2026-08-01T03:00:00Z');
const TODAY: LocalDate = '2026-08-01';

function makePerson(overrides: Partial<Person> = {}): Person {
  const residence = { unitCode: 'XA-001', address: 'Thôn 1, xã A', from: '2024-01-01' };
  return {
    id: 'p-1',
    version: 1,
    fullName: 'Nguyễn Văn A',
    dateOfBirth: '1990-05-10',
    sex: 'male',
    ethnicity: 'Kinh',
    nationalId: '001090012345',
    lifeStatus: 'active',
    residence,
    residenceHistory: [residence],
    detections: [],
    managementDecisions: [],
    referrals: [],
    addictionStatus: 'unknown',
    timeline: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const correct = (person: Person, patch: IdentityCorrection): ReturnType<typeof correctIdentity> =>
  correctIdentity(person, patch, { entryId: 'e-1' }, NOW, TODAY);

function expectRuleViolation(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RuleViolationError);
  expect((caught as RuleViolationError).code).toBe(code);
}

describe('identity correction', () => {
  it('lists every changed field and applies the new values', () => {
    const { person, changedFields } = correct(makePerson(), {
      fullName: 'Nguyễn Văn B',
      dateOfBirth: '1991-01-01',
      sex: 'female',
      ethnicity: 'Tày',
      nationalId: '001091054321',
    });
    expect(changedFields).toEqual(['fullName', 'dateOfBirth', 'sex', 'ethnicity', 'nationalId']);
    expect(person).toMatchObject({
      fullName: 'Nguyễn Văn B',
      dateOfBirth: '1991-01-01',
      sex: 'female',
      ethnicity: 'Tày',
      nationalId: '001091054321',
      updatedAt: NOW.toISOString(),
    });
    expect(person.timeline.at(-1)).toMatchObject({
      kind: 'identity-corrected',
      on: TODAY,
      summary: 'Corrected fullName, dateOfBirth, sex, ethnicity, nationalId',
      details: { fields: changedFields },
    });
  });

  it('lists only the fields whose value actually changes', () => {
    const { changedFields } = correct(makePerson(), { fullName: 'Nguyễn Văn A', sex: 'female' });
    expect(changedFields).toEqual(['sex']);
  });

  it('treats a name differing only in Unicode form or spacing as unchanged', () => {
    expectRuleViolation(
      () => correct(makePerson(), { fullName: '  Nguye\u0302\u0303n   Va\u0306n A ' }),
      'nothing-to-update',
    );
  });

  it('refuses a correction that changes nothing (nothing-to-update)', () => {
    expectRuleViolation(() => correct(makePerson(), {}), 'nothing-to-update');
    expectRuleViolation(
      () =>
        correct(makePerson(), {
          fullName: 'Nguyễn Văn A',
          dateOfBirth: '1990-05-10',
          sex: 'male',
          ethnicity: ' Kinh ',
          nationalId: '001090012345',
        }),
      'nothing-to-update',
    );
  });

  it('refuses a corrected date of birth in the future (date-in-future)', () => {
    expectRuleViolation(
      () => correct(makePerson(), { dateOfBirth: '2026-08-02' }),
      'date-in-future',
    );
  });

  it('refuses corrections for a deceased person (person-not-active)', () => {
    expectRuleViolation(
      () => correct(makePerson({ lifeStatus: 'deceased' }), { sex: 'female' }),
      'person-not-active',
    );
  });

  it('does not mutate the person it is given', () => {
    const before = makePerson();
    const snapshot = structuredClone(before);
    correct(before, { fullName: 'Nguyễn Văn B' });
    expect(before).toEqual(snapshot);
  });
});
