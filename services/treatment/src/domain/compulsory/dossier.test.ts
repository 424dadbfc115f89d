import { describe, expect, it } from 'vitest';
import {
  appraiseDossier,
  closeFamilyReview,
  compileDossier,
  recordChildRightsOpinion,
  recordInterimManagement,
  submitToCourt,
} from './dossier.ts';
import { REQUIRED_DOCUMENTS } from './placement.ts';
import { expectDomainError, LAW_2021_DAY, open, rules, TRANSFER_DAY } from './test-support.ts';

const compile = (on: string, actor = 'commune-chairman') => ({
  on,
  actor,
  documents: REQUIRED_DOCUMENTS,
});
const minor = (violationOn = LAW_2021_DAY) => open({ dateOfBirth: '2009-01-15', violationOn });

describe('opening a compulsory-placement case (Law 73/2021 Art. 32, 33)', () => {
  it('opens an adult case from a violation record with its 5-working-day dossier deadline', () => {
    const c = open();
    expect(c).toMatchObject({
      state: 'dossier-in-preparation',
      ageGroup: 'adult',
      ageOnViolation: 34,
      dossierDueBy: '2024-10-08',
    });
  });

  it('treats a 15-year-old (age on the violation date) as a minor (Art. 33)', () => {
    expect(minor().ageGroup).toBe('minor');
  });

  it('refuses a person under 12 on the violation date (Art. 33)', () => {
    expectDomainError(() => open({ dateOfBirth: '2013-01-01' }), 'under-minimum-age');
  });

  it("refuses the minors' rules for an adult and the adults' for a minor", () => {
    expectDomainError(() => open({ ageGroup: 'minor' }), 'age-group-mismatch');
    expectDomainError(
      () => open({ dateOfBirth: '2009-01-15', ageGroup: 'adult' }),
      'age-group-mismatch',
    );
  });

  it('refuses relapse during post-rehab management as a trigger for a minor (Art. 33 has none)', () => {
    expectDomainError(
      () => open({ dateOfBirth: '2009-01-15', trigger: 'relapse-during-post-rehab' }),
      'trigger-not-for-minors',
    );
    expect(open({ trigger: 'relapse-during-post-rehab' }).trigger.legalRef).toMatch(/Art\. 32/);
  });
});

describe('interim management while the dossier is prepared (Law 73/2021 Art. 35)', () => {
  it('records family or facility management without changing the state', () => {
    const c = recordInterimManagement(
      open(),
      { kind: 'facility', facilityId: 'f', from: '2024-10-01' },
      rules,
    );
    expect(c.state).toBe('dossier-in-preparation');
    expect(c.interim).toHaveLength(1);
  });

  it('refuses interim management that ends before it starts', () => {
    expectDomainError(
      () =>
        recordInterimManagement(
          open(),
          { kind: 'family', from: '2024-10-03', to: '2024-10-02' },
          rules,
        ),
      'date-out-of-order',
    );
  });
});

describe('compiling the dossier (Decree 116/2021; Decree 02/2025)', () => {
  it('lets the commune chairman compile under LAW-2021, on time', () => {
    const c = compileDossier(open(), compile('2024-10-08'), rules);
    expect(c).toMatchObject({ state: 'dossier-compiled', dossier: { late: false } });
  });

  it('flags a dossier compiled after the 5 working days as late', () => {
    expect(compileDossier(open(), compile('2024-10-09'), rules).dossier?.late).toBe(true);
  });

  it('refuses the commune police chief under LAW-2021 and the chairman under TRANSFER-2025 (decision-by-wrong-actor)', () => {
    expectDomainError(
      () => compileDossier(open(), compile('2024-10-03', 'commune-police-chief'), rules),
      'decision-by-wrong-actor',
    );
    const transfer = open({ violationOn: TRANSFER_DAY });
    expectDomainError(
      () => compileDossier(transfer, compile('2025-04-02'), rules),
      'decision-by-wrong-actor',
    );
  });

  it('refuses a dossier missing the addiction result', () => {
    const documents = REQUIRED_DOCUMENTS.filter((d) => d !== 'addiction-result');
    const error = expectDomainError(
      () =>
        compileDossier(open(), { on: '2024-10-03', actor: 'commune-chairman', documents }, rules),
      'dossier-incomplete',
    );
    expect(error.message).toMatch(/addiction-result/);
  });

  it('refuses compiling twice (step-out-of-order)', () => {
    const c = compileDossier(open(), compile('2024-10-03'), rules);
    expectDomainError(() => compileDossier(c, compile('2024-10-04'), rules), 'step-out-of-order');
  });
});

