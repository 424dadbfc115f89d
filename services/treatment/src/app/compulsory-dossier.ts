// The dossier up to the court (Law 73/2021/QH14 Art. 32, 34, 35; Decree 116/2021/ND-CP;
// Decree 02/2025/ND-CP): interim management, compilation, a minor's family review and
// child-rights opinion, the appraisal (LAW-2021 only) and the submission. Where the law
// names an office, the caller's office is passed to the domain, which refuses an office the
// case's regime does not name.
import type { LocalDate } from '@rehab/domain-kit';
import {
  appraiseDossier,
  closeFamilyReview,
  compileDossier,
  recordChildRightsOpinion,
  recordInterimManagement,
  submitToCourt,
  type DossierDocument,
} from '../domain/compulsory/index.ts';
import { officeOf } from './actors.ts';
import type { StepResult } from './case-steps.ts';
import { placementStep, requireNotFuture, type PlacementCall } from './compulsory.ts';
import type { TreatmentDeps } from './deps.ts';

type On = { on?: LocalDate | undefined };

export type InterimInput = On & { to?: LocalDate | undefined } & (
    { kind: 'family' } | { kind: 'facility'; facilityId: string }
  );

/** Management by the family or at a facility from `on` while the dossier is prepared. */
export function recordInterimUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: InterimInput,
): Promise<StepResult> {
  const from = input.on ?? deps.clock.today();
  requireNotFuture(deps, 'to', input.to);
  const interim =
    input.kind === 'facility'
      ? { kind: 'facility' as const, facilityId: input.facilityId, from, to: input.to }
      : { kind: 'family' as const, from, to: input.to };
  return placementStep(deps, call, 'record-interim-management', from, (p, rules) =>
    recordInterimManagement(p, interim, rules),
  );
}

/** Compilation by the caller's office, with the documents attached. */
export function compileDossierUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { documents: readonly DossierDocument[] },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  const actor = officeOf(call.principal);
  return placementStep(deps, call, 'compile-dossier', on, (p, rules) =>
    compileDossier(p, { on, actor, documents: input.documents }, rules),
  );
}

/** The child-rights opinion on a minor's dossier. */
export function childRightsOpinionUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  return placementStep(deps, call, 'record-child-rights-opinion', on, (p, rules) =>
    recordChildRightsOpinion(p, on, rules),
  );
}

/** The end of the family's reading: after the 3 working days, or once the family has read it. */
export function closeFamilyReviewUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { familyReadOn?: LocalDate | undefined },
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  requireNotFuture(deps, 'familyReadOn', input.familyReadOn);
  return placementStep(deps, call, 'close-family-review', on, (p, rules) =>
    closeFamilyReview(
      p,
      { on, ...(input.familyReadOn ? { familyReadOn: input.familyReadOn } : {}) },
      rules,
    ),
  );
}

/** The labour division's appraisal, by the caller's office. */
export function appraiseUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  const actor = officeOf(call.principal);
  return placementStep(deps, call, 'appraise', on, (p, rules) =>
    appraiseDossier(p, { on, actor }, rules),
  );
}

/** The dossier sent to the court, by the caller's office. */
export function submitToCourtUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = input.on ?? deps.clock.today();
  const actor = officeOf(call.principal);
  return placementStep(deps, call, 'submit-to-court', on, (p, rules) =>
    submitToCourt(p, { on, actor }, rules),
  );
}
