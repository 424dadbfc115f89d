import { describe, expect, it } from 'vitest';
import { casePhase, currentTreatment } from './treatment-situation.ts';
import type { TreatmentCaseKind, TreatmentCaseStatus } from './treatment-status.ts';

function kase(
  caseId: string,
  kind: TreatmentCaseKind,
  state: string,
  openedOn: string,
  since = openedOn,
  extra: Partial<TreatmentCaseStatus> = {},
): TreatmentCaseStatus {
  return {
    caseId,
    kind,
    state,
    regime: 'LAW-2021',
    openedOn,
    since,
    facts: [{ eventId: `${caseId}-1`, on: openedOn, recordedAt: '', state }],
    ...extra,
  };
}

describe("a person's treatment situation", () => {
  it('is absent before any treatment case is known', () => {
    expect(currentTreatment([])).toBeUndefined();
  });

  it('shows a registration deadline while the person has not registered (Decree 116/2021 Art. 3)', () => {
    const waiting = kase(
      'r',
      'awaiting-registration',
      'awaiting-registration',
      '2026-03-02',
      '2026-03-02',
      {
        registrationDeadline: '2026-03-09',
      },
    );
    expect(currentTreatment([waiting])).toEqual({
      situation: 'awaiting-registration',
      caseId: 'r',
      kind: 'awaiting-registration',
      state: 'awaiting-registration',
      since: '2026-03-02',
      registrationDeadline: '2026-03-09',
    });
  });

  it('moves on to voluntary rehab once registered, naming the setting', () => {
    const registered = kase(
      'r',
      'awaiting-registration',
      'registered',
      '2026-03-02',
      '2026-03-05',
      {
        registrationDeadline: '2026-03-09',
      },
    );
    const home = kase('v', 'voluntary-home', 'in-rehab', '2026-03-05', '2026-03-08');
    expect(currentTreatment([registered, home])).toMatchObject({
      situation: 'voluntary-rehab',
      setting: 'home',
      caseId: 'v',
      since: '2026-03-08',
    });
    const facility = kase('f', 'voluntary-facility', 'awaiting-admission', '2026-03-05');
    expect(currentTreatment([registered, facility])).toMatchObject({
      situation: 'voluntary-rehab',
      setting: 'facility',
    });
  });

  it('is "completed" with the certificate when rehab ended with completion and nothing follows yet', () => {
    const done = kase('v', 'voluntary-facility', 'completed', '2025-06-01', '2026-01-10', {
      certificateId: 'cert-26b',
    });
    expect(currentTreatment([done])).toMatchObject({
      situation: 'completed',
      caseId: 'v',
      since: '2026-01-10',
      certificateId: 'cert-26b',
    });
    const after = kase('p', 'post-rehab', 'awaiting-file', '2026-01-10');
    expect(currentTreatment([done, after])).toMatchObject({
      situation: 'post-rehab-management',
      caseId: 'p',
    });
  });

  it('is "closed" after a relapse ends post-rehab management, then compulsory with its state', () => {
    const relapsed = kase('p', 'post-rehab', 'relapsed', '2025-01-10', '2026-02-01');
    expect(currentTreatment([relapsed])).toMatchObject({ situation: 'closed', state: 'relapsed' });
    const dossier = kase('c', 'compulsory', 'dossier-in-preparation', '2026-02-03');
    expect(currentTreatment([relapsed, dossier])).toMatchObject({
      situation: 'compulsory',
      state: 'dossier-in-preparation',
      caseId: 'c',
    });
  });

  it('takes the most recently opened running case and lists the others; on one day the stricter measure', () => {
    const older = kase('p', 'post-rehab', 'under-management', '2025-05-01');
    const newer = kase('c', 'compulsory', 'admitted', '2026-01-01');
    expect(currentTreatment([newer, older])).toMatchObject({
      caseId: 'c',
      otherRunningCaseIds: ['p'],
    });
    const sameDay = kase('p2', 'post-rehab', 'under-management', '2026-01-01');
    expect(currentTreatment([sameDay, newer])?.caseId).toBe('c');
  });

  it('counts a state it does not know as running, never hiding the case', () => {
    expect(casePhase({ kind: 'compulsory', state: 'transferred' })).toBe('running');
    expect(casePhase({ kind: 'compulsory', state: 'constructor' })).toBe('running');
    expect(casePhase({ kind: 'compulsory', state: 'released' })).toBe('completed');
    expect(casePhase({ kind: 'awaiting-registration', state: 'overdue' })).toBe('closed');
  });
});
