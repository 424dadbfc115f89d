import { describe, expect, it } from 'vitest';
import {
  abscondBeforeAdmission,
  admit,
  decideByCourt,
  deferAdmission,
  endPostponement,
  exempt,
  postpone,
  refuseByCourt,
  returnBeforeAdmission,
} from './court.ts';
import { compileDossier, submitToCourt } from './dossier.ts';
import { REQUIRED_DOCUMENTS } from './placement.ts';
import { expectDomainError, LAW_2025_DAY, open, rules, submittedAdult } from './test-support.ts';

const decide = (termMonths = 12, actor = 'district-people-court') =>
  decideByCourt(submittedAdult(), { on: '2024-10-15', actor, termMonths }, rules);

describe('the court decision (Law 73/2021 Art. 32, 33)', () => {
  it('places an adult for 12 months and sets admission due within 5 days', () => {
    expect(decide()).toMatchObject({
      state: 'court-decided',
      decision: { termMonths: 12, regime: 'LAW-2021' },
      admissionDueBy: '2024-10-20',
    });
  });

  it('refuses an adult term outside 12-24 months, naming the rule', () => {
    const error = expectDomainError(() => decide(25), 'term-out-of-range');
    expect(error.message).toMatch(/term\.adult\.first/);
    expectDomainError(() => decide(6), 'term-out-of-range');
  });

  it('refuses a decision by a court the regime does not name', () => {
    expectDomainError(() => decide(12, 'regional-people-court'), 'decision-by-wrong-actor');
  });

  it("refuses a minor's term over 12 months (Art. 33)", () => {
    let c = compileDossier(
      open({ dateOfBirth: '2009-01-15' }),
      { on: '2024-10-02', actor: 'commune-chairman', documents: REQUIRED_DOCUMENTS },
      rules,
    );
    c = { ...c, state: 'submitted-to-court' };
    expectDomainError(
      () =>
        decideByCourt(
          c,
          { on: '2024-10-15', actor: 'district-people-court', termMonths: 13 },
          rules,
        ),
      'term-out-of-range',
    );
    expect(
      decideByCourt(c, { on: '2024-10-15', actor: 'district-people-court', termMonths: 6 }, rules)
        .state,
    ).toBe('court-decided');
  });

  it('gives a 24-month first term under LAW-2025, decided by the regional court (Law 120/2025, unconfirmed)', () => {
    let c = open({ violationOn: LAW_2025_DAY });
    c = compileDossier(
      c,
      { on: '2026-08-04', actor: 'commune-police-chief', documents: REQUIRED_DOCUMENTS },
      rules,
    );
    c = submitToCourt(c, { on: '2026-08-05', actor: 'commune-police-chief' }, rules);
    expectDomainError(
      () =>
        decideByCourt(
          c,
          { on: '2026-08-10', actor: 'regional-people-court', termMonths: 12 },
          rules,
        ),
      'term-out-of-range',
    );
    const decided = decideByCourt(
      c,
      { on: '2026-08-10', actor: 'regional-people-court', termMonths: 24 },
      rules,
    );
    expect(decided.decision).toMatchObject({
      termMonths: 24,
      regime: 'LAW-2025',
      confirmed: false,
    });
  });

  it('ends the case on a refusal; admission is then out of order', () => {
    const refused = refuseByCourt(
      submittedAdult(),
      { on: '2024-10-15', actor: 'district-people-court' },
      rules,
    );
    expect(refused.state).toBe('court-refused');
    expectDomainError(
      () => admit(refused, { on: '2024-10-16', facilityId: 'f' }, rules),
      'step-out-of-order',
    );
  });

  it('refuses a court decision before the dossier is submitted', () => {
    expectDomainError(
      () =>
        decideByCourt(
          open(),
          { on: '2024-10-15', actor: 'district-people-court', termMonths: 12 },
          rules,
        ),
      'court-decision-before-submission',
    );
  });
});

describe('admission (Decree 116/2021, form 40)', () => {
  it('refuses admission before a court decision', () => {
    expectDomainError(
      () => admit(submittedAdult(), { on: '2024-10-16', facilityId: 'f' }, rules),
      'admission-before-court-decision',
    );
  });

  it('admits within 5 days on time and flags a later admission', () => {
    expect(admit(decide(), { on: '2024-10-20', facilityId: 'f' }, rules).admission?.late).toBe(
      false,
    );
    expect(admit(decide(), { on: '2024-10-21', facilityId: 'f' }, rules).admission?.late).toBe(
      true,
    );
  });

  it('refuses a step dated before the previous one', () => {
    expectDomainError(
      () => admit(decide(), { on: '2024-10-14', facilityId: 'f' }, rules),
      'date-out-of-order',
    );
  });

  it('defers admission up to 3 months when the facility is full, and not beyond', () => {
    expectDomainError(
      () => deferAdmission(decide(), { on: '2024-10-16', until: '2025-01-16' }, rules),
      'deferral-too-long',
    );
    const deferred = deferAdmission(decide(), { on: '2024-10-16', until: '2025-01-15' }, rules);
    expect(deferred.state).toBe('admission-deferred');
    expect(admit(deferred, { on: '2025-01-15', facilityId: 'f' }, rules).admission?.late).toBe(
      false,
    );
  });
});

describe('postponement and exemption', () => {
  it('postpones for serious illness and restarts the admission deadline when it ends', () => {
    const postponed = postpone(decide(), { on: '2024-10-16', ground: 'serious-illness' }, rules);
    expect(postponed.state).toBe('postponed');
    const resumed = endPostponement(postponed, '2024-12-02', rules);
    expect(resumed).toMatchObject({ state: 'court-decided', admissionDueBy: '2024-12-07' });
  });

  it('exempts a person who completed voluntary rehab during the postponement, only while postponed', () => {
    const postponed = postpone(decide(), { on: '2024-10-16', ground: 'family-hardship' }, rules);
    expect(
      exempt(postponed, { on: '2025-04-16', ground: 'voluntary-rehab-completed' }, rules).state,
    ).toBe('exempted');
    expectDomainError(
      () => exempt(decide(), { on: '2024-10-16', ground: 'voluntary-rehab-completed' }, rules),
      'exemption-ground-not-applicable',
    );
  });

  it('exempts for pregnancy before admission', () => {
    expect(
      exempt(decide(), { on: '2024-10-16', ground: 'pregnancy' }, rules).exemption?.ground,
    ).toBe('pregnancy');
  });
});

describe('absconding before admission (Decree 116/2021, form 41)', () => {
  const away = { on: '2024-10-16', searchDecisionOn: '2024-10-17' };

  it('needs the search decision of the police where the dossier was made, not the facility director', () => {
    expectDomainError(
      () =>
        abscondBeforeAdmission(decide(), { ...away, searchDecisionBy: 'facility-director' }, rules),
      'decision-by-wrong-actor',
    );
  });

  it('returns to awaiting admission with a fresh deadline when found', () => {
    const c = abscondBeforeAdmission(
      decide(),
      { ...away, searchDecisionBy: 'district-police-chief' },
      rules,
    );
    expect(c.state).toBe('absconded-before-admission');
    const back = returnBeforeAdmission(c, '2024-11-04', rules);
    expect(back).toMatchObject({ state: 'court-decided', admissionDueBy: '2024-11-09' });
    expect(back.absences[0]).toMatchObject({ phase: 'before-admission', to: '2024-11-04' });
  });
});
