import {
  errorCode,
  NotFoundError,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import { eventsFrom } from '@rehab/events';
import type {
  PersonProjection,
  Principal,
  ProjectedPerson,
  UnitDirectory,
} from '@rehab/service-kit';
import type { VocationalRules } from '../domain/index.ts';
import type {
  CourseRepository,
  EmployerLoanRepository,
  EnrolmentRepository,
  LoanListRepository,
  LoanRepository,
  PlacementRepository,
  SupportFileRepository,
} from './ports.ts';

export const appErrors = {
  courseNotFound: errorCode('course-not-found', 'No course {id}', 'Không có khóa học {id}'),
  enrolmentNotFound: errorCode(
    'enrolment-not-found',
    'No enrolment {id} in course {courseId}',
    'Không có việc ghi danh {id} trong khóa học {courseId}',
  ),
  placementNotFound: errorCode(
    'placement-not-found',
    'No job placement {id}',
    'Không có việc làm {id}',
  ),
  loanListNotFound: errorCode(
    'loan-list-not-found',
    'No loan list {id}',
    'Không có danh sách vay vốn {id}',
  ),
  loanNotFound: errorCode('loan-not-found', 'No loan {id}', 'Không có khoản vay {id}'),
  supportFileNotFound: errorCode(
    'support-file-not-found',
    'No support file for person {id}',
    'Không có hồ sơ hỗ trợ của người {id}',
  ),
} as const;

/** Everything the vocational use cases depend on; service.ts wires the real ones. */
export interface VocationalDeps {
  files: SupportFileRepository;
  courses: CourseRepository;
  enrolments: EnrolmentRepository;
  placements: PlacementRepository;
  loanLists: LoanListRepository;
  loans: LoanRepository;
  employerLoans: EmployerLoanRepository;
  persons: PersonProjection;
  rules: VocationalRules;
  units: UnitDirectory;
  clock: { now(): Date; today(): LocalDate };
  newId(): string;
}

/** Throws 403 unless the caller may act in the unit. */
export type JurisdictionGuard = (unitCode: string) => void;

/** The actor recorded on events: a person, or the service itself for event-driven work. */
export type Actor = Pick<Principal, 'agency' | 'orgUnit' | 'sub'>;

/** Builds this service's events, validated against their schemas. */
export const vocationalEvent = eventsFrom('vocational');

/** A person known from the registry's events, in the caller's jurisdiction; 422 otherwise. */
export async function knownPerson(
  deps: VocationalDeps,
  personId: string,
  guard: JurisdictionGuard,
  field = 'personId',
): Promise<ProjectedPerson> {
  const person = await deps.persons.get(personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, { field, params: { personId } });
  }
  guard(person.residenceUnitCode);
  return person;
}

/** 404 with the given code unless the record exists. */
export function found<T>(
  record: T | undefined,
  code: (typeof appErrors)[keyof typeof appErrors],
  params: Record<string, string>,
): T {
  if (!record) throw new NotFoundError(code, { params });
  return record;
}
