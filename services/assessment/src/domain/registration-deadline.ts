// After an "addicted" result, the person (or, for a 12-17 year old, the guardian) must
// register voluntary rehab or methadone within 5 working days of being notified
// (Decree 116/2021/ND-CP Art. 3, 28). Under 12 there is no such duty: the law's rehab
// measures apply from 12 years of age (Law 73/2021/QH14 Art. 27-34 speak of persons
// "từ đủ 12 tuổi"), so no deadline is set and the result is only recorded. The age is
// taken on the notification date; bounds and days come from the rulebook.
import { ageOn, type LocalDate } from '@rehab/domain-kit';
import type { AssessmentRules, RuledDate } from './assessment-rules.ts';

export type RegistrationDuty =
  | { applies: false; reason: 'under-minimum-age'; age: number; minimumAge: number }
  | { applies: true; notify: 'person' | 'guardian'; age: number; deadline: RuledDate };

/** Who must register after an "addicted" result notified on `notifiedOn`, and by when. */
export function registrationDeadline(
  notifiedOn: LocalDate,
  dateOfBirth: LocalDate,
  rules: AssessmentRules,
): RegistrationDuty {
  const age = ageOn(dateOfBirth, notifiedOn);
  const minor = rules.minorAgeBounds(notifiedOn);
  if (age < minor.min) {
    return { applies: false, reason: 'under-minimum-age', age, minimumAge: minor.min };
  }
  return {
    applies: true,
    notify: age <= minor.max ? 'guardian' : 'person',
    age,
    deadline: rules.registrationDeadline(notifiedOn),
  };
}
