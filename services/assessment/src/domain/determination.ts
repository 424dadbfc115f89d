// The determination request aggregate (yêu cầu xác định tình trạng nghiện) and its state
// machine. A request opens from a registry referral (mandatory cases, Law 73/2021/QH14
// Art. 27(1)) or the person's own voluntary request (Art. 27(2)), is assigned to a
// certified facility, gathers drug tests and criteria observations, and ends with a
// conclusion (conclusion.ts). Decisions documented here:
// - Observations may be dated before the request: the police dossier and the person's
//   account describe past months, and the 12-month lookback of diagnosis.ts decides
//   what counts. Tests are the facility's own, so they cannot precede the request.
// - Once concluded, no tests or observations are added: a correction supersedes the
//   conclusion on the same evidence; new evidence means a new request.
import { ConflictError, RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { requireCertifiedFacility, type CertifiedFacility } from './certification.ts';
import {
  requireCriterion,
  requireEvidenceSource,
  requireSubstanceClass,
  type SubstanceClass,
} from './criteria.ts';
import { assessmentErrors } from './errors.ts';
import type { Conclusion } from './conclusion.ts';
import type { AssignmentScope, FacilityAssignment } from './facility-assignment.ts';
import type { CriterionObservation } from './presence.ts';
import { validateTestInput, type DrugTest, type DrugTestInput } from './drug-test.ts';

export type DeterminationStatus = 'requested' | 'in-progress' | 'concluded';
export type DeterminationEvent = 'record-test' | 'record-observation' | 'conclude' | 'supersede';

/** The state machine as a table: from which states an event is legal, where it leads, why. */
export const determinationTransitions = {
  'record-test': {
    from: ['requested', 'in-progress'],
    to: 'in-progress',
    guard: 'sampled on or after the request date and not in the future',
    legalRef: 'Circular 18/2021/TT-BYT',
  },
  'record-observation': {
    from: ['requested', 'in-progress'],
    to: 'in-progress',
    guard: 'one of the six criteria, a known source and substance class, not in the future',
    legalRef: 'Circular 18/2021/TT-BYT',
  },
  conclude: {
    from: ['in-progress'],
    to: 'concluded',
    guard:
      'an assessor certified at the facility on the date; the result agrees with the criteria or carries a clinical override with reason',
    legalRef: 'Law 73/2021/QH14 Art. 27; Decree 109/2021/ND-CP; Circular 18/2021/TT-BYT',
  },
  supersede: {
    from: ['concluded'],
    to: 'concluded',
    guard: 'replaces the current conclusion, with a reason; the old one is kept',
    legalRef: 'Law 73/2021/QH14 Art. 27',
  },
} as const satisfies Record<
  DeterminationEvent,
  { from: readonly DeterminationStatus[]; to: DeterminationStatus; guard: string; legalRef: string }
>;

/** Why the request exists: a registry referral or the person's own request. */
export type DeterminationOrigin =
  | {
      kind: 'referral';
      referralId: string;
      reason: string;
      mandatory: boolean;
      referringUnitCode: string;
    }
  | { kind: 'voluntary' };

/** The person as known from the registry's events (a local projection). */
export interface PersonSummary {
  id: string;
  fullName: string;
  dateOfBirth: LocalDate;
}

export interface Observation extends CriterionObservation {
  id: string;
}

export interface Determination {
  id: string;
  personId: string;
  /** The facility assigned now; `facilityHistory` keeps every one, the first first. */
  facilityId: string;
  facilityHistory?: FacilityAssignment[];
  origin: DeterminationOrigin;
  requestedOn: LocalDate;
  status: DeterminationStatus;
  tests: DrugTest[];
  observations: Observation[];
  /** Every conclusion in order; the last is current, earlier ones are superseded. */
  conclusions: Conclusion[];
}

/** The status after `event`, or the stable error that says why it is not allowed. */
export function transition(
  status: DeterminationStatus,
  event: DeterminationEvent,
): DeterminationStatus {
  const rule = determinationTransitions[event];
  if ((rule.from as readonly DeterminationStatus[]).includes(status)) return rule.to;
  if (status === 'concluded' && event.startsWith('record-')) {
    throw new RuleViolationError(assessmentErrors.determinationClosed);
  }
  throw new RuleViolationError(sharedErrors.invalidTransition, {
    params: { event, subject: 'determination', state: status },
    legalRef: rule.legalRef,
  });
}

export interface OpenInput {
  id: string;
  personId: string;
  origin: DeterminationOrigin;
  requestedOn: LocalDate;
  /** How the facility was found: by the assignment rule's scope, or chosen by the person. */
  basis?: AssignmentScope | 'chosen';
}

/** Opens a request for a person known to the projection, at a facility certified that day. */
export function openDetermination(
  input: OpenInput,
  person: PersonSummary | undefined,
  facility: CertifiedFacility,
): Determination {
  if (!person || person.id !== input.personId) {
    throw new RuleViolationError(sharedErrors.personUnknown, {
      field: 'personId',
      params: { personId: input.personId },
    });
  }
  requireCertifiedFacility(facility, input.requestedOn);
  const { basis = 'chosen', ...fields } = input;
  return {
    ...fields,
    facilityId: facility.id,
    facilityHistory: [{ facilityId: facility.id, assignedOn: input.requestedOn, basis }],
    status: 'requested',
    tests: [],
    observations: [],
    conclusions: [],
  };
}

/** Records a drug test; the first test or observation starts the determination. */
export function recordTest(
  d: Determination,
  input: DrugTestInput,
  today: LocalDate,
): Determination {
  const status = transition(d.status, 'record-test');
  const test = validateTestInput(input, d.requestedOn, today);
  return { ...d, status, tests: [...d.tests, test] };
}

export interface ObservationInput {
  id: string;
  criterion: string;
  present: boolean;
  observedOn: LocalDate;
  source: string;
  substanceClass: string;
}

/** Records whether one criterion was present on a date, from which source, for which class. */
export function recordObservation(
  d: Determination,
  input: ObservationInput,
  today: LocalDate,
): Determination {
  const status = transition(d.status, 'record-observation');
  const substanceClass: SubstanceClass = requireSubstanceClass(input.substanceClass);
  const observation: Observation = {
    id: input.id,
    criterion: requireCriterion(input.criterion),
    present: input.present,
    observedOn: input.observedOn,
    source: requireEvidenceSource(input.source),
    substanceClass,
  };
  if (input.observedOn > today) {
    throw new RuleViolationError(assessmentErrors.observationInFuture, {
      field: 'observedOn',
      params: { date: input.observedOn },
    });
  }
  return { ...d, status, observations: [...d.observations, observation] };
}

/** Guards the conclude/supersede choice: a second conclusion must supersede the first. */
export function requireConclusionSlot(
  d: Determination,
  supersedes: { conclusionId: string; reason: string } | undefined,
): Conclusion | undefined {
  const current = d.conclusions.at(-1);
  if (!supersedes) {
    if (current) {
      throw new ConflictError(assessmentErrors.alreadyConcluded, {
        field: 'supersedes',
        params: { conclusionId: current.id },
      });
    }
    transition(d.status, 'conclude');
    return undefined;
  }
  if (!current) throw new RuleViolationError(assessmentErrors.nothingToSupersede);
  transition(d.status, 'supersede');
  if (!supersedes.reason.trim()) {
    throw new ConflictError(assessmentErrors.alreadyConcluded, {
      field: 'supersedes.reason',
      params: { conclusionId: current.id },
    });
  }
  if (supersedes.conclusionId !== current.id) {
    throw new ConflictError(assessmentErrors.supersedesNotCurrent, {
      field: 'supersedes.conclusionId',
      params: { current: current.id, conclusionId: supersedes.conclusionId },
    });
  }
  return current;
}
