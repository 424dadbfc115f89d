import { describe, expect, it } from 'vitest';
import type { Person } from './person.ts';
import {
  applyTreatmentCaseFact,
  type TreatmentCaseFact,
  type TreatmentCaseStatus,
} from './treatment-status.ts';

const now = new Date('2026-03-20T03:00:00Z');

function person(): Person {
  const residence = { unitCode: '99001', address: 'Thôn 1', from: '2025-01-01' };
  return {
    id: 'p-1',
    version: 4,
    fullName: 'Trần Thị Bình',
    dateOfBirth: '1992-02-02',
    sex: 'female',
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
  };
}

let sequence = 0;
function fact(overrides: Partial<TreatmentCaseFact>): TreatmentCaseFact {
  sequence += 1;
  return {
    eventId: `ev-${sequence}`,
    recordedAt: `2026-03-01T00:00:${String(sequence % 60).padStart(2, '0')}.000Z`,
    change: 'changed',
    caseId: 'case-1',
    kind: 'post-rehab',
    state: 'under-management',
    regime: 'LAW-2021',
    on: '2026-02-01',
    ...overrides,
  };
}

function applyAll(start: Person, facts: TreatmentCaseFact[]): Person {
  return facts.reduce(
    (p, f, i) => applyTreatmentCaseFact(p, f, { entryId: `e-${i}` }, now).person,
    start,
  );
}

const caseOf = (p: Person, caseId = 'case-1'): TreatmentCaseStatus | undefined =>
  p.treatmentCases?.find((c) => c.caseId === caseId);

describe('treatment cases in the registry (treatment.case.v1)', () => {
  it('records an opened case with its deadline and adds a timeline entry from the treatment service', () => {
    const opened = fact({
      change: 'opened',
      kind: 'awaiting-registration',
      state: 'awaiting-registration',
      on: '2026-03-02',
      unitCode: '99001',
      registrationDeadline: '2026-03-09',
    });
    const { person: after, applied } = applyTreatmentCaseFact(
      person(),
      opened,
      { entryId: 'e-1' },
      now,
    );
    expect(applied).toBe(true);
    expect(caseOf(after)).toMatchObject({
      kind: 'awaiting-registration',
      state: 'awaiting-registration',
      openedOn: '2026-03-02',
      since: '2026-03-02',
      registrationDeadline: '2026-03-09',
      unitCode: '99001',
    });
    expect(after.timeline).toEqual([
      expect.objectContaining({
        id: 'e-1',
        on: '2026-03-02',
        kind: 'treatment-case-opened',
        source: 'treatment',
        details: expect.objectContaining({
          caseId: 'case-1',
          caseKind: 'awaiting-registration',
          state: 'awaiting-registration',
          registrationDeadline: '2026-03-09',
        }),
      }),
    ]);
  });

  it('applies an event delivered twice only once (by event id)', () => {
    const change = fact({ step: 'decide' });
    const once = applyAll(person(), [change]);
    const again = applyTreatmentCaseFact(once, change, { entryId: 'e-2' }, now);
    expect(again.applied).toBe(false);
    expect(again.person).toBe(once);
  });

  it('keeps the newer state when an older change arrives late, adding it to the timeline in date order', () => {
    const decided = fact({ step: 'decide', state: 'under-management', on: '2026-01-10' });
    const completed = fact({
      step: 'complete',
      state: 'completed',
      on: '2026-03-01',
      certificateId: 'cert-54',
    });
    const after = applyAll(person(), [completed, decided]);
    expect(caseOf(after)).toMatchObject({
      state: 'completed',
      since: '2026-03-01',
      step: 'complete',
      certificateId: 'cert-54',
    });
    expect(after.timeline.map((e) => e.details.step)).toEqual(['decide', 'complete']);
  });

  it('orders two changes of the same day by the time the treatment service recorded them', () => {
    const first = fact({ state: 'under-management', step: 'decide', on: '2026-02-01' });
    const second = fact({ state: 'relapsed', step: 'relapse', on: '2026-02-01' });
    expect(caseOf(applyAll(person(), [second, first]))?.state).toBe('relapsed');
  });

  it('dates the state from its first day: steps that keep the state keep the date, even out of order', () => {
    const decide = fact({ step: 'decide', on: '2026-01-05' });
    const contact = fact({ step: 'record-contact', on: '2026-02-05' });
    expect(caseOf(applyAll(person(), [contact]))?.since).toBe('2026-02-05');
    expect(caseOf(applyAll(person(), [contact, decide]))?.since).toBe('2026-01-05');
  });

  it('does not date a state back across a different state in between', () => {
    const admitted = fact({ kind: 'compulsory', state: 'admitted', on: '2026-01-01' });
    const absconded = fact({ kind: 'compulsory', state: 'absconded', on: '2026-01-20' });
    const back = fact({ kind: 'compulsory', state: 'admitted', on: '2026-02-10' });
    const after = applyAll(person(), [back, admitted, absconded]);
    expect(caseOf(after)).toMatchObject({ state: 'admitted', since: '2026-02-10' });
  });

  it('takes the opening date and deadline from an "opened" event that arrives after a change', () => {
    const registered = fact({
      kind: 'awaiting-registration',
      state: 'registered',
      step: 'register',
      on: '2026-03-05',
    });
    const opened = fact({
      change: 'opened',
      kind: 'awaiting-registration',
      state: 'awaiting-registration',
      on: '2026-03-02',
      registrationDeadline: '2026-03-09',
    });
    const after = applyAll(person(), [registered, opened]);
    expect(caseOf(after)).toMatchObject({
      state: 'registered',
      since: '2026-03-05',
      openedOn: '2026-03-02',
      registrationDeadline: '2026-03-09',
    });
  });

  it('keeps cases apart by case id and shows a violation record on the timeline', () => {
    const quit = fact({
      caseId: 'case-2',
      kind: 'voluntary-home',
      state: 'violated',
      step: 'quit',
      on: '2026-02-20',
      violation: {
        kind: 'quit-voluntary-rehab',
        on: '2026-02-20',
        legalRef: 'Law 73/2021 Art. 32',
      },
    });
    const after = applyAll(person(), [fact({}), quit]);
    expect(after.treatmentCases?.map((c) => [c.caseId, c.state])).toEqual([
      ['case-1', 'under-management'],
      ['case-2', 'violated'],
    ]);
    expect(after.timeline.at(-1)?.details).toMatchObject({
      violation: 'quit-voluntary-rehab',
      violationOn: '2026-02-20',
      violationLegalRef: 'Law 73/2021 Art. 32',
    });
  });
});
