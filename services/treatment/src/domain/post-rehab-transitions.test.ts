import { describe, expect, it } from 'vitest';
import {
  decidePostRehab,
  openFile,
  openPostRehabCase,
  postRehabTransitions,
  reportIn,
  type PostRehabCase,
  type PostRehabState,
  type PostRehabStep,
} from './post-rehab.ts';
import {
  assignHelper,
  completePostRehab,
  recordAbsence,
  recordContact,
  recordSupportNeed,
  recordTest,
  removeFromPostRehab,
} from './post-rehab-management.ts';
import type { PostRehabOrigin } from './treatment-rules.ts';
import { expectDomainError, rules } from './test-support.ts';

const open = (origin: PostRehabOrigin, dateOfBirth = '1990-01-01', sourceReference?: string) =>
  openPostRehabCase(
    {
      caseId: 'pr-1',
      personId: 'p-1',
      unitCode: '99003',
      origin,
      rehabEndedOn: '2025-03-03',
      dateOfBirth,
      sourceReference,
    },
    rules,
  );
const filed = () => openFile(open('voluntary'), '2025-03-04', rules);
const managed = () => decidePostRehab(filed(), { on: '2025-03-05', by: 'commune-chairman' }, rules);

/** One case in every state of the table. */
const inState: Record<PostRehabState, () => PostRehabCase> = {
  'awaiting-report': () => open('compulsory-adult'),
  'awaiting-file': () => open('voluntary'),
  'awaiting-decision': filed,
  'under-management': managed,
  completed: () =>
    completePostRehab(
      managed(),
      { on: '2026-03-05', by: 'commune-chairman', certificateId: 'c-1' },
      rules,
    ),
  relapsed: () => recordTest(managed(), { on: '2025-06-01', positive: true }, rules).case,
  removed: () => removeFromPostRehab(managed(), { on: '2025-06-01', reason: 'moved-away' }),
};

/** Each step of the table, taken with dates that satisfy every other guard. */
const take: Record<PostRehabStep, (kase: PostRehabCase) => PostRehabCase> = {
  'report-in': (kase) => reportIn(kase, '2025-03-04', rules),
  'open-file': (kase) => openFile(kase, '2025-03-04', rules),
  decide: (kase) => decidePostRehab(kase, { on: '2025-03-05', by: 'commune-chairman' }, rules),
  'assign-helper': (kase) =>
    assignHelper(kase, { id: 'h-1', on: '2025-04-01', currentCount: 0 }, rules),
  'record-contact': (kase) => recordContact(kase, '2025-04-01'),
  'record-absence': (kase) =>
    recordAbsence(kase, { from: '2025-04-01', to: '2025-04-02', reported: true }),
  'record-support-need': (kase) => recordSupportNeed(kase, 'job', '2025-04-01'),
  'negative-test': (kase) => recordTest(kase, { on: '2025-04-01', positive: false }, rules).case,
  relapse: (kase) => recordTest(kase, { on: '2025-04-01', positive: true }, rules).case,
  complete: (kase) =>
    completePostRehab(
      kase,
      { on: '2026-03-05', by: 'commune-chairman', certificateId: 'c-1' },
      rules,
    ),
  remove: (kase) => removeFromPostRehab(kase, { on: '2025-04-01', reason: 'died' }),
};

const states = Object.keys(inState) as PostRehabState[];
const steps = Object.entries(postRehabTransitions) as [
  PostRehabStep,
  (typeof postRehabTransitions)[PostRehabStep],
][];

describe('the post-rehab state machine (Law 73/2021/QH14 Art. 40; Decree 116/2021 Art. 77-82)', () => {
  for (const [name, transition] of steps) {
    const from = transition.from as readonly PostRehabState[];
    for (const state of states) {
      if (from.includes(state)) {
        it(`takes "${name}" from ${state} to ${transition.to}`, () => {
          expect(take[name](inState[state]()).state).toBe(transition.to);
        });
      } else {
        it(`refuses "${name}" from ${state}, naming the transition's rule`, () => {
          const error = expectDomainError(
            () => take[name](inState[state]()),
            'invalid-transition',
            'rule-violated',
          );
          expect(error.options.legalRef).toBe(transition.legalRef);
        });
      }
    }
  }
});

describe('post-rehab steps, beyond the table', () => {
  it('refuses an adult-compulsory origin for a person under 18 when released (Law 73/2021/QH14 Art. 32)', () => {
    const error = expectDomainError(
      () => open('compulsory-adult', '2008-01-01'),
      'post-rehab-origin-age-mismatch',
    );
    expect(error.options.field).toBe('origin');
    expect(open('compulsory-minor', '2008-01-01').state).toBe('awaiting-report');
  });

  it('keeps the source reference of a case opened from a paper record', () => {
    const kase = open('voluntary', '1990-01-01', 'GCN 12/2025');
    expect(kase.sourceReference).toBe('GCN 12/2025');
    expect(kase.timeline[0]).toMatchObject({ event: 'rehab-ended-voluntary', note: 'GCN 12/2025' });
  });

  it('puts contacts, negative tests and support needs on the timeline', () => {
    const contacted = recordContact(managed(), '2025-04-01');
    const tested = recordTest(contacted, { on: '2025-04-02', positive: false }, rules).case;
    const needing = recordSupportNeed(tested, 'vocational-training', '2025-04-03');
    expect(needing.timeline.slice(-3).map((entry) => entry.event)).toEqual([
      'contact-recorded',
      'test-negative',
      'support-need-vocational-training',
    ]);
    expect(needing.supportNeeds).toEqual([
      { need: 'vocational-training', recordedOn: '2025-04-03' },
    ]);
  });

  it('refuses a step dated before the management decision', () => {
    expectDomainError(() => recordContact(managed(), '2025-03-04'), 'date-out-of-order');
  });

  it('refuses an absence overlapping one already recorded, so no day extends the term twice', () => {
    const absent = recordAbsence(managed(), {
      from: '2025-05-01',
      to: '2025-05-10',
      reported: false,
    });
    const error = expectDomainError(
      () => recordAbsence(absent, { from: '2025-05-10', to: '2025-05-12', reported: false }),
      'absence-overlaps',
    );
    expect(error.options.field).toBe('from');
    const next = recordAbsence(absent, {
      from: '2025-05-11',
      to: '2025-05-12',
      reported: true,
      reason: 'thăm người thân',
    });
    expect(next.term).toMatchObject({ extensionDays: 10, endsOn: '2026-03-15' });
    expect(next.absences.at(-1)).toMatchObject({ days: 2, reason: 'thăm người thân' });
  });

  it('numbers the certificate of completion and refuses a certifier the regime does not name', () => {
    expect(inState.completed().certificate).toMatchObject({ id: 'c-1', form: '54' });
    expectDomainError(
      () =>
        completePostRehab(
          managed(),
          { on: '2026-03-05', by: 'commune-police-chief', certificateId: 'c-2' },
          rules,
        ),
      'decision-by-wrong-actor',
    );
  });
});
