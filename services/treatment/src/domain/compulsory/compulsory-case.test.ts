import { describe, expect, it } from 'vitest';
import { asCompulsoryCase, compulsoryDueItems } from './compulsory-case.ts';
import { abscond, notifyRelease, recordReview } from './term.ts';
import {
  appraiseDossier,
  closeFamilyReview,
  compileDossier,
  recordChildRightsOpinion,
} from './dossier.ts';
import { decideByCourt } from './court.ts';
import { REQUIRED_DOCUMENTS, type CompulsoryPlacement } from './placement.ts';
import {
  admittedAdult,
  LAW_2025_DAY,
  open,
  rules,
  submittedAdult,
  TRANSFER_DAY,
} from './test-support.ts';

const due = (p: CompulsoryPlacement, today: string) =>
  compulsoryDueItems(asCompulsoryCase(p, rules), today).map(({ what, dueBy, actor, overdue }) => ({
    what,
    dueBy,
    actor,
    overdue,
  }));
const compile = (c: CompulsoryPlacement, on: string, actor = 'commune-chairman') =>
  compileDossier(c, { on, actor, documents: REQUIRED_DOCUMENTS }, rules);

describe('what a compulsory case waits for, by when and from whom', () => {
  it("asks the regime's compiler for the dossier within 5 working days, overdue after", () => {
    expect(due(open(), '2024-10-08')).toEqual([
      {
        what: 'compile-compulsory-dossier',
        dueBy: '2024-10-08',
        actor: 'commune-chairman',
        overdue: false,
      },
    ]);
    expect(due(open(), '2024-10-09')[0]?.overdue).toBe(true);
    expect(due(open({ violationOn: TRANSFER_DAY }), TRANSFER_DAY)[0]).toMatchObject({
      actor: 'commune-police-chief',
    });
  });

  it("waits for the family's 3 working days and the child-rights opinion on a minor's dossier", () => {
    const review = compile(open({ dateOfBirth: '2009-01-15' }), '2024-10-03');
    expect(due(review, '2024-10-04')).toEqual([
      {
        what: 'attach-child-rights-opinion',
        dueBy: '2024-10-08',
        actor: 'commune-chairman',
        overdue: false,
      },
      { what: 'family-review-ends', dueBy: '2024-10-08', actor: 'family', overdue: false },
    ]);
    const withOpinion = recordChildRightsOpinion(review, '2024-10-04', rules);
    expect(due(withOpinion, '2024-10-04').map((item) => item.what)).toEqual(['family-review-ends']);
    const closed = closeFamilyReview(withOpinion, { on: '2024-10-09' }, rules);
    expect(due(closed, '2024-10-09')[0]).toMatchObject({
      what: 'appraise-compulsory-dossier',
      dueBy: '2024-10-16',
    });
  });

  it('asks the labour division to appraise under LAW-2021, then to send the dossier to the court', () => {
    const compiled = compile(open(), '2024-10-03');
    expect(due(compiled, '2024-10-03')).toEqual([
      {
        what: 'appraise-compulsory-dossier',
        dueBy: '2024-10-10',
        actor: 'labour-division-head',
        overdue: false,
      },
    ]);
    const appraised = appraiseDossier(
      compiled,
      { on: '2024-10-07', actor: 'labour-division-head' },
      rules,
    );
    expect(due(appraised, '2024-10-11')).toEqual([
      {
        what: 'submit-dossier-to-court',
        dueBy: '2024-10-10',
        actor: 'labour-division-head',
        overdue: true,
      },
    ]);
  });

  it('asks the commune police chief to send the dossier straight to the court under TRANSFER-2025', () => {
    const compiled = compile(
      open({ violationOn: TRANSFER_DAY }),
      '2025-04-02',
      'commune-police-chief',
    );
    expect(due(compiled, '2025-04-02')).toEqual([
      {
        what: 'submit-dossier-to-court',
        dueBy: '2025-04-08',
        actor: 'commune-police-chief',
        overdue: false,
      },
    ]);
  });

  it('awaits the court named by the regime: the district court under LAW-2021, the regional court under LAW-2025', () => {
    expect(due(submittedAdult(), '2024-10-08')).toEqual([
      {
        what: 'court-decision',
        dueBy: '2024-10-23',
        actor: 'district-people-court',
        overdue: false,
      },
    ]);
    const compiled = compile(
      open({ violationOn: LAW_2025_DAY }),
      LAW_2025_DAY,
      'commune-police-chief',
    );
    expect(due(compiled, LAW_2025_DAY)[0]?.actor).toBe('commune-police-chief');
  });

  it('asks the facility to admit within 5 days of the decision', () => {
    const decided = decideByCourt(
      submittedAdult(),
      { on: '2024-10-15', actor: 'district-people-court', termMonths: 12 },
      rules,
    );
    expect(due(decided, '2024-10-21')).toEqual([
      {
        what: 'admit-to-compulsory-facility',
        dueBy: '2024-10-20',
        actor: 'facility-director',
        overdue: true,
      },
    ]);
  });

  it('lists the 3-monthly review, the release notice 15 days ahead and the term end while admitted', () => {
    const admitted = admittedAdult(12, '2024-10-18');
    expect(asCompulsoryCase(admitted, rules).termEndsOn).toBe('2025-10-18');
    expect(due(admitted, '2024-10-18')).toEqual([
      { what: 'facility-review', dueBy: '2025-01-18', actor: 'facility-director', overdue: false },
      { what: 'notify-release', dueBy: '2025-10-03', actor: 'facility-director', overdue: false },
      {
        what: 'release-at-term-end',
        dueBy: '2025-10-18',
        actor: 'facility-director',
        overdue: false,
      },
    ]);
    const reviewed = recordReview(
      admitted,
      { id: 'rv-1', reviewedOn: '2025-01-15', postedOn: '2025-01-15', sentToCourtOn: '2025-01-22' },
      rules,
    );
    const notified = notifyRelease(reviewed, '2025-10-01', rules);
    expect(due(notified, '2025-10-01').map(({ what, dueBy }) => [what, dueBy])).toEqual([
      ['facility-review', '2025-04-15'],
      ['release-at-term-end', '2025-10-18'],
    ]);
  });

  it('drops the release items while an absence keeps moving the end, keeping the review', () => {
    const away = abscond(
      admittedAdult(12, '2024-10-18'),
      { on: '2024-12-02', searchDecisionBy: 'facility-director', searchDecisionOn: '2024-12-02' },
      rules,
    );
    expect(asCompulsoryCase(away, rules).termEndsOn).toBeUndefined();
    expect(due(away, '2024-12-03').map((item) => item.what)).toEqual(['facility-review']);
  });

  it('owes nothing once the court refused', () => {
    const refused = { ...submittedAdult(), state: 'court-refused' as const };
    expect(due(refused, '2024-10-20')).toEqual([]);
  });

  it('still shows the dossier deadline of a case stored before the owed steps were kept', () => {
    const { owed: _owed, ...stored } = asCompulsoryCase(open(), rules);
    expect(compulsoryDueItems(stored, '2024-10-09')).toEqual([
      expect.objectContaining({
        what: 'compile-compulsory-dossier',
        dueBy: '2024-10-08',
        overdue: true,
      }),
    ]);
  });
});
