// What a compulsory case waits for next, by when and from which office. Worked out with the
// case's rules each time the case changes and kept on it, so the work queues need no
// rulebook; only "overdue" depends on the day the queue is read.
import { type LocalDate } from '@rehab/domain-kit';
import type { CaseRules, CompulsoryRules } from './compulsory-rules.ts';
import type { CompulsoryPlacement } from './placement.ts';
import { placementTransitions } from './transitions.ts';

/** A step the case waits for. */
export interface OwedStep {
  what: string;
  dueBy: LocalDate;
  /** The office that must act (as the rulebook names it), or `family`. */
  actor: string;
  legalRef: string;
}

/** The facility director acts on the admitted person; no regime names anyone else. */
const FACILITY = 'facility-director';
const MINOR_REF = 'Law 73/2021/QH14 Art. 34';

function beforeCourt(p: CompulsoryPlacement, r: CaseRules): OwedStep[] {
  switch (p.state) {
    case 'dossier-in-preparation':
      return [
        {
          what: 'compile-compulsory-dossier',
          dueBy: p.dossierDueBy,
          actor: r.dossierCompiler.actor,
          legalRef: r.dossierCompiler.legalRef,
        },
      ];
    case 'family-review': {
      const review = p.familyReview;
      if (!review) return [];
      const opinion: OwedStep[] =
        r.childRightsOpinionRequired && p.childRightsOpinionOn === undefined
          ? [
              {
                what: 'attach-child-rights-opinion',
                dueBy: review.endsOn,
                actor: r.dossierCompiler.actor,
                legalRef: MINOR_REF,
              },
            ]
          : [];
      return [
        ...opinion,
        { what: 'family-review-ends', dueBy: review.endsOn, actor: 'family', legalRef: MINOR_REF },
      ];
    }
    case 'dossier-compiled': {
      const readyOn = p.familyReview?.closedOn ?? p.dossier?.compiledOn ?? p.openedOn;
      if (r.dossierAppraiser && r.appraisalDueBy) {
        const due = r.appraisalDueBy(readyOn);
        return [
          {
            what: 'appraise-compulsory-dossier',
            dueBy: due.date,
            actor: r.dossierAppraiser.actor,
            legalRef: due.legalRef,
          },
        ];
      }
      const due = r.submissionDueBy(readyOn);
      return [
        {
          what: 'submit-dossier-to-court',
          dueBy: due.date,
          actor: r.dossierCompiler.actor,
          legalRef: due.legalRef,
        },
      ];
    }
    case 'appraised': {
      const due = r.submissionDueBy(p.appraisal?.on ?? p.openedOn);
      return [
        {
          what: 'submit-dossier-to-court',
          dueBy: due.date,
          actor: r.dossierAppraiser?.actor ?? r.dossierCompiler.actor,
          legalRef: due.legalRef,
        },
      ];
    }
    case 'submitted-to-court': {
      const due = r.courtDecisionDueBy(p.submission?.on ?? p.openedOn);
      return [
        { what: 'court-decision', dueBy: due.date, actor: r.court.actor, legalRef: due.legalRef },
      ];
    }
    default:
      return [];
  }
}

function review(p: CompulsoryPlacement, r: CaseRules): OwedStep[] {
  const last = p.reviews.at(-1);
  const admittedOn = p.admission?.admittedOn;
  if (!last && !admittedOn) return [];
  const next = r.nextReviewDue(last?.reviewedOn ?? admittedOn ?? p.openedOn);
  return [
    {
      what: 'facility-review',
      dueBy: last?.nextReviewDueBy ?? next.date,
      actor: FACILITY,
      legalRef: next.legalRef,
    },
  ];
}

function release(p: CompulsoryPlacement, r: CaseRules, termEndsOn: LocalDate): OwedStep[] {
  const notice = r.releaseNoticeDueBy(termEndsOn);
  return [
    ...(p.releaseNotice
      ? []
      : [
          {
            what: 'notify-release',
            dueBy: notice.date,
            actor: FACILITY,
            legalRef: notice.legalRef,
          },
        ]),
    {
      what: 'release-at-term-end',
      dueBy: termEndsOn,
      actor: FACILITY,
      legalRef: placementTransitions.release.legalRef,
    },
  ];
}

/**
 * The steps the case waits for. `termEndsOn` is the known end of the term (absent while an
 * absence keeps moving it): the release notice and the release follow from it.
 */
export function owedSteps(
  p: CompulsoryPlacement,
  rules: CompulsoryRules,
  termEndsOn?: LocalDate,
): OwedStep[] {
  const r = rules.forCase(p.openedOn);
  switch (p.state) {
    case 'court-decided':
    case 'admission-deferred':
      return p.admissionDueBy
        ? [
            {
              what: 'admit-to-compulsory-facility',
              dueBy: p.admissionDueBy,
              actor: FACILITY,
              legalRef: placementTransitions.admit.legalRef,
            },
          ]
        : [];
    case 'admitted':
      return [...review(p, r), ...(termEndsOn ? release(p, r, termEndsOn) : [])];
    case 'absconded':
    case 'suspended':
      return review(p, r);
    default:
      return beforeCourt(p, r);
  }
}
