import { describe, expect, it } from 'vitest';
import {
  decidePostRehab,
  openFile,
  openPostRehabCase,
  postRehabDueItems,
  reportIn,
  type PostRehabCase,
} from './post-rehab.ts';
import {
  assignHelper,
  completePostRehab,
  recordAbsence,
  recordTest,
  removeFromPostRehab,
} from './post-rehab-management.ts';
import type { PostRehabOrigin } from './treatment-rules.ts';
import { expectDomainError, rules } from './test-support.ts';

const open = (origin: PostRehabOrigin, rehabEndedOn = '2026-02-12', dateOfBirth = '1990-01-01') =>
  openPostRehabCase(
    { caseId: 'pr-1', personId: 'p-1', unitCode: 'XA-001', origin, rehabEndedOn, dateOfBirth },
    rules,
  );

function managed(origin: PostRehabOrigin, dateOfBirth = '1990-01-01'): PostRehabCase {
  const opened = open(origin, '2025-03-03', dateOfBirth);
  const ready = opened.state === 'awaiting-report' ? reportIn(opened, '2025-03-05', rules) : opened;
  const filed = openFile(ready, '2025-03-06', rules);
  return decidePostRehab(filed, { on: '2025-03-07', by: 'commune-chairman' }, rules);
}

describe('post-rehab deadlines (Law 73/2021/QH14 Art. 40; Decree 116/2021 Art. 77-82)', () => {
  it('expects a released person to report in within 5 working days, across Tết 2026', () => {
    expect(postRehabDueItems(open('compulsory-adult'), '2026-02-27')).toEqual([
      expect.objectContaining({
        what: 'report-in-after-release',
        dueBy: '2026-02-26',
        actor: 'person',
        overdue: true,
      }),
    ]);
  });

  it('dates the file 3 working days after the report and the decision 2 working days after the proposal', () => {
    const reported = reportIn(open('compulsory-adult'), '2026-02-27', rules);
    expect(reported).toMatchObject({
      state: 'awaiting-file',
      report: { late: true },
      fileDueBy: '2026-03-04',
    });
    const filed = openFile(reported, '2026-03-04', rules);
    expect(filed).toMatchObject({ file: { late: false }, decisionDueBy: '2026-03-06' });
    expect(postRehabDueItems(filed, '2026-03-06')[0]).toMatchObject({
      actor: 'commune-chairman',
      overdue: false,
    });
  });

  it('opens the file straight after voluntary rehab, with no report-in step', () => {
    const kase = open('voluntary', '2025-03-03');
    expect(kase).toMatchObject({ state: 'awaiting-file', fileDueBy: '2025-03-06' });
    expectDomainError(() => reportIn(kase, '2025-03-04', rules), 'invalid-transition');
  });

  it('refuses a decision by the commune chairman under LAW-2025, which names the commune police chief (unconfirmed)', () => {
    const filed = openFile(open('voluntary', '2026-07-06'), '2026-07-07', rules);
    expectDomainError(
      () => decidePostRehab(filed, { on: '2026-07-08', by: 'commune-chairman' }, rules),
      'decision-by-wrong-actor',
    );
    expect(
      decidePostRehab(filed, { on: '2026-07-08', by: 'commune-police-chief' }, rules).term
        ?.confirmed,
    ).toBe(false);
  });
});

describe('post-rehab term (Law 73/2021/QH14 Art. 40)', () => {
  it('runs 2 years after an adult compulsory rehab and 1 year after a minor one', () => {
    expect(managed('compulsory-adult').term?.endsOn).toBe('2027-03-07');
    expect(managed('compulsory-minor', '2008-06-01').term?.endsOn).toBe('2026-03-07');
  });

  it('extends the term by the days of an unreported absence, not a reported one', () => {
    const absent = recordAbsence(managed('compulsory-minor'), {
      from: '2025-06-01',
      to: '2025-06-10',
      reported: false,
    });
    expect(absent.term).toMatchObject({
      baseEndsOn: '2026-03-07',
      extensionDays: 10,
      endsOn: '2026-03-17',
    });
    const reported = recordAbsence(absent, {
      from: '2025-07-01',
      to: '2025-07-05',
      reported: true,
    });
    expect(reported.term?.endsOn).toBe('2026-03-17');
    expectDomainError(
      () =>
        completePostRehab(
          reported,
          { on: '2026-03-16', by: 'commune-chairman', certificateId: 'c-1' },
          rules,
        ),
      'term-not-ended',
    );
    const done = completePostRehab(
      reported,
      { on: '2026-03-17', by: 'commune-chairman', certificateId: 'c-1' },
      rules,
    );
    expect(done).toMatchObject({
      state: 'completed',
      certificate: { form: '54', issuer: 'commune-chairman' },
    });
  });
});

describe('during post-rehab management', () => {
  it('lets a volunteer help at most 2 persons (Decree 116/2021 Art. 77-82)', () => {
    expect(
      assignHelper(managed('voluntary'), { id: 'h-1', on: '2025-03-10', currentCount: 1 }, rules)
        .helper?.id,
    ).toBe('h-1');
    expectDomainError(
      () =>
        assignHelper(managed('voluntary'), { id: 'h-1', on: '2025-03-10', currentCount: 2 }, rules),
      'helper-at-capacity',
    );
  });

  it('turns a positive test into a relapse: a determination referral and, for an adult, the compulsory trigger (Law 73/2021/QH14 Art. 27, 32)', () => {
    const adult = recordTest(
      managed('compulsory-adult'),
      { on: '2025-09-01', positive: true },
      rules,
    );
    expect(adult.case.state).toBe('relapsed');
    expect(adult.relapse).toMatchObject({
      kind: 'relapse',
      determinationReferral: { reason: 'relapse-during-post-rehab' },
      compulsoryTrigger: { legalRef: 'Law 73/2021/QH14 Art. 32' },
    });
    const minor = recordTest(
      managed('compulsory-minor', '2009-01-01'),
      { on: '2025-09-01', positive: true },
      rules,
    );
    expect(minor.relapse?.compulsoryTrigger).toBeUndefined();
    expect(
      recordTest(managed('voluntary'), { on: '2025-09-01', positive: false }, rules).relapse,
    ).toBeUndefined();
  });

  it('refuses completion before a decision and removes a person who died', () => {
    expectDomainError(
      () =>
        completePostRehab(
          open('voluntary'),
          { on: '2027-03-01', by: 'commune-chairman', certificateId: 'c-1' },
          rules,
        ),
      'invalid-transition',
    );
    expect(
      removeFromPostRehab(managed('voluntary'), { on: '2025-05-01', reason: 'died' }).state,
    ).toBe('removed');
  });
});
