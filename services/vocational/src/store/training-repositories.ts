// Courses and enrolments on the persistence kit. A course's places are claims, one per place
// number (`<courseId>|<seat>`): taking a place is an insert against its unique key, the one
// write that is atomic on the stand-in, so no number of concurrent enrolments can hold more
// places than the course has. A person's enrolment in a course is a claim too.
import type { Persistence } from '@rehab/persistence';
import { isDuplicateKey } from '@rehab/service-kit';
import { appErrors } from '../app/deps.ts';
import type { CourseRepository, EnrolmentRepository } from '../app/ports.ts';
import type { Course, Enrolment } from '../domain/index.ts';
import { aggregatesOn } from './aggregates.ts';

export function courseRepository(persistence: Persistence): CourseRepository {
  const courses = aggregatesOn<Course>(persistence, {
    collection: 'courses',
    notFound: appErrors.courseNotFound,
    keyNames: ['courseUnit'],
    keys: (course) => ({ courseUnit: course.unitCode }),
  });
  return {
    get: courses.get,
    insert: courses.insert,
    change: courses.change,
    inUnit: (unitCode) => courses.store.findBy({ courseUnit: unitCode }),
  };
}

export function enrolmentRepository(persistence: Persistence): EnrolmentRepository {
  const enrolments = aggregatesOn<Enrolment>(persistence, {
    collection: 'enrolments',
    notFound: appErrors.enrolmentNotFound,
    keyNames: ['courseKey'],
    keys: (enrolment) => ({ courseKey: enrolment.courseId }),
  });
  const seats = persistence.claims('courseSeats');
  const persons = persistence.claims('courseEnrolees');
  // A place whose enrolment never came to exist (its process died in between) is free again.
  const isOrphan = async (enrolmentId: string) => !(await enrolments.store.exists(enrolmentId));
  return {
    get: enrolments.get,
    insert: enrolments.insert,
    change: enrolments.change,
    async claimPerson(courseId, personId, enrolmentId) {
      return (await persons.claim(`${courseId}|${personId}`, enrolmentId)).holder;
    },
    releasePerson: (courseId, personId, enrolmentId) =>
      persons.release(`${courseId}|${personId}`, enrolmentId),
    async takeSeat(courseId, capacity, enrolmentId) {
      for (let seat = 1; seat <= capacity; seat++) {
        const claim = await seats.claim(`${courseId}|${seat}`, enrolmentId, { isOrphan });
        if (claim.claimed) return seat;
      }
      return undefined;
    },
    byCourse: (courseId) => enrolments.store.findBy({ courseKey: courseId }),
    async insertOnce(enrolment, events) {
      try {
        await enrolments.insert(enrolment, events);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
}
