import { describe, expect, it } from 'vitest';
import type { Person } from './person.ts';
import { applySupportFact, type SupportFact } from './support-history.ts';

const person = {
  id: 'p-1',
  timeline: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as Person;
const fact: SupportFact = {
  eventId: 'e-1',
  supportId: 's-1',
  kind: 'training',
  on: '2026-08-03',
  unitCode: '99003',
  status: 'enrolled',
};

describe('support history on the timeline (vocational.support.v1)', () => {
  it('adds one line per support event, from the vocational service', () => {
    const { person: next, applied } = applySupportFact(
      person,
      fact,
      new Date('2026-08-03T08:00:00Z'),
    );
    expect(applied).toBe(true);
    expect(next.timeline).toEqual([
      expect.objectContaining({
        id: 'e-1',
        on: '2026-08-03',
        kind: 'vocational-support',
        summary: 'Vocational training (enrolled)',
        source: 'vocational',
        details: {
          supportId: 's-1',
          supportKind: 'training',
          unitCode: '99003',
          status: 'enrolled',
        },
      }),
    ]);
  });

  it('adds nothing for a redelivered event', () => {
    const once = applySupportFact(person, fact, new Date()).person;
    expect(applySupportFact(once, fact, new Date())).toEqual({ person: once, applied: false });
  });
});
