import { describe, expect, it } from 'vitest';
import { completeVoluntary, recordVoluntaryViolation } from './voluntary-outcomes.ts';
import { recordProviderNotice } from './provider-notices.ts';
import { expectDomainError, rules } from './test-support.ts';
import { admitToFacility, decideHomeRehab } from './voluntary-start.ts';
import {
  openVoluntaryCase,
  recordStage,
  rehabStages,
  voluntaryDueItems,
  type VoluntaryCase,
} from './voluntary-rehab.ts';

const open = (
  modality: 'voluntary-home' | 'voluntary-facility',
  registeredOn: string,
  firstRehab = true,
) =>
  openVoluntaryCase(
    { caseId: 'v-1', personId: 'p-1', unitCode: 'XA-001', modality, registeredOn, firstRehab },
    rules,
  );
const official = { kind: 'official', id: 'off-1' } as const;

function withStages(kase: VoluntaryCase, count: number, from: string): VoluntaryCase {
  let current = kase;
  for (const stage of rehabStages.slice(0, count)) {
    current = recordStage(current, { stage, startedOn: from, completedOn: from });
  }
  return current;
}

describe('home/community rehab decision (Law 73/2021/QH14 Art. 30; Decree 116/2021 Art. 28)', () => {
  it('is due from the commune chairman within 3 working days under LAW-2021, across Tết 2026', () => {
    const kase = open('voluntary-home', '2026-02-12');
    expect(voluntaryDueItems(kase, '2026-02-24')).toEqual([
      expect.objectContaining({
        what: 'decide-home-rehab',
        dueBy: '2026-02-24',
        actor: 'commune-chairman',
        overdue: false,
      }),
    ]);
    const late = decideHomeRehab(
      kase,
      { on: '2026-02-25', by: 'commune-chairman', termMonths: 6, responsible: official },
      rules,
    );
    expect(late.decision?.decidedLate).toBe(true);
    expect(late.term).toMatchObject({
      startsOn: '2026-02-25',
      endsOn: '2026-08-25',
      minimumEndsOn: '2026-08-25',
    });
  });

  it('refuses a decision by an actor the regime does not name: the same scenario wants the commune police chief under LAW-2025', () => {
    expectDomainError(
      () =>
        decideHomeRehab(
          open('voluntary-home', '2026-07-01'),
          { on: '2026-07-02', by: 'commune-chairman', termMonths: 24, responsible: official },
          rules,
        ),
      'decision-by-wrong-actor',
    );
    const law2025 = decideHomeRehab(
      open('voluntary-home', '2026-07-01'),
      { on: '2026-07-02', by: 'commune-police-chief', termMonths: 24, responsible: official },
      rules,
    );
    expect(law2025.term).toMatchObject({ endsOn: '2028-07-02', confirmed: false });
  });

  it('refuses a decision before the registration and a decision on a facility episode', () => {
    expectDomainError(
      () =>
        decideHomeRehab(
          open('voluntary-home', '2025-03-03'),
          { on: '2025-03-02', by: 'commune-chairman', termMonths: 6, responsible: official },
          rules,
        ),
      'date-out-of-order',
    );
    expectDomainError(
      () =>
        decideHomeRehab(
          open('voluntary-facility', '2025-03-03'),
          { on: '2025-03-04', by: 'commune-chairman', termMonths: 6, responsible: official },
          rules,
        ),
      'invalid-transition',
    );
  });
});

describe('voluntary term (Law 73/2021/QH14 Art. 30-31; Law 120/2025/QH15)', () => {
  it('ends a 6-month term from 2025-08-31 on 2026-02-28 (Civil Code 2015 Art. 148)', () => {
    const kase = admitToFacility(
      open('voluntary-facility', '2025-08-29'),
      { on: '2025-08-31', facilityId: 'f-1', termMonths: 6 },
      rules,
    );
    expect(kase.term?.endsOn).toBe('2026-02-28');
  });

  it('refuses 13 months under LAW-2021, and anything but 24 (first) or 36 (later) months under LAW-2025', () => {
    const admit = (kase: VoluntaryCase, termMonths: number) => () =>
      admitToFacility(kase, { on: kase.registeredOn, facilityId: 'f-1', termMonths }, rules);
    expectDomainError(admit(open('voluntary-facility', '2025-05-05'), 13), 'term-out-of-range');
    expectDomainError(admit(open('voluntary-facility', '2025-05-05'), 5), 'term-out-of-range');
    expectDomainError(admit(open('voluntary-facility', '2026-07-06'), 12), 'term-out-of-range');
    expect(admit(open('voluntary-facility', '2026-07-06', false), 36)().term?.endsOn).toBe(
      '2029-07-06',
    );
  });
});

