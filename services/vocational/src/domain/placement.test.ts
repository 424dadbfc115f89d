import { describe, expect, it } from 'vitest';
import { dueFollowUps, newPlacement, nextFollowUp, recordFollowUp } from './placement.ts';
import { expectDomainError, rules } from './test-support.ts';

const placement = () =>
  newPlacement(
    {
      id: 'pl-1',
      personId: 'p-1',
      unitCode: '99003',
      employer: { name: 'Công ty May Hòa Bình' },
      startsOn: '2026-06-15',
      contract: 'labour-contract',
    },
    rules,
  );

describe('job placement follow-ups at 3, 6 and 12 months (Decision 1393/QĐ-LĐTBXH)', () => {
  it('plans the follow-ups on 2026-09-15, 2026-12-15 and 2027-06-15 for a job starting 2026-06-15', () => {
    expect(placement().followUps.map((f) => f.dueOn)).toEqual([
      '2026-09-15',
      '2026-12-15',
      '2027-06-15',
    ]);
    expect(placement().followUpOpen).toBe(true);
  });

  it('puts a follow-up in the work queue from its due date', () => {
    expect(dueFollowUps(placement(), '2026-09-14')).toEqual([]);
    expect(dueFollowUps(placement(), '2026-09-15').map((f) => f.months)).toEqual([3]);
    expect(dueFollowUps(placement(), '2027-06-15').map((f) => f.months)).toEqual([3, 6, 12]);
  });

  it('records follow-ups in order and closes the queue entry after the 12-month one', () => {
    let current = placement();
    for (const on of ['2026-09-16', '2026-12-20', '2027-06-15']) {
      current = recordFollowUp(current, { on, stillEmployed: true }).next;
    }
    expect(current.followUps.map((f) => f.recorded?.on)).toEqual([
      '2026-09-16',
      '2026-12-20',
      '2027-06-15',
    ]);
    expect(current.followUpOpen).toBe(false);
    expect(nextFollowUp(current)).toBeUndefined();
    expectDomainError(
      () => recordFollowUp(current, { on: '2027-07-01', stillEmployed: true }),
      'follow-ups-done',
    );
  });

  it('needs no later follow-up once the person is no longer employed', () => {
    const { next, followUp } = recordFollowUp(placement(), {
      on: '2026-09-20',
      stillEmployed: false,
      note: 'Nghỉ việc',
    });
    expect(followUp).toMatchObject({
      months: 3,
      recorded: { stillEmployed: false, note: 'Nghỉ việc' },
    });
    expect(next.followUps.map((f) => f.cancelled ?? false)).toEqual([false, true, true]);
    expect(next.followUpOpen).toBe(false);
    expect(dueFollowUps(next, '2027-12-01')).toEqual([]);
  });

  it('refuses a follow-up dated before the job started, naming on', () => {
    const error = expectDomainError(
      () => recordFollowUp(placement(), { on: '2026-06-14', stillEmployed: true }),
      'date-out-of-order',
    );
    expect(error.options.field).toBe('on');
  });
});
