// The transitions of voluntaryTransitions and the refusals that voluntary-rehab.test.ts
// does not cover: every guard of the table has a test that could break.
import { describe, expect, it } from 'vitest';
import { recordProviderNotice } from './provider-notices.ts';
import { expectDomainError, rules } from './test-support.ts';
import { completeVoluntary, recordVoluntaryViolation } from './voluntary-outcomes.ts';
import {
  recordStage,
  rehabStages,
  voluntaryTransitions,
  type VoluntaryCase,
} from './voluntary-rehab.ts';
import { admitToFacility, decideHomeRehab } from './voluntary-start.ts';
import { atFacility, atHome, open, withStages } from './voluntary-test-support.ts';

describe('starting an episode: refused transitions (Law 73/2021/QH14 Art. 30-31)', () => {
  it('refuses a second decision, and a term outside 6-12 months at the decision', () => {
    expectDomainError(
      () =>
        decideHomeRehab(
          atHome(),
          {
            on: '2025-03-06',
            by: 'commune-chairman',
            termMonths: 6,
            responsible: { kind: 'official', id: 'r' },
          },
          rules,
        ),
      'invalid-transition',
    );
    const error = expectDomainError(
      () =>
        decideHomeRehab(
          open('voluntary-home'),
          {
            on: '2025-03-05',
            by: 'commune-chairman',
            termMonths: 13,
            responsible: { kind: 'official', id: 'r' },
          },
          rules,
        ),
      'term-out-of-range',
    );
    expect(error.options.field).toBe('termMonths');
  });

  it('refuses an admission before the registration, on a home episode, or twice', () => {
    const admit = (kase: VoluntaryCase, on: string) => () =>
      admitToFacility(kase, { on, facilityId: 'f-1', termMonths: 6 }, rules);
    expectDomainError(admit(open('voluntary-facility'), '2025-03-02'), 'date-out-of-order');
    expectDomainError(admit(open('voluntary-home'), '2025-03-04'), 'invalid-transition');
    expectDomainError(admit(atFacility(), '2025-03-05'), 'invalid-transition');
  });

  it('makes the facility owe a start notice within 5 working days of the admission', () => {
    expect(atFacility().notices).toEqual([
      expect.objectContaining({ about: 'start', eventOn: '2025-03-04', noticeDueBy: '2025-03-11' }),
    ]);
  });
});

describe('stages: refused transitions (Law 73/2021/QH14 Art. 29)', () => {
  it('refuses a stage before the decision, before the term start, or ending before it starts', () => {
    const stage = rehabStages[0];
    expectDomainError(
      () =>
        recordStage(open('voluntary-home'), {
          stage,
          startedOn: '2025-03-05',
          completedOn: '2025-03-06',
        }),
      'invalid-transition',
    );
    expectDomainError(
      () => recordStage(atHome(), { stage, startedOn: '2025-03-04', completedOn: '2025-03-06' }),
      'date-out-of-order',
    );
    const error = expectDomainError(
      () => recordStage(atHome(), { stage, startedOn: '2025-03-10', completedOn: '2025-03-09' }),
      'date-out-of-order',
    );
    expect(error.options.field).toBe('completedOn');
  });

  it('records all five stages in order and refuses a sixth', () => {
    const all = withStages(atFacility(), 5);
    expect(all.stages.map((s) => s.stage)).toEqual([...rehabStages]);
    expect(all.state).toBe('in-rehab');
    expectDomainError(
      () =>
        recordStage(all, {
          stage: 'preparation-for-reintegration',
          startedOn: '2025-05-01',
          completedOn: '2025-05-02',
        }),
      'stage-out-of-order',
    );
  });
});