describe('stages and completion (Law 73/2021/QH14 Art. 29)', () => {
  const started = () =>
    decideHomeRehab(
      open('voluntary-home', '2025-03-03'),
      { on: '2025-03-05', by: 'commune-chairman', termMonths: 9, responsible: official },
      rules,
    );

  it('refuses a stage out of the law order, or starting before the previous one ended', () => {
    expectDomainError(
      () =>
        recordStage(started(), {
          stage: 'detox-and-treatment',
          startedOn: '2025-03-05',
          completedOn: '2025-03-20',
        }),
      'stage-out-of-order',
    );
    const one = recordStage(started(), {
      stage: 'reception-and-classification',
      startedOn: '2025-03-05',
      completedOn: '2025-03-20',
    });
    expectDomainError(
      () =>
        recordStage(one, {
          stage: 'detox-and-treatment',
          startedOn: '2025-03-19',
          completedOn: '2025-04-20',
        }),
      'date-out-of-order',
    );
  });

  it('refuses completion with fewer than three stages, and before the 6-month minimum term', () => {
    expectDomainError(
      () =>
        completeVoluntary(
          withStages(started(), 2, '2025-04-01'),
          { on: '2025-10-01', by: 'commune-chairman' },
          rules,
        ),
      'stages-incomplete',
    );
    expectDomainError(
      () =>
        completeVoluntary(
          withStages(started(), 3, '2025-04-01'),
          { on: '2025-09-04', by: 'commune-chairman' },
          rules,
        ),
      'completion-before-minimum-term',
    );
  });

  it('certifies completion by the commune chairman (form 26a) once three stages and the minimum term are done', () => {
    const done = completeVoluntary(
      withStages(started(), 3, '2025-04-01'),
      { on: '2025-09-05', by: 'commune-chairman' },
      rules,
    );
    expect(done.state).toBe('completed');
    expect(done.certificate).toMatchObject({ issuer: 'commune-chairman', form: '26a' });
  });

  it('has the facility certify facility rehab (form 26b) and refuses the commune chairman', () => {
    const kase = withStages(
      admitToFacility(
        open('voluntary-facility', '2025-03-03'),
        { on: '2025-03-03', facilityId: 'f-1', termMonths: 6 },
        rules,
      ),
      5,
      '2025-04-01',
    );
    expectDomainError(
      () => completeVoluntary(kase, { on: '2025-09-03', by: 'commune-chairman' }, rules),
      'decision-by-wrong-actor',
    );
    expect(
      completeVoluntary(kase, { on: '2025-09-03', by: 'facility-director' }, rules).certificate
        ?.form,
    ).toBe('26b');
  });
});

describe('violations and provider notices (Law 73/2021/QH14 Art. 32; Decree 116/2021 Art. 28)', () => {
  const atFacility = () =>
    admitToFacility(
      open('voluntary-facility', '2026-02-10'),
      { on: '2026-02-12', facilityId: 'f-1', termMonths: 6 },
      rules,
    );

  it('records a violation when the person quits, and the facility owes a quitting notice', () => {
    const quit = recordVoluntaryViolation(atFacility(), { kind: 'quit', on: '2026-03-02' }, rules);
    expect(quit.state).toBe('violated');
    expect(quit.violation).toMatchObject({ kind: 'quit-voluntary-rehab', on: '2026-03-02' });
    expect(quit.notices.map((n) => n.about)).toEqual(['start', 'quitting']);
  });

  it('records a violation on a positive test or not carrying it out, and refuses one after completion', () => {
    expect(
      recordVoluntaryViolation(atFacility(), { kind: 'positive-test', on: '2026-03-02' }, rules)
        .violation?.kind,
    ).toBe('positive-test-in-rehab');
    expect(
      recordVoluntaryViolation(atFacility(), { kind: 'not-carried-out', on: '2026-03-02' }, rules)
        .violation?.kind,
    ).toBe('not-carried-out');
    const violated = recordVoluntaryViolation(
      atFacility(),
      { kind: 'quit', on: '2026-03-02' },
      rules,
    );
    expectDomainError(
      () => recordVoluntaryViolation(violated, { kind: 'quit', on: '2026-03-03' }, rules),
      'invalid-transition',
    );
  });

  it('tracks the start notice against 5 working days across Tết and flags a late one', () => {
    const kase = atFacility();
    expect(kase.notices[0]).toMatchObject({ about: 'start', noticeDueBy: '2026-02-26' });
    expect(voluntaryDueItems(kase, '2026-02-27')).toContainEqual(
      expect.objectContaining({ what: 'provider-notice-start', overdue: true }),
    );
    expect(
      recordProviderNotice(kase, { about: 'start', noticedOn: '2026-02-27' }).notices[0]
        ?.noticeLate,
    ).toBe(true);
    expect(
      recordProviderNotice(kase, { about: 'start', noticedOn: '2026-02-26' }).notices[0]
        ?.noticeLate,
    ).toBe(false);
    expectDomainError(
      () => recordProviderNotice(kase, { about: 'completion', noticedOn: '2026-02-26' }),
      'notice-not-owed',
    );
  });

  it('owes no provider notice when a commune official runs home rehab', () => {
    const kase = decideHomeRehab(
      open('voluntary-home', '2025-03-03'),
      { on: '2025-03-05', by: 'commune-chairman', termMonths: 6, responsible: official },
      rules,
    );
    expect(kase.notices).toEqual([]);
  });
});
