// Enrolment (Decree 90/2016, kept by Decree 141/2024 [unconfirmed]): voluntary, under 16
// with the guardian's written consent; a written decision, refusals reasoned, within the
// rulebook's working days of a complete file.
import { ageOn, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { methadoneErrors } from './errors.ts';
import type { MethadoneRules, RuledDate } from './methadone-rules.ts';
import { assertTransition, type GuardianConsent, type Patient } from './patient.ts';

/** The application as the use case passes it, with the applicant's birth date. */
export interface Application {
  applicationDate: LocalDate;
  dateOfBirth: LocalDate;
  guardianConsent?: GuardianConsent | undefined;
}

/** Checks the guardian's consent rule; returns the decision deadline. */
export function acceptApplication(rules: MethadoneRules, application: Application): RuledDate {
  const minimum = rules.guardianConsentUnderAge(application.applicationDate);
  const age = ageOn(application.dateOfBirth, application.applicationDate);
  if (age < minimum.value && !application.guardianConsent) {
    throw new RuleViolationError(methadoneErrors.guardianConsentRequired, {
      field: 'guardianConsent',
      params: { age, minimum: minimum.value },
      legalRef: minimum.legalRef,
    });
  }
  return rules.intakeDeadline(application.applicationDate);
}

/** The intake decision of the clinic director. */
export interface IntakeDecision {
  decision: 'admitted' | 'refused';
  decidedOn: LocalDate;
  decidedBy: string;
  reason?: string | undefined;
  /** An ICD-10 code recorded by the clinic's prescriber. */
  diagnosisCode?: string | undefined;
  /** Whether the service has received an opioid addiction result for the person. */
  opioidResultReceived: boolean;
}

const OPIOID_DEPENDENCE = /^F11(\.\d{1,2})?$/;

/** Admits on an opioid result or an F11 diagnosis, or refuses with a reason. */
export function decideIntake(patient: Patient, input: IntakeDecision): Patient {
  assertTransition(patient, 'decide-intake');
  const { decision, decidedOn, decidedBy } = input;
  if (decision === 'refused') {
    if (!input.reason?.trim()) {
      throw new RuleViolationError(methadoneErrors.refusalReasonRequired, { field: 'reason' });
    }
    return {
      ...patient,
      status: 'refused',
      intake: { decision, decidedOn, decidedBy, reason: input.reason },
      ended: { on: decidedOn, outcome: 'discharged' },
    };
  }
  if (input.diagnosisCode !== undefined && !OPIOID_DEPENDENCE.test(input.diagnosisCode)) {
    throw new RuleViolationError(methadoneErrors.diagnosisNotOpioid, {
      field: 'diagnosis.code',
      params: { code: input.diagnosisCode },
    });
  }
  const basis = input.opioidResultReceived
    ? 'assessment-result'
    : input.diagnosisCode
      ? 'diagnosis'
      : undefined;
  if (!basis) {
    throw new RuleViolationError(methadoneErrors.admissionBasisMissing, { field: 'diagnosis' });
  }
  return {
    ...patient,
    status: 'admitted',
    intake: {
      decision,
      decidedOn,
      decidedBy,
      basis,
      ...(input.diagnosisCode ? { diagnosisCode: input.diagnosisCode } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    },
  };
}
