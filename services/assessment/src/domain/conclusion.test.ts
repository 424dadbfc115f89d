import { describe, expect, it } from 'vitest';
import { conclude, conclusionHistory } from './conclusion.ts';
import { recordObservation } from './determination.ts';
import {
  assessor,
  ctx,
  facility,
  input,
  open,
  person,
  TODAY,
  withEvidence,
} from './determination-fixtures.ts';
import { resultDocument } from './result-document.ts';
import { expectDomainError } from './test-support.ts';

describe('conclusion (Circular 18/2021/TT-BYT; Decree 109/2021/ND-CP)', () => {
  it('concludes with the computed result and substance class, and closes the request to new evidence', () => {
    const { determination, conclusion } = conclude(withEvidence(), input(), ctx);
    expect(conclusion).toMatchObject({
      result: 'addicted',
      substanceClass: 'opioid',
      criteriaMet: ['craving', 'loss-of-control', 'tolerance'],
    });
    expect(determination.status).toBe('concluded');
    const obs = {
      id: 'o-9',
      criterion: 'craving',
      present: true,
      observedOn: '2026-03-01',
      source: 'clinical',
      substanceClass: 'opioid',
    };
    expectDomainError(() => recordObservation(determination, obs, TODAY), 'determination-closed');
  });

  it('refuses a result contradicting the criteria without a clinical override reason', () => {
    const error = expectDomainError(
      () => conclude(withEvidence(), input({ result: 'not-addicted' }), ctx),
      'conclusion-contradicts-criteria',
      'rule-violated',
    );
    expect(error.options.field).toBe('overrideReason');
    expectDomainError(
      () => conclude(withEvidence(), input({ result: 'not-addicted', overrideReason: '  ' }), ctx),
      'conclusion-contradicts-criteria',
    );
  });

  it('records a documented clinical override with its reason and the computed result', () => {
    const { conclusion } = conclude(
      withEvidence(),
      input({
        result: 'not-addicted',
        overrideReason: 'Symptoms explained by prescribed opioid analgesia',
      }),
      ctx,
    );
    expect(conclusion).toMatchObject({
      result: 'not-addicted',
      override: { result: 'not-addicted', computedResult: 'addicted' },
    });
    expect(conclusion.substanceClass).toBeUndefined();
  });

  it('requires a substance class when overriding to "addicted" where the criteria name none', () => {
    const d = recordObservation(
      open(),
      {
        id: 'o-1',
        criterion: 'craving',
        present: true,
        observedOn: '2026-02-05',
        source: 'clinical',
        substanceClass: 'ats',
      },
      TODAY,
    );
    const override = input({
      result: 'addicted',
      overrideReason: 'Severe withdrawal seen on admission',
    });
    expectDomainError(() => conclude(d, override, ctx), 'substance-class-required');
    expect(conclude(d, { ...override, substanceClass: 'ats' }, ctx).conclusion.substanceClass).toBe(
      'ats',
    );
  });

  it('refuses an assessor whose certificate expired before the conclusion date', () => {
    expectDomainError(
      () =>
        conclude(withEvidence(), input(), {
          ...ctx,
          assessor: { ...assessor, certifiedTo: '2026-02-28' },
        }),
      'assessor-not-certified',
    );
    expectDomainError(
      () => conclude(withEvidence(), input({ assessorUserId: 'doctor-2' }), ctx),
      'assessor-not-at-facility',
    );
  });

  it('refuses a conclusion dated in the future or before the request', () => {
    expectDomainError(
      () => conclude(withEvidence(), input({ concludedOn: '2026-03-11' }), ctx),
      'conclusion-date-invalid',
    );
    expectDomainError(
      () => conclude(withEvidence(), input({ concludedOn: '2026-01-31' }), ctx),
      'conclusion-date-invalid',
    );
  });

  it('refuses a second conclusion that does not supersede the first with a reason (already-concluded)', () => {
    const { determination } = conclude(withEvidence(), input(), ctx);
    expectDomainError(
      () => conclude(determination, input({ id: 'c-2' }), ctx),
      'already-concluded',
      'conflict',
    );
    expectDomainError(
      () =>
        conclude(
          determination,
          input({ id: 'c-2', supersedes: { conclusionId: 'c-1', reason: ' ' } }),
          ctx,
        ),
      'already-concluded',
    );
    expectDomainError(
      () =>
        conclude(
          determination,
          input({ id: 'c-2', supersedes: { conclusionId: 'c-0', reason: 'typo' } }),
          ctx,
        ),
      'supersedes-not-current',
    );
    expectDomainError(
      () =>
        conclude(
          withEvidence(),
          input({ supersedes: { conclusionId: 'c-0', reason: 'typo' } }),
          ctx,
        ),
      'nothing-to-supersede',
    );
  });

  it('supersedes the current conclusion with a reason and keeps the old one unchanged', () => {
    const first = conclude(withEvidence(), input(), ctx);
    const second = conclude(
      first.determination,
      input({
        id: 'c-2',
        concludedOn: '2026-03-05',
        supersedes: { conclusionId: 'c-1', reason: 'Wrong assessor recorded' },
      }),
      ctx,
    );
    expect(conclusionHistory(second.determination).map((h) => [h.conclusion.id, h.status])).toEqual(
      [
        ['c-1', 'superseded'],
        ['c-2', 'current'],
      ],
    );
    expect(second.determination.conclusions[0]).toBe(first.conclusion);
    expect(second.conclusion.supersedes).toEqual({
      conclusionId: 'c-1',
      reason: 'Wrong assessor recorded',
    });
  });

  it('gives the result form the person, facility, assessor, dates, criteria met, result and substance', () => {
    const { determination } = conclude(withEvidence(), input(), ctx);
    const doc = resultDocument(determination, person, facility, assessor);
    expect(doc).toMatchObject({
      person: { id: 'p-1', fullName: 'Nguyễn Văn A' },
      facility: { name: 'Trung tâm y tế huyện A' },
      assessor: { fullName: 'BS. Trần Thị B' },
      requestedOn: '2026-02-01',
      concludedOn: '2026-03-01',
      result: { code: 'addicted', vi: 'Nghiện ma túy' },
      substanceClass: { code: 'opioid' },
    });
    expect(doc.criteriaMet.map((c) => c.vi)).toEqual([
      'Thèm muốn mãnh liệt',
      'Mất khả năng kiểm soát',
      'Dung nạp',
    ]);
    expectDomainError(
      () => resultDocument(withEvidence(), person, facility, assessor),
      'not-concluded',
    );
  });
});
