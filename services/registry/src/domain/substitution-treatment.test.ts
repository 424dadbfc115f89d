import { describe, expect, it } from 'vitest';
import type { Person } from './person.ts';
import { applySubstitutionFact, type SubstitutionFact } from './substitution-treatment.ts';

const person = {
  id: 'p-1',
  timeline: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as Person;
const now = new Date('2026-09-01T08:00:00Z');
const fact = (
  change: SubstitutionFact['change'],
  on: string,
  extra: Partial<SubstitutionFact> = {},
): SubstitutionFact => ({
  eventId: `e-${change}-${on}`,
  change,
  patientId: 'pt-1',
  clinicId: 'c-1',
  clinicUnitCode: '99003',
  on,
  ...extra,
});
const apply = (facts: SubstitutionFact[]) =>
  facts.reduce((p, f) => applySubstitutionFact(p, f, now).person, person);

describe('the MMT situation from methadone.treatment.v1 (facts only, no clinical detail)', () => {
  it('shows the person on MMT at the clinic since the admission', () => {
    const next = apply([fact('enrolled', '2026-08-03'), fact('admitted', '2026-08-10')]);
    expect(next.substitutionTreatment).toEqual({
      patientId: 'pt-1',
      clinicId: 'c-1',
      clinicUnitCode: '99003',
      status: 'on-mmt',
      since: '2026-08-10',
      enrolledOn: '2026-08-03',
      admittedOn: '2026-08-10',
    });
    expect(next.timeline.map((e) => e.kind)).toEqual(['methadone-enrolled', 'methadone-admitted']);
    expect(next.timeline[1]?.source).toBe('methadone');
  });

  it('keeps the clinic of a transfer and tells how treatment ended', () => {
    const next = apply([
      fact('enrolled', '2026-08-03'),
      fact('admitted', '2026-08-10'),
      fact('transferred', '2026-08-20', { clinicId: 'c-2', clinicUnitCode: '99004' }),
      fact('discharged', '2026-08-30', {
        clinicId: 'c-2',
        clinicUnitCode: '99004',
        reasonCategory: 'procedure-violations',
        legalRef: 'Decree 90/2016/NĐ-CP',
      }),
    ]);
    expect(next.substitutionTreatment).toMatchObject({
      clinicId: 'c-2',
      status: 'discharged',
      admittedOn: '2026-08-10',
      ended: { on: '2026-08-30', how: 'discharged', reasonCategory: 'procedure-violations' },
    });
  });

  it('applies a redelivered event once', () => {
    const once = apply([fact('completed', '2026-08-30')]);
    const twice = applySubstitutionFact(once, fact('completed', '2026-08-30'), now);
    expect(twice.applied).toBe(false);
    expect(twice.person.timeline).toHaveLength(1);
  });
});
