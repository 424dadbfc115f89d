// From the court to admission (Law 73/2021/QH14 Art. 32-34; Decree 116/2021/ND-CP;
// Ordinance 09/2022/UBTVQH15): the decision or refusal by the court the regime names,
// deferral and admission by the facility, postponement and exemption, and absconding before
// admission with the search decision of the police office the regime names (form 41).
import type { LocalDate } from '@rehab/domain-kit';
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
} from '../domain/compulsory/index.ts';
import { officeOf } from './actors.ts';
import type { StepResult } from './case-steps.ts';
import { placementStep, requireNotFuture, type PlacementCall } from './compulsory.ts';
import type { TreatmentDeps } from './deps.ts';

type On = { on?: LocalDate | undefined };
const dayOf = (deps: TreatmentDeps, input: On) => input.on ?? deps.clock.today();

/** The court's decision with the term, by the caller's court. */
export function courtDecideUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { termMonths: number },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  const actor = officeOf(call.principal);
  return placementStep(deps, call, 'court-decide', on, (p, rules) =>
    decideByCourt(p, { on, actor, termMonths: input.termMonths }, rules),
  );
}

/** The court's refusal, which ends the case. */
export function courtRefuseUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  const actor = officeOf(call.principal);
  return placementStep(deps, call, 'court-refuse', on, (p, rules) =>
    refuseByCourt(p, { on, actor }, rules),
  );
}

/** Admission deferred while the facility is full, until a date at most 3 months on. */
export function deferAdmissionUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { until: LocalDate },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'defer-admission', on, (p, rules) =>
    deferAdmission(p, { on, until: input.until }, rules),
  );
}

/** Admission to the public facility (handover record, form 40). */
export function admitUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { facilityId: string },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'admit', on, (p, rules) =>
    admit(p, { on, facilityId: input.facilityId }, rules),
  );
}

/** Postponement for serious illness or family hardship. */
export function postponeUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { ground: 'serious-illness' | 'family-hardship' },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'postpone', on, (p, rules) =>
    postpone(p, { on, ground: input.ground }, rules),
  );
}

/** The end of a postponement: admission is due again. */
export function endPostponementUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'end-postponement', on, (p, rules) =>
    endPostponement(p, on, rules),
  );
}

/** Exemption: voluntary rehab completed while postponed, or pregnancy. */
export function exemptUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On & { ground: 'voluntary-rehab-completed' | 'pregnancy' },
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'exempt', on, (p, rules) =>
    exempt(p, { on, ground: input.ground }, rules),
  );
}

export type AbsenceInput = On & { searchDecisionOn?: LocalDate | undefined };

/** Absconding before admission; the caller's office issues the search decision. */
export function abscondBeforeAdmissionUseCase(
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
  return placementStep(deps, call, 'abscond-before-admission', on, (p, rules) =>
    abscondBeforeAdmission(p, search, rules),
  );
}

/** Found or back before admission: a fresh admission deadline runs. */
export function returnBeforeAdmissionUseCase(
  deps: TreatmentDeps,
  call: PlacementCall,
  input: On,
): Promise<StepResult> {
  const on = dayOf(deps, input);
  return placementStep(deps, call, 'return-before-admission', on, (p, rules) =>
    returnBeforeAdmission(p, on, rules),
  );
}
