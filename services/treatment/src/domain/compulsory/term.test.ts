import { describe, expect, it } from 'vitest';
import { decideByCourt } from './court.ts';
import {
  abscond,
  expectedEnd,
  notifyRelease,
  recordReview,
  reduceTerm,
  release,
  returnToFacility,
} from './term.ts';
import { excuseRemainder, resumeAfterHospital, suspendForHospital } from './hospital.ts';
import { admittedAdult, expectDomainError, rules, submittedAdult } from './test-support.ts';

// Admitted 2024-10-18 for 12 months: the term ends on 2025-10-18; half is served on 2025-04-19.
const admitted = () => admittedAdult(12, '2024-10-18');
const reviewed = (reviewedOn = '2025-04-21') =>
  recordReview(
    admitted(),
    { id: 'rv-1', reviewedOn, postedOn: reviewedOn, sentToCourtOn: '2025-05-05' },
    rules,
  );
const reduction = {
  on: '2025-05-06',
  reviewId: 'rv-1',
  months: 2,
  meritRecord: false,
  monthsRatedGood: 3,
};

describe('absconding from the facility (Decree 116/2021, form 41)', () => {
  it('needs the facility director’s search decision, not the police’s', () => {
    const away = { on: '2024-12-02', searchDecisionOn: '2024-12-02' };
    expectDomainError(
      () => abscond(admitted(), { ...away, searchDecisionBy: 'district-police-chief' }, rules),
      'decision-by-wrong-actor',
    );
  });

  it('does not count the 10 days absent: the end moves from 2025-10-18 to 2025-10-28', () => {
    const away = abscond(
      admitted(),
      { on: '2024-12-02', searchDecisionBy: 'facility-director', searchDecisionOn: '2024-12-02' },
      rules,
    );
    expect(away.state).toBe('absconded');
    const back = returnToFacility(away, '2024-12-12', rules);
    expect(back.state).toBe('admitted');
    expect(expectedEnd(back, '2025-01-01', rules)).toMatchObject({
      endsOn: '2025-10-28',
      daysAbsent: 10,
    });
  });

  it('refuses a return for someone not absent (step-out-of-order)', () => {
    expectDomainError(() => returnToFacility(admitted(), '2024-12-12', rules), 'step-out-of-order');
  });
});

describe('the 3-monthly review and reductions (Decree 116/2021 Art. 58)', () => {
  it('refuses sending the list to the court before 5 working days of posting (the swapped Saturday 2025-04-26 counts)', () => {
    const input = {
      id: 'rv-1',
      reviewedOn: '2025-04-21',
      postedOn: '2025-04-22',
      sentToCourtOn: '2025-04-25',
    };
    const error = expectDomainError(
      () => recordReview(admitted(), input, rules),
      'review-posting-too-short',
    );
    expect(error.message).toMatch(/2025-04-28/);
    const ok = recordReview(admitted(), { ...input, sentToCourtOn: '2025-04-28' }, rules);
    expect(ok.reviews[0]?.nextReviewDueBy).toBe('2025-07-21');
  });

  it('reduces the term by 2 months for good conduct after half the term: end 2025-08-18', () => {
    const reduced = reduceTerm(reviewed(), reduction, rules);
    expect(expectedEnd(reduced, '2025-05-06', rules).endsOn).toBe('2025-08-18');
  });

  it('refuses a reduction without a review, before half the term, or without 3 good months', () => {
    expectDomainError(() => reduceTerm(admitted(), reduction, rules), 'review-required');
    expectDomainError(
      () => reduceTerm(reviewed('2025-03-03'), reduction, rules),
      'reduction-too-early',
    );
    expectDomainError(
      () => reduceTerm(reviewed(), { ...reduction, monthsRatedGood: 2 }, rules),
      'conduct-not-good-enough',
    );
  });

  it('allows 1-3 months for good conduct and 3-6 with a merit record', () => {
    expectDomainError(
      () => reduceTerm(reviewed(), { ...reduction, months: 4 }, rules),
      'reduction-out-of-range',
    );
    expect(
      reduceTerm(reviewed(), { ...reduction, months: 4, meritRecord: true }, rules).reductions,
    ).toHaveLength(1);
    expectDomainError(
      () => reduceTerm(reviewed(), { ...reduction, months: 7, meritRecord: true }, rules),
      'reduction-out-of-range',
    );
  });
});

describe('suspension for a hospital stay (Decree 116/2021 Art. 58)', () => {
  const suspend = (on: string, expectedDays = 11) =>
    suspendForHospital(admitted(), { on, hospital: 'BV tỉnh', expectedDays }, rules);

  it('needs a stay over 10 days', () => {
    expectDomainError(() => suspend('2025-02-01', 10), 'hospital-stay-too-short');
    expect(suspend('2025-02-01').state).toBe('suspended');
  });

  it('returns to the facility when 3 months or more remain, and cannot excuse the rest then', () => {
    expect(resumeAfterHospital(suspend('2025-02-01'), '2025-02-20', rules).state).toBe('admitted');
    expectDomainError(
      () => excuseRemainder(suspend('2025-02-01'), '2025-02-20', rules),
      'too-much-term-to-excuse',
    );
  });

  it('excuses the remainder when under 3 months remain, and refuses the return', () => {
    expectDomainError(
      () => resumeAfterHospital(suspend('2025-08-01'), '2025-08-20', rules),
      'too-little-term-to-return',
    );
    const excused = excuseRemainder(suspend('2025-08-01'), '2025-08-20', rules);
    expect(excused).toMatchObject({ state: 'released', release: { remainderExcused: true } });
  });
});

describe('release (Decree 116/2021, forms 46 and 47)', () => {
  it('sets the notice due 15 days before the end and flags a late one', () => {
    expect(notifyRelease(admitted(), '2025-10-01', rules).releaseNotice).toEqual({
      notifiedOn: '2025-10-01',
      dueBy: '2025-10-03',
      late: false,
    });
    expect(notifyRelease(admitted(), '2025-10-10', rules).releaseNotice?.late).toBe(true);
  });

  it('releases on the end date with a certificate, not before', () => {
    expectDomainError(
      () => release(admitted(), { on: '2025-10-17', certificateId: 'c-1' }, rules),
      'release-before-term-end',
    );
    const released = release(admitted(), { on: '2025-10-18', certificateId: 'c-1' }, rules);
    expect(released).toMatchObject({ state: 'released', release: { certificateId: 'c-1' } });
  });

  it('refuses releasing a person never admitted', () => {
    const decided = decideByCourt(
      submittedAdult(),
      { on: '2024-10-15', actor: 'district-people-court', termMonths: 12 },
      rules,
    );
    expectDomainError(
      () => release(decided, { on: '2025-10-18', certificateId: 'c-1' }, rules),
      'release-before-admission',
    );
  });

  it('counts time at a facility under interim management toward the term', () => {
    const c = admitted();
    const withInterim = {
      ...c,
      interim: [
        { kind: 'facility' as const, facilityId: 'f', from: '2024-10-08', to: '2024-10-18' },
      ],
    };
    expect(expectedEnd(withInterim, '2024-10-18', rules).endsOn).toBe('2025-10-08');
  });
});
