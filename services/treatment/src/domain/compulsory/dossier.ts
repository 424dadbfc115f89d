// Preparing the dossier: interim management, compilation by the regime's actor, the minors'
// family review and child-rights opinion, the appraisal (LAW-2021 only) and the submission.
import {
  isAfter,
  isBefore,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import type { CompulsoryRules } from './compulsory-rules.ts';
import { compulsoryErrors } from './errors.ts';
import {
  beginStep,
  completeStep,
  REQUIRED_DOCUMENTS,
  requireActor,
  type CompulsoryPlacement,
  type DossierDocument,
  type InterimManagement,
} from './placement.ts';

/** Records who manages the person while the dossier is prepared (Law 73/2021/QH14 Art. 35). */
export function recordInterimManagement(
  c: CompulsoryPlacement,
  interim: InterimManagement,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  beginStep(c, 'record-interim-management', interim.from, rules);
  if (interim.to !== undefined && isBefore(interim.to, interim.from)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'interim.to',
      params: {
        field: 'interim.to',
        date: interim.to,
        before: 'interim.from',
        beforeDate: interim.from,
      },
    });
  }
  return completeStep(c, 'record-interim-management', interim.from, {
    interim: [...c.interim, interim],
  });
}

export interface CompileInput {
  on: LocalDate;
  actor: string;
  documents: readonly DossierDocument[];
}

/**
 * Compiles the dossier. Only the regime's compiler may (LAW-2021: the commune chairman;
 * TRANSFER-2025: the commune police chief). A late dossier is kept and flagged, not refused:
 * refusing would not bring the deadline back. A minor's dossier then goes to the family.
 */
export function compileDossier(
  c: CompulsoryPlacement,
  input: CompileInput,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'compile-dossier', input.on, rules);
  requireActor('compile-dossier', input.actor, r.dossierCompiler);
  const missing = REQUIRED_DOCUMENTS.filter((d) => !input.documents.includes(d));
  if (missing.length > 0) {
    throw new RuleViolationError(compulsoryErrors.dossierIncomplete, {
      field: 'documents',
      params: { missing: missing.join(', ') },
      legalRef: r.dossierCompiler.legalRef,
    });
  }
  const dossier = {
    compiledOn: input.on,
    compiledBy: input.actor,
    late: isAfter(input.on, c.dossierDueBy),
  };
  if (c.ageGroup === 'adult')
    return completeStep(c, 'compile-dossier', input.on, { dossier }, 'dossier-compiled');
  const familyReview = { opensOn: input.on, endsOn: r.familyReviewEndsOn(input.on).date };
  return completeStep(c, 'compile-dossier', input.on, { dossier, familyReview }, 'family-review');
}

function outOfOrder(
  field: string,
  date: LocalDate,
  after: string,
  afterDate: LocalDate,
  named = field,
): RuleViolationError {
  return new RuleViolationError(sharedErrors.dateOutOfOrder, {
    field,
    params: { field: named, date, before: after, beforeDate: afterDate },
  });
}

function requireMinor(c: CompulsoryPlacement, step: string): void {
  if (c.ageGroup === 'minor') return;
  throw new RuleViolationError(compulsoryErrors.minorRulesForAdult, {
    params: { step },
    legalRef: 'Law 73/2021/QH14 Art. 33, 34',
  });
}

/**
 * Records the child-rights opinion on a minor's dossier (Law 73/2021/QH14 Art. 34): while the
 * dossier is prepared or read by the family, since closing the review needs it.
 */
export function recordChildRightsOpinion(
  c: CompulsoryPlacement,
  on: LocalDate,
  rules: CompulsoryRules,
): CompulsoryPlacement {
  requireMinor(c, 'record-child-rights-opinion');
  beginStep(c, 'record-child-rights-opinion', on, rules);
  return completeStep(c, 'record-child-rights-opinion', on, { childRightsOpinionOn: on });
}

/**
 * Ends the family's reading of a minor's dossier: after the 3 working days, or earlier when
 * the family confirms it has read it; the child-rights opinion must be on file.
 */
export function closeFamilyReview(
  c: CompulsoryPlacement,
  input: { on: LocalDate; familyReadOn?: LocalDate },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  requireMinor(c, 'close-family-review');
  const r = beginStep(c, 'close-family-review', input.on, rules);
  const review = c.familyReview;
  if (!review)
    throw new RuleViolationError(compulsoryErrors.stepOutOfOrder, {
      params: { event: 'close-family-review', state: c.state },
    });
  const readOn = input.familyReadOn;
  if (readOn !== undefined && isBefore(readOn, review.opensOn))
    throw outOfOrder('familyReadOn', readOn, 'compile-dossier', review.opensOn);
  if (readOn !== undefined && isAfter(readOn, input.on))
    throw outOfOrder('familyReadOn', input.on, 'familyReadOn', readOn, 'on');
  if (input.familyReadOn === undefined && !isAfter(input.on, review.endsOn)) {
    throw new RuleViolationError(compulsoryErrors.familyReviewOpen, {
      params: { until: review.endsOn },
      legalRef: 'Law 73/2021/QH14 Art. 34',
    });
  }
  if (r.childRightsOpinionRequired && c.childRightsOpinionOn === undefined) {
    throw new RuleViolationError(compulsoryErrors.childRightsOpinionRequired, {
      legalRef: 'Law 73/2021/QH14 Art. 34',
    });
  }
  const closed = {
    ...review,
    closedOn: input.on,
    ...(input.familyReadOn === undefined ? {} : { familyReadOn: input.familyReadOn }),
  };
  return completeStep(c, 'close-family-review', input.on, { familyReview: closed });
}

/** The labour division's appraisal (LAW-2021); refused when the regime has no appraiser. */
export function appraiseDossier(
  c: CompulsoryPlacement,
  input: { on: LocalDate; actor: string },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'appraise', input.on, rules);
  if (!r.dossierAppraiser) {
    throw new RuleViolationError(compulsoryErrors.stepNotInRegime, {
      params: { regime: r.dossierCompiler.regime, step: 'appraise' },
      legalRef: r.dossierCompiler.legalRef,
    });
  }
  requireActor('appraise', input.actor, r.dossierAppraiser);
  return completeStep(c, 'appraise', input.on, { appraisal: { on: input.on, by: input.actor } });
}

/**
 * Sends the dossier to the court: by the appraiser after the appraisal when the regime has
 * one, otherwise straight by the compiler (Decree 02/2025: the commune police chief).
 */
export function submitToCourt(
  c: CompulsoryPlacement,
  input: { on: LocalDate; actor: string },
  rules: CompulsoryRules,
): CompulsoryPlacement {
  const r = beginStep(c, 'submit-to-court', input.on, rules);
  if (r.dossierAppraiser) {
    if (c.state !== 'appraised') {
      throw new RuleViolationError(compulsoryErrors.stepOutOfOrder, {
        params: { event: 'submit-to-court', state: c.state },
        legalRef: r.dossierAppraiser.legalRef,
      });
    }
    requireActor('submit-to-court', input.actor, r.dossierAppraiser);
  } else {
    requireActor('submit-to-court', input.actor, r.dossierCompiler);
  }
  return completeStep(c, 'submit-to-court', input.on, {
    submission: { on: input.on, by: input.actor },
  });
}
