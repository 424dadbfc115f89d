// Every event of voluntaryTransitions is refused, naming its rule, from every state outside
// its source states.
import { describe, expect, it } from 'vitest';
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

describe('the voluntary state machine refuses every event outside its source states', () => {
  const completed = () =>
    completeVoluntary(withStages(atHome(), 3), { on: '2025-09-05', by: 'commune-chairman' }, rules);
  const violated = () =>
    recordVoluntaryViolation(atFacility(), { kind: 'quit', on: '2025-04-01' }, rules);
  const inState: Record<VoluntaryCase['state'], (() => VoluntaryCase)[]> = {
    'awaiting-decision': [() => open('voluntary-home')],
    'awaiting-admission': [() => open('voluntary-facility')],
    'in-rehab': [atHome, atFacility],
    completed: [completed],
    violated: [violated],
  };
  const take: Record<keyof typeof voluntaryTransitions, (kase: VoluntaryCase) => unknown> = {
    'decide-home': (kase) =>
      decideHomeRehab(
        kase,
        {
          on: '2025-10-01',
          by: 'commune-chairman',
          termMonths: 6,
          responsible: { kind: 'official', id: 'r' },
        },
        rules,
      ),
    admit: (kase) =>
      admitToFacility(kase, { on: '2025-10-01', facilityId: 'f-1', termMonths: 6 }, rules),
    'record-stage': (kase) =>
      recordStage(kase, {
        stage: rehabStages[kase.stages.length] ?? 'preparation-for-reintegration',
        startedOn: '2025-10-01',
        completedOn: '2025-10-02',
      }),
    complete: (kase) => completeVoluntary(kase, { on: '2025-10-01', by: kase.certifier }, rules),
    quit: (kase) => recordVoluntaryViolation(kase, { kind: 'quit', on: '2025-10-01' }, rules),
    'not-carried-out': (kase) =>
      recordVoluntaryViolation(kase, { kind: 'not-carried-out', on: '2025-10-01' }, rules),
    'positive-test': (kase) =>
      recordVoluntaryViolation(kase, { kind: 'positive-test', on: '2025-10-01' }, rules),
  };
  const refused = Object.entries(voluntaryTransitions).flatMap(([event, transition]) =>
    Object.entries(inState)
      .filter(([state]) => !(transition.from as readonly string[]).includes(state))
      .flatMap(([state, fixtures]) =>
        fixtures.map((fixture, index) => ({ event, state, fixture, index })),
      ),
  );

  it.each(refused)('refuses $event on a case $state (fixture $index)', ({ event, fixture }) => {
    const error = expectDomainError(
      () => take[event as keyof typeof voluntaryTransitions](fixture()),
      'invalid-transition',
    );
    expect(error.options.legalRef).toBe(
      voluntaryTransitions[event as keyof typeof voluntaryTransitions].legalRef,
    );
  });
});
