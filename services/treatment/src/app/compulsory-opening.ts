// How a compulsory case comes to be: a violation recorded on another case (registration
// deadline missed, voluntary rehab quit or not carried out, use during it, relapse during
// post-rehab management) is the violation record that opens it (Law 73/2021 Art. 32-33).
// The step that records the violation opens it as a follow-on case, once per violation.
import { RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import {
  asCompulsoryCase,
  openPlacement,
  type CompulsoryCase,
  type Trigger,
} from '../domain/compulsory/index.ts';
import { type TreatmentDeps } from './deps.ts';

export interface ViolationFacts {
  personId: string;
  unitCode: string;
  trigger: Trigger;
  /** The violation record (biên bản) the dossier starts from. */
  violationRecordId: string;
  on: LocalDate;
}

/**
 * A builder of the compulsory case for a violation, with the facts it needs fetched first:
 * the birth date (the age group is the age on the violation date) and whether the person
 * was placed before (a repeat placement has other terms).
 */
export async function compulsoryCaseFor(
  deps: TreatmentDeps,
  violation: ViolationFacts,
): Promise<(id: string) => CompulsoryCase> {
  const person = await deps.persons.get(violation.personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, {
      params: { personId: violation.personId },
    });
  }
  const earlier = await deps.cases.byPerson(violation.personId);
  const placedBefore = earlier.some(
    (kase) => kase.kind === 'compulsory' && kase.placement.admission !== undefined,
  );
  return (id) =>
    asCompulsoryCase(
      openPlacement(
        {
          id,
          personId: violation.personId,
          unitCode: violation.unitCode,
          dateOfBirth: person.dateOfBirth,
          trigger: violation.trigger,
          violationRecordId: violation.violationRecordId,
          violationOn: violation.on,
          ordinal: placedBefore ? 'repeat' : 'first',
        },
        deps.compulsoryRules,
      ),
      deps.compulsoryRules,
    );
}
