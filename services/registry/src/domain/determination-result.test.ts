import { readFileSync } from 'node:fs';
import { createWorkingDayCalendar, loadRulebook } from '@rehab/domain-kit';
import { describe, expect, it } from 'vitest';
import { applyDeterminationResult, type DeterminationResult } from './determination-result.ts';
import { decideManagementOnDetection, managementStatusOn } from './management.ts';
import type { Person } from './person.ts';
import { createRegistryRules } from './registry-rules.ts';

const rules = createRegistryRules(
  loadRulebook(
    readFileSync(new URL('../../rules/registry.rulebook.yaml', import.meta.url), 'utf8'),
  ),
  createWorkingDayCalendar(),
);
const now = new Date('2026-03-20T03:00:00Z');

function managedPerson(): Person {
  const residence = { unitCode: '99001', address: 'x', from: '2025-01-01' };
  const { decisions } = decideManagementOnDetection(
    [],
    { detectedAt: '2026-01-05', decisionDate: '2026-01-06', unitCode: '99001', decisionId: 'd-1' },
    rules,
  );
  return {
    id: 'p-1',
    version: 3,
    fullName: 'Lê Văn Tám',
    dateOfBirth: '1990-01-01',
    sex: 'male',
    lifeStatus: 'active',
    residence,
    residenceHistory: [residence],
    detections: [],
    managementDecisions: decisions,
    referrals: [],
    addictionStatus: 'unknown',
    timeline: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

const addicted: DeterminationResult = {
  conclusionId: 'c-1',
  determinationId: 'det-1',
  result: 'addicted',
  substanceClass: 'opioid',
  concludedOn: '2026-03-10',
  notifiedOn: '2026-03-10',
  registrationDeadline: '2026-03-17',
};

describe('determination results in the registry', () => {
  it('stops management with reason "determined addicted" and records status, substance and deadline (Law 73/2021 Art. 23(5)(a))', () => {
    const { person, applied } = applyDeterminationResult(
      managedPerson(),
      addicted,
      { entryId: 'e-1' },
      now,
    );
    expect(applied).toBe(true);
    const status = managementStatusOn(person.managementDecisions, '2026-03-15');
    expect(status.status).toBe('stopped');
    expect(status.status === 'stopped' && status.decision.stop?.reason).toBe('determined-addicted');
    expect(person.addictionStatus).toBe('addicted');
    expect(person.substanceClass).toBe('opioid');
    expect(person.registrationDeadline).toBe('2026-03-17');
    expect(person.timeline.at(-1)).toEqual(
      expect.objectContaining({ kind: 'determination-result', source: 'assessment' }),
    );
  });

  it('records "not addicted" on the timeline and lets management continue', () => {
    const { person } = applyDeterminationResult(
      managedPerson(),
      { ...addicted, result: 'not-addicted', substanceClass: undefined },
      { entryId: 'e-1' },
      now,
    );
    expect(person.addictionStatus).toBe('not-addicted');
    expect(managementStatusOn(person.managementDecisions, '2026-03-15').status).toBe('active');
  });

  it('applies the same conclusion once, however often it is delivered', () => {
    const once = applyDeterminationResult(
      managedPerson(),
      addicted,
      { entryId: 'e-1' },
      now,
    ).person;
    const twice = applyDeterminationResult(once, addicted, { entryId: 'e-2' }, now);
    expect(twice.applied).toBe(false);
    expect(twice.person).toBe(once);
    expect(twice.person.timeline.filter((e) => e.kind === 'determination-result')).toHaveLength(1);
  });

  it('takes a superseding correction as the current status', () => {
    const first = applyDeterminationResult(
      managedPerson(),
      addicted,
      { entryId: 'e-1' },
      now,
    ).person;
    const { person } = applyDeterminationResult(
      first,
      {
        ...addicted,
        conclusionId: 'c-2',
        result: 'not-addicted',
        substanceClass: undefined,
        registrationDeadline: undefined,
        supersedesConclusionId: 'c-1',
      },
      { entryId: 'e-2' },
      now,
    );
    expect(person.addictionStatus).toBe('not-addicted');
    expect(person.registrationDeadline).toBeUndefined();
    expect(person.determinationResults).toHaveLength(2);
  });
});