describe('completion: refused transitions and the completion notice (Decree 116/2021 Art. 28)', () => {
  it('refuses a completion dated before the last stage ended, a completion before any decision, and a second one', () => {
    const late = recordStage(withStages(atHome(), 2), {
      stage: 'education-and-counselling',
      startedOn: '2025-09-01',
      completedOn: '2025-09-10',
    });
    expectDomainError(
      () => completeVoluntary(late, { on: '2025-09-09', by: 'commune-chairman' }, rules),
      'date-out-of-order',
    );
    expectDomainError(
      () =>
        completeVoluntary(
          open('voluntary-home'),
          { on: '2025-09-09', by: 'commune-chairman' },
          rules,
        ),
      'invalid-transition',
    );
    const done = completeVoluntary(
      late,
      { on: '2025-09-10', by: 'commune-chairman', certificateId: 'c-1' },
      rules,
    );
    expect(done.certificate).toMatchObject({ id: 'c-1', form: '26a', issuedOn: '2025-09-10' });
    expectDomainError(
      () => completeVoluntary(done, { on: '2025-09-11', by: 'commune-chairman' }, rules),
      'invalid-transition',
    );
  });

  it('makes the facility owe a completion notice, and a home provider too, but not a commune official', () => {
    const facility = completeVoluntary(
      withStages(atFacility(), 3),
      { on: '2025-09-04', by: 'facility-director' },
      rules,
    );
    expect(facility.notices.map((n) => n.about)).toEqual(['start', 'completion']);
    const provider = completeVoluntary(
      withStages(atHome('provider'), 3),
      { on: '2025-09-05', by: 'commune-chairman' },
      rules,
    );
    expect(provider.notices.map((n) => n.about)).toEqual(['start', 'completion']);
    const official = completeVoluntary(
      withStages(atHome(), 3),
      { on: '2025-09-05', by: 'commune-chairman' },
      rules,
    );
    expect(official.notices).toEqual([]);
  });
});

describe('violations: the basis of compulsory placement (Law 73/2021/QH14 Art. 32)', () => {
  it('records not carrying it out when a person registered at a facility never presents for admission', () => {
    expect(voluntaryTransitions['not-carried-out'].from).toContain('awaiting-admission');
    const never = recordVoluntaryViolation(
      open('voluntary-facility'),
      { kind: 'not-carried-out', on: '2025-03-20' },
      rules,
    );
    expect(never).toMatchObject({
      state: 'violated',
      violation: { kind: 'not-carried-out', on: '2025-03-20' },
    });
    expect(never.notices).toEqual([]);
    expectDomainError(
      () =>
        recordVoluntaryViolation(
          open('voluntary-facility'),
          { kind: 'not-carried-out', on: '2025-03-02' },
          rules,
        ),
      'date-out-of-order',
    );
  });

  it('refuses quitting or a positive test before the episode started, or dated before the term start', () => {
    expectDomainError(
      () =>
        recordVoluntaryViolation(open('voluntary-home'), { kind: 'quit', on: '2025-03-10' }, rules),
      'invalid-transition',
    );
    expectDomainError(
      () =>
        recordVoluntaryViolation(
          open('voluntary-facility'),
          { kind: 'positive-test', on: '2025-03-10' },
          rules,
        ),
      'invalid-transition',
    );
    expectDomainError(
      () => recordVoluntaryViolation(atHome(), { kind: 'positive-test', on: '2025-03-04' }, rules),
      'date-out-of-order',
    );
  });

  it('makes a home provider owe a quitting notice, and refuses a violation after completion', () => {
    const quit = recordVoluntaryViolation(
      atHome('provider'),
      { kind: 'quit', on: '2025-04-01' },
      rules,
    );
    expect(quit.notices.map((n) => n.about)).toEqual(['start', 'quitting']);
    const done = completeVoluntary(
      withStages(atHome(), 3),
      { on: '2025-09-05', by: 'commune-chairman' },
      rules,
    );
    expectDomainError(
      () => recordVoluntaryViolation(done, { kind: 'positive-test', on: '2025-09-06' }, rules),
      'invalid-transition',
    );
  });
});

describe('provider notices: refused records (Decree 116/2021 Art. 28)', () => {
  it('refuses a notice dated before the event and a second notice of the same event', () => {
    const kase = atFacility();
    expectDomainError(
      () => recordProviderNotice(kase, { about: 'start', noticedOn: '2025-03-03' }),
      'date-out-of-order',
    );
    const noticed = recordProviderNotice(kase, { about: 'start', noticedOn: '2025-03-05' });
    expect(noticed.timeline.at(-1)).toMatchObject({
      event: 'provider-notice-start',
      actor: 'provider',
    });
    expectDomainError(
      () => recordProviderNotice(noticed, { about: 'start', noticedOn: '2025-03-06' }),
      'notice-not-owed',
    );
  });
});
