import { describe, expect, it } from 'vitest';
import { rulebook, rules } from './test-support.ts';

describe('treatment rulebook (docs/domain.md section 0)', () => {
  it('resolves every key under each regime period, so no case date falls into a gap', () => {
    const keys = rules.forCase('2022-01-01');
    for (const date of ['2022-01-01', '2025-03-01', '2025-07-01', '2026-06-30', '2026-07-01']) {
      const resolved = rulebook.resolve(date);
      for (const key of rulebook.resolve('2022-01-01').keys()) expect(resolved.has(key)).toBe(true);
    }
    expect(keys.regimeIds).toEqual(['LAW-2021']);
  });

  it('gives a 6-12 month voluntary term under LAW-2021 (Law 73/2021/QH14 Art. 30, 31)', () => {
    expect(rules.forCase('2026-06-30').voluntaryTerm(true)).toMatchObject({
      min: 6,
      max: 12,
      regime: 'LAW-2021',
      confirmed: true,
    });
  });

  it('gives 24 months for a first rehab and 36 from the second under LAW-2025, unconfirmed for voluntary (Law 120/2025/QH15)', () => {
    const law2025 = rules.forCase('2026-07-01');
    expect(law2025.voluntaryTerm(true)).toMatchObject({
      min: 24,
      max: 24,
      confirmed: false,
    });
    expect(law2025.voluntaryTerm(false)).toMatchObject({
      min: 36,
      max: 36,
      confirmed: false,
    });
  });

  it('names the commune chairman for the home-rehab decision under LAW-2021 and the commune police chief under LAW-2025 (unconfirmed)', () => {
    expect(rules.forCase('2026-06-30').actor('voluntary.homeDecisionActor').actor).toBe(
      'commune-chairman',
    );
    expect(rules.forCase('2026-07-01').actor('voluntary.homeDecisionActor')).toMatchObject({
      actor: 'commune-police-chief',
      confirmed: false,
    });
  });

  it('sets post-rehab terms of 2 years after adult compulsory rehab and 1 year otherwise (Law 73/2021/QH14 Art. 40)', () => {
    const r = rules.forCase('2025-05-05');
    expect(r.postRehabTermEnd('compulsory-adult', '2025-05-05').date).toBe('2027-05-05');
    expect(r.postRehabTermEnd('compulsory-minor', '2025-05-05').date).toBe('2026-05-05');
    expect(r.postRehabTermEnd('voluntary', '2025-05-05').date).toBe('2026-05-05');
    expect(r.postRehabTermEnd('methadone', '2025-05-05').date).toBe('2026-05-05');
  });

  it('counts the 5-working-day registration deadline across the Tết 2026 break (Decree 116/2021 Art. 3, 28)', () => {
    expect(rules.forCase('2026-02-12').registrationDeadline('2026-02-12').date).toBe('2026-02-26');
  });

  it('lets a volunteer help at most 2 persons (Decree 116/2021 Art. 77-82)', () => {
    expect(rules.forCase('2025-05-05').helperMaxPersons().count).toBe(2);
  });
});
