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
  managementStatusOn,
  remainingTermDays,
} from './management.ts';
import { recordMovement, type MovementInput } from './movement.ts';
import type { Person } from './person.ts';
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

function managedPerson(decisionDate: LocalDate): Person {
  const { decisions } = decideManagementOnDetection(
    [],
    { detectedAt: decisionDate, decisionDate, unitCode: 'XA-001', decisionId: 'dec-1' },
    rules,
  );
  return makePerson({ managementDecisions: decisions });
}

function move(
  person: Person,
  input: MovementInput,
  today: LocalDate = TODAY,
): ReturnType<typeof recordMovement> {
  return recordMovement(person, input, rules, { entryId: 'e-1' }, NOW, today);
}

function expectRuleViolation(fn: () => unknown, code: string): RuleViolationError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RuleViolationError);
  expect((caught as RuleViolationError).code).toBe(code);
  return caught as RuleViolationError;
}

const residenceChange = (effectiveOn: LocalDate, toUnitCode = 'XA-002'): MovementInput => ({
  kind: 'residence-change',
  effectiveOn,
  toUnitCode,
  address: 'Thôn 5, xã B',
});

describe('residence change (Decree 105/2021 Art. 46)', () => {
  it('keeps the same decision and term during management: the remaining time continues in the new commune', () => {
    const person = managedPerson('2025-03-10');
    const before = person.managementDecisions[0]!;
    const {
      person: moved,
      fromUnitCode,
      toUnitCode,
      stopped,
    } = move(person, residenceChange('2025-04-28'));
    expect(fromUnitCode).toBe('XA-001');
    expect(toUnitCode).toBe('XA-002');
    expect(stopped).toBeUndefined();
    expect(moved.managementDecisions).toEqual([before]);
    const status = managementStatusOn(moved.managementDecisions, '2025-04-28');
    expect(status.status).toBe('active');
    if (status.status === 'active') {
      expect(status.decision.id).toBe('dec-1');
      expect(status.decision.termEndsOn).toBe('2026-03-10');
      expect(remainingTermDays(status.decision, '2025-04-28')).toBe(316);
    }
    expect(moved.residence).toEqual({
      unitCode: 'XA-002',
      address: 'Thôn 5, xã B',
      from: '2025-04-28',
    });
    expect(moved.residenceHistory.map((r) => r.unitCode)).toEqual(['XA-001', 'XA-002']);
  });

  it('sets fileTransferDueBy 5 working days after a move during management under LAW-2021, skipping 30/4–4/5/2025', () => {
    // Mon 2025-04-28 → Tue 29 Apr (1); 30 Apr–4 May off; Mon 5 (2), Tue 6 (3), Wed 7 (4), Thu 8 May (5).
    expect(move(managedPerson('2025-03-10'), residenceChange('2025-04-28')).fileTransferDueBy).toBe(
      '2025-05-08',
    );
  });

  it('counts Saturday 26 April 2025 (swapped working day) towards the 5-working-day file transfer deadline', () => {
    // Fri 2025-04-25 → Sat 26 (1), Mon 28 (2), Tue 29 (3), Mon 5 May (4), Tue 6 May (5).
    expect(move(managedPerson('2025-03-10'), residenceChange('2025-04-25')).fileTransferDueBy).toBe(
      '2025-05-06',
    );
  });

  it('gives 24 hours (next day) for the file transfer under LAW-2025', () => {
    expect(move(managedPerson('2026-07-02'), residenceChange('2026-07-10')).fileTransferDueBy).toBe(
      '2026-07-11',
    );
  });

  it('sets no fileTransferDueBy when the person is not under management', () => {
    const outcome = move(makePerson(), residenceChange('2025-04-28'));
    expect(outcome.fileTransferDueBy).toBeUndefined();
    expect(outcome.person.timeline[0]!.details).not.toHaveProperty('fileTransferDueBy');
  });

  it('sets no fileTransferDueBy when the management term has already ended', () => {
    expect(
      move(managedPerson('2024-03-10'), residenceChange('2025-04-28')).fileTransferDueBy,
    ).toBeUndefined();
  });

  it('records the move on the timeline with its deadline', () => {
    const { person } = move(managedPerson('2025-03-10'), residenceChange('2025-04-28'));
    const entry = person.timeline.at(-1)!;
    expect(entry.kind).toBe('movement-residence-change');
    expect(entry.on).toBe('2025-04-28');
    expect(entry.details).toMatchObject({
      fromUnitCode: 'XA-001',
      toUnitCode: 'XA-002',
      fileTransferDueBy: '2025-05-08',
    });
  });

  it('refuses a move to the current commune (same-residence)', () => {
    expectRuleViolation(
      () => move(makePerson(), residenceChange('2025-04-28', 'XA-001')),
      'same-residence',
    );
  });

  it('refuses a move dated in the future (date-in-future)', () => {
    expectRuleViolation(() => move(makePerson(), residenceChange('2026-08-02')), 'date-in-future');
  });

  it('refuses a move dated before the last recorded move (out-of-order)', () => {
    const { person: moved } = move(makePerson(), residenceChange('2025-04-28'));
    expectRuleViolation(() => move(moved, residenceChange('2025-04-27', 'XA-003')), 'out-of-order');
    expect(move(moved, residenceChange('2025-04-28', 'XA-003')).toUnitCode).toBe('XA-003');
  });

  it('accepts a first move dated before the registration residence began (its start is not known)', () => {
    const { person: moved } = move(makePerson(), residenceChange('2023-12-31'));
    expect(moved.residence.from).toBe('2023-12-31');
  });
});

