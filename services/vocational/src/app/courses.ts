// Vocational training: courses and enrolments. A course's places are held one claim per
// place (an insert against a unique key, the one atomic write on the stand-in), so
// concurrent enrolments never exceed the capacity; a person holds one enrolment per course,
// so a resent enrolment returns the first.
import {
  ConflictError,
  isBefore,
  NotFoundError,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import { supportGiven } from '@rehab/events';
import {
  recordOutcome,
  requireOpenForEnrolment,
  vocationalErrors,
  type Course,
  type Enrolment,
} from '../domain/index.ts';
import {
  appErrors,
  found,
  knownPerson,
  vocationalEvent,
  type Actor,
  type JurisdictionGuard,
  type VocationalDeps,
} from './deps.ts';
import type { Stored } from './ports.ts';
import { markSupported } from './support-files.ts';

export async function createCourseUseCase(
  deps: VocationalDeps,
  guard: JurisdictionGuard,
  input: Omit<Course, 'id'>,
): Promise<Stored<Course>> {
  guard(input.unitCode);
  if (isBefore(input.endsOn, input.startsOn)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'endsOn',
      params: {
        field: 'endsOn',
        date: input.endsOn,
        before: 'startsOn',
        beforeDate: input.startsOn,
      },
    });
  }
  const course = { ...input, id: deps.newId(), version: 1 };
  await deps.courses.insert(course, []);
  return course;
}

export async function loadCourse(
  deps: VocationalDeps,
  id: string,
  guard: JurisdictionGuard,
): Promise<Stored<Course>> {
  const course = found(await deps.courses.get(id), appErrors.courseNotFound, { id });
  guard(course.unitCode);
  return course;
}

function trainingEvent(enrolment: Enrolment, course: Course, actor: Actor, on: LocalDate) {
  return vocationalEvent(supportGiven, enrolment.personId, actor, {
    supportId: enrolment.id,
    personId: enrolment.personId,
    kind: 'training',
    on,
    unitCode: enrolment.unitCode,
    status: enrolment.status,
    provider: course.provider,
  });
}

/** Enrols a person in a course: one place per enrolment, never more than the capacity. */
export async function enrolUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: { courseId: string; personId: string },
): Promise<{ enrolment: Stored<Enrolment>; created: boolean }> {
  const course = await loadCourse(deps, input.courseId, guard);
  const person = await knownPerson(deps, input.personId, () => undefined);
  const today = deps.clock.today();
  requireOpenForEnrolment(course, today);
  const enrolmentId = await deps.enrolments.claimPerson(course.id, person.id, deps.newId());
  const support = (enrolment: Enrolment) =>
    markSupported(deps, person.id, person.residenceUnitCode, {
      id: enrolment.id,
      kind: 'training',
      on: enrolment.enrolledOn,
    });
  // A resend finds the first enrolment; marking its support again repairs a file an
  // interrupted first attempt left unmarked, and changes nothing otherwise.
  const resent = async (existing: Stored<Enrolment>) => {
    await support(existing);
    return { enrolment: existing, created: false };
  };
  const existing = await deps.enrolments.get(enrolmentId);
  if (existing) return resent(existing);
  // A concurrent resend holds the same id, hence the same place: one insert wins.
  const seat = await deps.enrolments.takeSeat(course.id, course.capacity, enrolmentId);
  if (seat === undefined) {
    await deps.enrolments.releasePerson(course.id, person.id, enrolmentId);
    throw new ConflictError(vocationalErrors.courseFull, {
      params: { courseId: course.id, capacity: course.capacity },
    });
  }
  const enrolment: Stored<Enrolment> = {
    id: enrolmentId,
    courseId: course.id,
    personId: person.id,
    unitCode: person.residenceUnitCode,
    seat,
    enrolledOn: today,
    status: 'enrolled',
    version: 1,
  };
  const inserted = await deps.enrolments.insertOnce(enrolment, [
    trainingEvent(enrolment, course, actor, today),
  ]);
  if (!inserted) {
    const first = await deps.enrolments.get(enrolmentId);
    if (first) return resent(first);
  }
  await support(enrolment);
  return { enrolment, created: true };
}

/** Records the outcome of an enrolment once: completed (with a certificate) or dropped. */
export async function enrolmentOutcomeUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: {
    courseId: string;
    enrolmentId: string;
    status: 'completed' | 'dropped';
    certificate?: string | undefined;
    expectedVersion?: number | undefined;
  },
): Promise<Stored<Enrolment>> {
  const course = await loadCourse(deps, input.courseId, guard);
  const on = deps.clock.today();
  const notFound = () => {
    throw new NotFoundError(appErrors.enrolmentNotFound, {
      params: { id: input.enrolmentId, courseId: course.id },
    });
  };
  const { aggregate } = await deps.enrolments.change(
    input.enrolmentId,
    (current) => {
      const next = {
        ...recordOutcome(current, { status: input.status, on, certificate: input.certificate }),
        version: current.version,
      };
      return { next, events: [trainingEvent(next, course, actor, on)], result: undefined };
    },
    {
      check: (current) => {
        if (current.courseId !== course.id) notFound();
      },
      expectedVersion: input.expectedVersion,
    },
  );
  return aggregate;
}
