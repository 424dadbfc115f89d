// The conclusion of a determination (kết luận xác định tình trạng nghiện). The service
// computes the result from the observations (diagnosis.ts); the assessor may state a
// different result only as a documented clinical override with a reason. A conclusion is
// never changed: a correction is a new conclusion that supersedes the current one, with a
// reason, and both are kept. Decisions documented here:
// - An override reason given when the assessor agrees with the computed result is not
//   recorded as an override (there is nothing overridden).
// - The substance class is the computed one; the assessor's `substanceClass` is used
//   only when the result is "addicted" and the criteria name no class (an override to
//   "addicted"), and is then required.
// - A conclusion is dated from the request date (or the superseded conclusion's date)
//   to today.
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import type { AssessmentRules, RuleSource } from './assessment-rules.ts';
import {
  requireCertifiedAssessor,
  type CertifiedAssessor,
  type CertifiedFacility,
} from './certification.ts';
import { requireSubstanceClass, type Criterion, type SubstanceClass } from './criteria.ts';
import { requireConclusionSlot, type Determination } from './determination.ts';
import { diagnose, type DeterminationResult, type Diagnosis } from './diagnosis.ts';
import { assessmentErrors } from './errors.ts';

export interface Conclusion {
  id: string;
  concludedOn: LocalDate;
  assessorUserId: string;
  /** The result in force: the computed one, or the override's. */
  result: DeterminationResult;
  substanceClass?: SubstanceClass;
  criteriaMet: Criterion[];
  /** What the rule computed, kept even when overridden. */
  computed: Diagnosis;
  /** The rules (regime and legal reference) the diagnosis applied. */
  rules: RuleSource[];
  override?: { result: DeterminationResult; computedResult: DeterminationResult; reason: string };
  supersedes?: { conclusionId: string; reason: string };
}

export interface ConclusionInput {
  id: string;
  concludedOn: LocalDate;
  assessorUserId: string;
  /** The result the assessor states; defaults to the computed one. */
  result?: DeterminationResult | undefined;
  overrideReason?: string | undefined;
  substanceClass?: string | undefined;
  supersedes?: { conclusionId: string; reason: string } | undefined;
}

export interface ConclusionContext {
  /** The assessor acting (looked up by `assessorUserId`), if known. */
  assessor: CertifiedAssessor | undefined;
  /** The facility the determination is assigned to. */
  facility: CertifiedFacility;
  rules: AssessmentRules;
  today: LocalDate;
}

/** Concludes, or supersedes the current conclusion; returns the new state and record. */
export function conclude(
  d: Determination,
  input: ConclusionInput,
  ctx: ConclusionContext,
): { determination: Determination; conclusion: Conclusion } {
  const superseded = requireConclusionSlot(d, input.supersedes);
  if (ctx.facility.id !== d.facilityId) {
    throw new Error(`Facility ${ctx.facility.id} is not the one assigned to ${d.id}`);
  }
  const earliest = superseded?.concludedOn ?? d.requestedOn;
  if (input.concludedOn < earliest || input.concludedOn > ctx.today) {
    throw new RuleViolationError(assessmentErrors.conclusionDateInvalid, {
      field: 'concludedOn',
      params: { date: input.concludedOn, earliest, today: ctx.today },
    });
  }
  const assessor = ctx.assessor?.userId === input.assessorUserId ? ctx.assessor : undefined;
  requireCertifiedAssessor(assessor, ctx.facility, input.concludedOn);

  const thresholds = ctx.rules.diagnosisThresholds(input.concludedOn);
  const computed = diagnose(d.observations, input.concludedOn, thresholds);
  const result = input.result ?? computed.result;
  const reason = input.overrideReason?.trim();
  if (result !== computed.result && !reason) {
    throw new RuleViolationError(assessmentErrors.conclusionContradictsCriteria, {
      field: 'overrideReason',
      legalRef: 'Circular 18/2021/TT-BYT',
      params: { computed: computed.result, requested: result },
    });
  }
  const substanceClass = resultClass(result, computed, input.substanceClass);
  const conclusion: Conclusion = {
    id: input.id,
    concludedOn: input.concludedOn,
    assessorUserId: input.assessorUserId,
    result,
    ...(substanceClass ? { substanceClass } : {}),
    criteriaMet: computed.criteriaMet,
    computed,
    rules: thresholds.sources,
    ...(result !== computed.result && reason
      ? { override: { result, computedResult: computed.result, reason } }
      : {}),
    ...(input.supersedes
      ? {
          supersedes: {
            conclusionId: input.supersedes.conclusionId,
            reason: input.supersedes.reason.trim(),
          },
        }
      : {}),
  };
  return {
    determination: { ...d, status: 'concluded', conclusions: [...d.conclusions, conclusion] },
    conclusion,
  };
}

function resultClass(
  result: DeterminationResult,
  computed: Diagnosis,
  stated: string | undefined,
): SubstanceClass | undefined {
  if (result === 'not-addicted') return undefined;
  if (computed.substanceClass) return computed.substanceClass;
  if (stated === undefined) {
    throw new RuleViolationError(assessmentErrors.substanceClassRequired, {
      field: 'substanceClass',
    });
  }
  return requireSubstanceClass(stated);
}

/** The conclusion in force: the last one (earlier ones are superseded). */
export function currentConclusion(d: Determination): Conclusion | undefined {
  return d.conclusions.at(-1);
}

/** Every conclusion with whether it is current or superseded, oldest first. */
export function conclusionHistory(
  d: Determination,
): { conclusion: Conclusion; status: 'current' | 'superseded' }[] {
  const current = currentConclusion(d);
  return d.conclusions.map((conclusion) => ({
    conclusion,
    status: conclusion === current ? 'current' : 'superseded',
  }));
}