describe('the same scenario under LAW-2021 and TRANSFER-2025', () => {
  it('goes chairman → labour division → court under LAW-2021', () => {
    let c = compileDossier(open(), compile('2024-10-03'), rules);
    expectDomainError(
      () => submitToCourt(c, { on: '2024-10-04', actor: 'commune-chairman' }, rules),
      'step-out-of-order',
    );
    expectDomainError(
      () => appraiseDossier(c, { on: '2024-10-04', actor: 'commune-chairman' }, rules),
      'decision-by-wrong-actor',
    );
    c = appraiseDossier(c, { on: '2024-10-04', actor: 'labour-division-head' }, rules);
    c = submitToCourt(c, { on: '2024-10-07', actor: 'labour-division-head' }, rules);
    expect(c.state).toBe('submitted-to-court');
  });

  it('goes from the commune police chief straight to the court under TRANSFER-2025, with no appraisal step', () => {
    let c = compileDossier(
      open({ violationOn: TRANSFER_DAY }),
      compile('2025-04-02', 'commune-police-chief'),
      rules,
    );
    expectDomainError(
      () => appraiseDossier(c, { on: '2025-04-03', actor: 'labour-division-head' }, rules),
      'step-not-in-regime',
    );
    c = submitToCourt(c, { on: '2025-04-03', actor: 'commune-police-chief' }, rules);
    expect(c.submission).toEqual({ on: '2025-04-03', by: 'commune-police-chief' });
  });

  it('keeps the opening regime: a LAW-2021 case submitted after 2025-03-01 still needs the labour division', () => {
    const c = compileDossier(open({ violationOn: '2025-02-24' }), compile('2025-03-03'), rules);
    expectDomainError(
      () => submitToCourt(c, { on: '2025-03-04', actor: 'commune-police-chief' }, rules),
      'step-out-of-order',
    );
  });
});

describe("a minor's dossier (Law 73/2021 Art. 34)", () => {
  it('goes to the family for 3 working days after compilation', () => {
    const c = compileDossier(minor(), compile('2024-10-03'), rules);
    expect(c).toMatchObject({ state: 'family-review', familyReview: { endsOn: '2024-10-08' } });
  });

  it('refuses closing the review early unless the family has read it, and without the child-rights opinion', () => {
    const c = compileDossier(minor(), compile('2024-10-03'), rules);
    expectDomainError(
      () => closeFamilyReview(c, { on: '2024-10-08' }, rules),
      'family-review-open',
    );
    expectDomainError(
      () => closeFamilyReview(c, { on: '2024-10-09' }, rules),
      'child-rights-opinion-required',
    );
    const withOpinion = recordChildRightsOpinion(c, '2024-10-04', rules);
    const closed = closeFamilyReview(
      withOpinion,
      { on: '2024-10-05', familyReadOn: '2024-10-04' },
      rules,
    );
    expect(closed.state).toBe('dossier-compiled');
  });

  it('refuses a reading date before the dossier went to the family or after the closing', () => {
    const c = recordChildRightsOpinion(
      compileDossier(minor(), compile('2024-10-03'), rules),
      '2024-10-04',
      rules,
    );
    const before = expectDomainError(
      () => closeFamilyReview(c, { on: '2024-10-07', familyReadOn: '2024-10-02' }, rules),
      'date-out-of-order',
    );
    expect(before.options.field).toBe('familyReadOn');
    expectDomainError(
      () => closeFamilyReview(c, { on: '2024-10-07', familyReadOn: '2024-10-08' }, rules),
      'date-out-of-order',
    );
  });

  it("refuses the minors' family review and child-rights opinion on an adult's case", () => {
    const c = compileDossier(open(), compile('2024-10-03'), rules);
    expectDomainError(
      () => closeFamilyReview(c, { on: '2024-10-09' }, rules),
      'minor-rules-for-adult',
    );
    expectDomainError(
      () => recordChildRightsOpinion(c, '2024-10-04', rules),
      'minor-rules-for-adult',
    );
  });
});