describe('imprisonment, death and declared missing stop management (Law 73/2021 Art. 23(5)(d), (đ))', () => {
  it.each([
    ['imprisonment', 'imprisoned', 'active'],
    ['death', 'died', 'deceased'],
    ['declared-missing', 'declared-missing', 'missing'],
  ] as const)(
    '%s stops the running management with reason "%s" and leaves lifeStatus %s',
    (kind, reason, life) => {
      const outcome = move(managedPerson('2025-03-10'), { kind, effectiveOn: '2025-06-02' });
      expect(outcome.stopped?.stop?.reason).toBe(reason);
      expect(outcome.stopped?.stop?.on).toBe('2025-06-02');
      expect(outcome.person.lifeStatus).toBe(life);
      expect(managementStatusOn(outcome.person.managementDecisions, '2025-06-02').status).toBe(
        'stopped',
      );
      expect(outcome.person.timeline.at(-1)!.details).toMatchObject({ managementStopped: reason });
    },
  );

  it('records a death without management: lifeStatus deceased, nothing stopped', () => {
    const outcome = move(makePerson(), { kind: 'death', effectiveOn: '2025-06-02' });
    expect(outcome.stopped).toBeUndefined();
    expect(outcome.person.lifeStatus).toBe('deceased');
  });

  it('refuses any movement after death (person-not-active)', () => {
    const { person: dead } = move(managedPerson('2025-03-10'), {
      kind: 'death',
      effectiveOn: '2025-06-02',
    });
    expectRuleViolation(() => move(dead, residenceChange('2025-07-01')), 'person-not-active');
    expectRuleViolation(
      () => move(dead, { kind: 'absence', effectiveOn: '2025-07-01' }),
      'person-not-active',
    );
  });

  it('refuses any movement after being declared missing (person-not-active)', () => {
    const { person: missing } = move(makePerson(), {
      kind: 'declared-missing',
      effectiveOn: '2025-06-02',
    });
    expectRuleViolation(
      () => move(missing, { kind: 'imprisonment', effectiveOn: '2025-07-01' }),
      'person-not-active',
    );
  });

  it('keeps accepting movements after imprisonment (the person stays active)', () => {
    const { person: jailed } = move(managedPerson('2025-03-10'), {
      kind: 'imprisonment',
      effectiveOn: '2025-06-02',
    });
    expect(() => move(jailed, { kind: 'absence', effectiveOn: '2025-07-01' })).not.toThrow();
  });
});

describe('absence', () => {
  it('leaves management running and the residence unchanged', () => {
    const person = managedPerson('2025-03-10');
    const outcome = move(person, {
      kind: 'absence',
      effectiveOn: '2025-06-02',
      until: '2025-06-20',
      reason: 'work',
    });
    expect(outcome.stopped).toBeUndefined();
    expect(outcome.fileTransferDueBy).toBeUndefined();
    expect(outcome.person.managementDecisions).toEqual(person.managementDecisions);
    expect(managementStatusOn(outcome.person.managementDecisions, '2025-06-10').status).toBe(
      'active',
    );
    expect(outcome.person.residence).toEqual(person.residence);
    expect(outcome.person.lifeStatus).toBe('active');
    expect(outcome.person.timeline.at(-1)).toMatchObject({
      kind: 'movement-absence',
      summary: 'Absent until 2025-06-20',
      details: { until: '2025-06-20', reason: 'work' },
    });
  });
});

describe('back-dated stops', () => {
  it('refuses a death dated before the latest management decision, which would leave it running (Law 73/2021 Art. 23(5))', () => {
    const person = managedPerson('2025-03-10');
    expectRuleViolation(
      () => move(person, { kind: 'death', effectiveOn: '2025-02-01' }),
      'out-of-order',
    );
  });
});
