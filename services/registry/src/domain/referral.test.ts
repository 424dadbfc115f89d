import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createWorkingDayCalendar,
  loadRulebook,
  RuleViolationError,
  type LocalDate,
} from '@rehab/domain-kit';
import {
  decideManagementOnDetection,
  stopManagement,
  type ManagementDecision,
} from './management.ts';
import type { Person } from './person.ts';
import { referForDetermination, referralReasons, type ReferralInput } from './referral.ts';
import { createRegistryRules } from './registry-rules.ts';

const rules = createRegistryRules(
  loadRulebook(
    readFileSync(new URL('../../rules/registry.rulebook.yaml', import.meta.url), 'utf8'),
  ),
  createWorkingDayCalendar(),
);

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

function decisionsAt(...dates: LocalDate[]): ManagementDecision[] {
  let decisions: ManagementDecision[] = [];
  dates.forEach((date, i) => {
    decisions = decideManagementOnDetection(
      decisions,
      { detectedAt: date, decisionDate: date, unitCode: 'XA-001', decisionId: `dec-${i + 1}` },
      rules,
    ).decisions;
  });
  return decisions;
}

function refer(person: Person, input: ReferralInput): ReturnType<typeof referForDetermination> {
  return referForDetermination(person, input, { referralId: 'r-1', entryId: 'e-1' }, NOW, TODAY);
}

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

describe('referral for addiction determination (Law 73/2021 Art. 27)', () => {
  it('refuses "repeat-use" with no management at all (referral-not-justified, Art. 27(1)(a))', () => {
    expectRuleViolation(
      () => refer(makePerson(), { reason: 'repeat-use', referredOn: '2025-06-01' }),
      'referral-not-justified',
    );
  });

  it('refuses "repeat-use" during a first term that was never renewed by new use', () => {
    const person = makePerson({ managementDecisions: decisionsAt('2025-03-10') });
    expectRuleViolation(
      () => refer(person, { reason: 'repeat-use', referredOn: '2025-06-01' }),
      'referral-not-justified',
    );
  });

  it('refuses "repeat-use" after the renewed term has ended or been stopped', () => {
    const renewedEarlier = decisionsAt('2024-03-10', '2024-09-15');
    const ended = makePerson({ managementDecisions: renewedEarlier });
    expectRuleViolation(
      () => refer(ended, { reason: 'repeat-use', referredOn: '2025-09-16' }),
      'referral-not-justified',
    );

    const renewed = decisionsAt('2025-03-10', '2025-09-15');
    const stopped = makePerson({
      managementDecisions: stopManagement(renewed, '2025-10-01', 'imprisoned').decisions,
    });
    expectRuleViolation(
      () => refer(stopped, { reason: 'repeat-use', referredOn: '2025-10-02' }),
      'referral-not-justified',
    );
  });

  it('accepts "repeat-use" when a term renewed by new use is running on the referral date, as mandatory', () => {
    const person = makePerson({ managementDecisions: decisionsAt('2025-03-10', '2025-09-15') });
    const { referral, person: next } = refer(person, {
      reason: 'repeat-use',
      referredOn: '2025-10-01',
      note: 'n',
    });
    expect(referral).toEqual({
      id: 'r-1',
      reason: 'repeat-use',
      mandatory: true,
      referredOn: '2025-10-01',
      referringUnitCode: 'XA-001',
      note: 'n',
    });
    expect(next.referrals).toEqual([referral]);
    expect(next.timeline.at(-1)).toMatchObject({
      kind: 'determination-referred',
      details: {
        reason: 'repeat-use',
        mandatory: true,
        legalRef: 'Law 73/2021/QH14 Art. 27(1)(a)',
      },
    });
  });

  it('makes a voluntary request not mandatory (Art. 27(2)), with no management needed', () => {
    const { referral } = refer(makePerson(), { reason: 'voluntary', referredOn: '2025-06-01' });
    expect(referral.mandatory).toBe(false);
    expect(referral).not.toHaveProperty('note');
  });

  it.each(['no-stable-residence', 'education-measure', 'post-rehab-use'] as const)(
    'makes "%s" mandatory (Art. 27(1)) without needing a renewed term',
    (reason) => {
      expect(referralReasons[reason].mandatory).toBe(true);
      const { referral } = refer(makePerson(), { reason, referredOn: '2025-06-01' });
      expect(referral.mandatory).toBe(true);
    },
  );

  it('refuses a referral dated in the future (date-in-future)', () => {
    expectRuleViolation(
      () => refer(makePerson(), { reason: 'voluntary', referredOn: '2026-08-02' }),
      'date-in-future',
    );
  });

  it('refuses a referral for a deceased person (person-not-active)', () => {
    expectRuleViolation(
      () =>
        refer(makePerson({ lifeStatus: 'deceased' }), {
          reason: 'voluntary',
          referredOn: '2025-06-01',
        }),
      'person-not-active',
    );
  });
});
