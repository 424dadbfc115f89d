import { describe, expect, it } from 'vitest';
import { recordOutcome, requireOpenForEnrolment, type Course, type Enrolment } from './course.ts';
import { expectDomainError } from './test-support.ts';

const course: Course = {
  id: 'c-1',
  name: 'May công nghiệp',
  provider: 'Trường Trung cấp nghề',
  unitCode: '99003',
  startsOn: '2026-07-01',
  endsOn: '2026-09-30',
  capacity: 20,
};
const enrolment: Enrolment = {
  id: 'e-1',
  courseId: 'c-1',
  personId: 'p-1',
  unitCode: '99003',
  seat: 1,
  enrolledOn: '2026-06-20',
  status: 'enrolled',
};

describe('vocational training', () => {
  it('takes enrolments until the course ends, not after', () => {
    expect(() => requireOpenForEnrolment(course, '2026-09-30')).not.toThrow();
    expectDomainError(() => requireOpenForEnrolment(course, '2026-10-01'), 'course-ended');
  });

  it('records a completion with its certificate, then refuses another outcome', () => {
    const done = recordOutcome(enrolment, {
      status: 'completed',
      on: '2026-09-30',
      certificate: 'CC-01',
    });
    expect(done).toMatchObject({
      status: 'completed',
      outcome: { on: '2026-09-30', certificate: 'CC-01' },
    });
    expectDomainError(
      () => recordOutcome(done, { status: 'dropped', on: '2026-10-01' }),
      'enrolment-outcome-recorded',
    );
  });
});
