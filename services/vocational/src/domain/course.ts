// Vocational training courses and enrolments. A course has a fixed number of places; who
// holds which place is the store's concern (one claim per place, so concurrent enrolments
// never exceed it). An enrolment ends once: completed (with a certificate) or dropped.
import { isAfter, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { vocationalErrors } from './errors.ts';

export interface Course {
  id: string;
  name: string;
  provider: string;
  unitCode: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  capacity: number;
}

export const enrolmentStatuses = ['enrolled', 'completed', 'dropped'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export interface Enrolment {
  id: string;
  courseId: string;
  personId: string;
  unitCode: string;
  /** The place (1..capacity) the enrolment holds. */
  seat: number;
  enrolledOn: LocalDate;
  status: EnrolmentStatus;
  outcome?: { on: LocalDate; certificate?: string };
}

/** Refuses an enrolment in a course that has ended. */
export function requireOpenForEnrolment(course: Course, on: LocalDate): void {
  if (isAfter(on, course.endsOn)) {
    throw new RuleViolationError(vocationalErrors.courseEnded, {
      params: { courseId: course.id, endsOn: course.endsOn },
    });
  }
}

/** Records the outcome of an enrolment, once. */
export function recordOutcome(
  enrolment: Enrolment,
  outcome: { status: 'completed' | 'dropped'; on: LocalDate; certificate?: string | undefined },
): Enrolment {
  if (enrolment.status !== 'enrolled') {
    throw new RuleViolationError(vocationalErrors.enrolmentClosed, {
      params: { enrolmentId: enrolment.id, status: enrolment.status },
    });
  }
  return {
    ...enrolment,
    status: outcome.status,
    outcome: {
      on: outcome.on,
      ...(outcome.certificate ? { certificate: outcome.certificate } : {}),
    },
  };
}
