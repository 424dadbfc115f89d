// The registration-deadline case (step 4 of docs/domain.md): an "addicted" result obliges the
// person, or the guardian of a 12-17 year old, to register voluntary rehab or methadone
// within 5 working days of notification (Decree 116/2021/ND-CP Art. 3, 28). Registering
// on or before the deadline closes the case; a daily sweep turns a case still awaiting
// registration after its deadline into `overdue` with a violation record, the basis for
// compulsory placement (Law 73/2021/QH14 Art. 32). The regime is that of the notification
// date. Also here: `dueItems`, what every kind of case owes next.
import {
  addDays,
  ageOn,
  InputError,
  isAfter,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import {
  caseRegime,
  requireNotBefore,
  requireTransition,
  type CaseBase,
  type DueItem,
  type Transition,
  type Violation,
} from './case-base.ts';
import { compulsoryDueItems, type CompulsoryCase } from './compulsory/compulsory-case.ts';
import { treatmentErrors } from './errors.ts';
import { postRehabDueItems, type PostRehabCase } from './post-rehab.ts';
import type { TreatmentRules } from './treatment-rules.ts';
import { voluntaryDueItems, type VoluntaryCase } from './voluntary-rehab.ts';

export type RegistrationState = 'awaiting-registration' | 'registered' | 'overdue';
export type RegistrationModality = 'voluntary-home' | 'voluntary-facility' | 'methadone';

const NOT_REGISTERED_REF = 'Law 73/2021/QH14 Art. 32; Decree 116/2021/ND-CP Art. 3, 28';

/** The registration state machine. */
export const registrationTransitions = {
  register: {
    from: ['awaiting-registration'],
    to: 'registered',
    guard: 'registered on or after notification and on or before the deadline',
    legalRef: 'Decree 116/2021/ND-CP Art. 3, 28',
  },
  'deadline-passed': {
    from: ['awaiting-registration'],
    to: 'overdue',
    guard: 'the deadline has passed with no registration; a violation record is made',
    legalRef: NOT_REGISTERED_REF,
  },
} as const satisfies Record<string, Transition<RegistrationState>>;

export interface RegistrationCase extends CaseBase<'awaiting-registration', RegistrationState> {
  determinationId: string;
  notifiedOn: LocalDate;
  registrationDeadline: LocalDate;
  /** Who must register: the person, or the guardian of a 12-17 year old; unknown if not given. */
  registrant: 'person' | 'guardian' | 'unknown';
  registration?: { on: LocalDate; modality: RegistrationModality };
  violation?: Violation;
}

/** The facts of an assessment result event that open a registration case. */
export interface AddictedResult {
  caseId: string;
  personId: string;
  unitCode: string;
  determinationId: string;
  result: 'addicted' | 'not-addicted';
  notifiedOn: LocalDate;
  /** As computed by the assessment service; computed here from the rules when absent. */
  registrationDeadline?: LocalDate;
  dateOfBirth?: LocalDate;
}

/** Opens the "awaiting registration" case for an addicted result. */
export function openRegistrationCase(
  result: AddictedResult,
  treatmentRules: TreatmentRules,
): RegistrationCase {
  if (result.result !== 'addicted') throw new InputError(treatmentErrors.notAddicted);
  const rules = treatmentRules.forCase(result.notifiedOn);
  let registrant: RegistrationCase['registrant'] = 'unknown';
  if (result.dateOfBirth) {
    const age = ageOn(result.dateOfBirth, result.notifiedOn);
    const minor = rules.minorAge();
    if (age < minor.min) {
      throw new RuleViolationError(sharedErrors.underMinimumAge, {
        legalRef: minor.legalRef,
        params: { age, minimum: minor.min },
      });
    }
    registrant = age <= minor.max ? 'guardian' : 'person';
  }
  let deadline = result.registrationDeadline;
  let legalRef: string | undefined;
  if (deadline === undefined) {
    if (!result.dateOfBirth) throw new InputError(treatmentErrors.deadlineUnknown);
    const computed = rules.registrationDeadline(result.notifiedOn);
    deadline = computed.date;
    legalRef = computed.legalRef;
  }
  requireNotBefore('registrationDeadline', deadline, 'notifiedOn', result.notifiedOn);
  return {
    id: result.caseId,
    personId: result.personId,
    unitCode: result.unitCode,
    kind: 'awaiting-registration',
    state: 'awaiting-registration',
    openedOn: result.notifiedOn,
    regime: caseRegime(rules),
    timeline: [
      {
        on: result.notifiedOn,
        event: 'addicted-result-notified',
        legalRef: legalRef ?? 'Decree 116/2021/ND-CP Art. 3, 28',
      },
    ],
    determinationId: result.determinationId,
    notifiedOn: result.notifiedOn,
    registrationDeadline: deadline,
    registrant,
  };
}

/** Closes the case with a registration made on or before the deadline. */
export function registerVoluntary(
  kase: RegistrationCase,
  registration: { on: LocalDate; modality: RegistrationModality },
): RegistrationCase {
  const transition = requireTransition(kase.kind, kase.state, 'register', registrationTransitions);
  requireNotBefore('on', registration.on, 'notifiedOn', kase.notifiedOn);
  if (isAfter(registration.on, kase.registrationDeadline)) {
    throw new RuleViolationError(treatmentErrors.registrationAfterDeadline, {
      field: 'on',
      legalRef: transition.legalRef,
      params: { date: registration.on, deadline: kase.registrationDeadline },
    });
  }
  return {
    ...kase,
    state: transition.to,
    registration,
    timeline: [
      ...kase.timeline,
      {
        on: registration.on,
        event: `registered-${registration.modality}`,
        legalRef: transition.legalRef,
      },
    ],
  };
}

/**
 * The daily sweep: a case still awaiting registration after its deadline becomes overdue
 * with a `not-registered` violation dated the day after the deadline. Other cases are
 * returned unchanged, so the sweep can run any number of times.
 */
export function sweepRegistrationDeadline(
  kase: RegistrationCase,
  today: LocalDate,
): RegistrationCase {
  if (kase.state !== 'awaiting-registration' || !isAfter(today, kase.registrationDeadline)) {
    return kase;
  }
  const transition = registrationTransitions['deadline-passed'];
  const violation: Violation = {
    kind: 'not-registered',
    on: addDays(kase.registrationDeadline, 1),
    legalRef: transition.legalRef,
  };
  return {
    ...kase,
    state: transition.to,
    violation,
    timeline: [
      ...kase.timeline,
      { on: violation.on, event: 'violation-not-registered', legalRef: violation.legalRef },
    ],
  };
}

/** Every kind of case the service holds. */
export type TreatmentCase = RegistrationCase | VoluntaryCase | PostRehabCase | CompulsoryCase;

/** What is due next on a case, by when, who must act, and whether it is overdue on `today`. */
export function dueItems(kase: TreatmentCase, today: LocalDate): DueItem[] {
  switch (kase.kind) {
    case 'awaiting-registration':
      return kase.state === 'awaiting-registration'
        ? [
            {
              what: 'register-voluntary-rehab-or-methadone',
              dueBy: kase.registrationDeadline,
              actor: kase.registrant === 'guardian' ? 'guardian' : 'person',
              overdue: isAfter(today, kase.registrationDeadline),
              legalRef: registrationTransitions.register.legalRef,
            },
          ]
        : [];
    case 'voluntary-home':
    case 'voluntary-facility':
      return voluntaryDueItems(kase, today);
    case 'post-rehab':
      return postRehabDueItems(kase, today);
    case 'compulsory':
      return compulsoryDueItems(kase, today);
  }
}
