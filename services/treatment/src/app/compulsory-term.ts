// The term at the facility (Decree 116/2021/ND-CP Art. 58): absconding and return, the
// 3-monthly review and reductions, hospital suspension, the release notice and the release,
// which opens post-rehab management where the person lives (Law 73/2021/QH14 Art. 40).
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import {
  abscond,
  excuseRemainder,
  notifyRelease,
  recordReview,
  reduceTerm,
  release,
  resumeAfterHospital,
  returnToFacility,
  suspendForHospital,
  type CompulsoryPlacement,
} from '../domain/compulsory/index.ts';
import { openPostRehabCase, type TreatmentCase } from '../domain/index.ts';
import { officeOf } from './actors.ts';
import type { StepResult } from './case-steps.ts';
import { type AbsenceInput } from './compulsory-court.ts';
import { placementStep, requireNotFuture, type PlacementCall } from './compulsory.ts';
import { type TreatmentDeps } from './deps.ts';

type On = { on?: LocalDate | undefined };
const dayOf = (deps: TreatmentDeps, input: On) => input.on ?? deps.clock.today();

/** Absconding from the facility; the caller's office (the director) issues the search decision. */
export function abscondUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: AbsenceInput,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  requireNotFuture(deps, 'searchDecisionOn', input.searchDecisionOn);
  const search = {
    on,
    searchDecisionBy: officeOf(call.principal),
    searchDecisionOn: input.searchDecisionOn ?? on,
  };
  return placementStep(deps, call, 'abscond', on, (p, rules) => abscond(p, search, rules));
}

/** Back at the facility; the days away move the end of the term. */
export function returnUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'return', on, (p, rules) => returnToFacility(p, on, rules));
}

/** The director's review of `on`, its list posted and then sent to the court. */
export function recordReviewUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { postedOn: LocalDate; sentToCourtOn: LocalDate },
): Promise<StepResult> {
  const reviewedOn = dayOf(deps, input);
  requireNotFuture(deps, 'postedOn', input.postedOn);
  requireNotFuture(deps, 'sentToCourtOn', input.sentToCourtOn);
  const review = {
    id: deps.newId(),
    reviewedOn,
    postedOn: input.postedOn,
    sentToCourtOn: input.sentToCourtOn,
  };
  return placementStep(deps, call, 'record-review', reviewedOn, (p, rules) =>
    recordReview(p, review, rules),
  );
}

/** A reduction of the term through a review on the record. */
export function reduceTermUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { reviewId: string; months: number; meritRecord: boolean; monthsRatedGood: number },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'reduce-term', on, (p, rules) =>
    reduceTerm(p, { ...input, on }, rules),
  );
}

/** Suspension for a hospital stay expected to last over 10 days. */
export function suspendForHospitalUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { hospital: string; expectedDays: number },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'suspend-for-hospital', on, (p, rules) =>
    suspendForHospital(
      p,
      { on, hospital: input.hospital, expectedDays: input.expectedDays },
      rules,
    ),
  );
}

/** Back from hospital with at least 3 months of the term left. */
export function resumeUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'resume', on, (p, rules) => resumeAfterHospital(p, on, rules));
}

/** The post-rehab case of a person whose compulsory rehab ended on `on`. */
async function postRehabAfter(
  deps: TreatmentDeps,
  p: CompulsoryPlacement,
  on: LocalDate,
  certificateId: string | undefined,
): Promise<(id: string) => TreatmentCase> {
  const person = await deps.persons.get(p.personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, { params: { personId: p.personId } });
  }
  // Post-rehab management is decided where the person lives now (Art. 40), which may not be
  // the commune that made the dossier; a minor's placement keeps its shorter aftercare.
  return (id) =>
    openPostRehabCase(
      {
        caseId: id,
        personId: p.personId,
        unitCode: person.residenceUnitCode,
        origin: p.ageGroup === 'minor' ? 'compulsory-minor' : 'compulsory-adult',
        rehabEndedOn: on,
        dateOfBirth: person.dateOfBirth,
        sourceReference: certificateId ?? `compulsory:${p.id}`,
      },
      deps.rules,
    );
}

/** The remainder excused after a hospital stay: the placement ends, aftercare follows. */
export function excuseRemainderUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'excuse-remainder', on, async (p, rules) => ({
    next: excuseRemainder(p, on, rules),
    follow: await postRehabAfter(deps, p, on, undefined),
  }));
}

/** The release notice to the court, the commune and the family (15 days ahead). */
export function notifyReleaseUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'notify-release', on, (p, rules) => notifyRelease(p, on, rules));
}

/**
 * The release at the end of the term with the release certificate (form 46; a minor is
 * handed over with form 47): the facility's number, or one issued here. Post-rehab
 * management opens as the follow-on case.
 */
export function releaseUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { certificateNumber?: string | undefined },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  const certificateId = input.certificateNumber ?? deps.newId();
  return placementStep(deps, call, 'release', on, async (p, rules) => ({
    next: release(p, { on, certificateId }, rules),
    certificateId,
    follow: await postRehabAfter(deps, p, on, certificateId),
  }));
}
