// What the result form of a determination carries (Circular 18/2021/TT-BYT): the person,
// the facility and the assessor, the dates, the criteria met, the result and the
// substance class. Clinical detail for health staff; the police see only the result,
// class and dates through the registry's projection, not this document.
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import type { CertifiedAssessor, CertifiedFacility } from './certification.ts';
import { currentConclusion, type Conclusion } from './conclusion.ts';
import { criteria, substanceClasses, type Criterion, type SubstanceClass } from './criteria.ts';
import type { DeterminationResult } from './diagnosis.ts';
import type { Determination, DeterminationOrigin, PersonSummary } from './determination.ts';
import type { SampleType } from './drug-test.ts';
import { assessmentErrors } from './errors.ts';

const resultNames = {
  addicted: { en: 'Addicted', vi: 'Nghiện ma túy' },
  'not-addicted': { en: 'Not addicted', vi: 'Không nghiện ma túy' },
} as const;

export interface ResultDocument {
  determinationId: string;
  conclusionId: string;
  person: PersonSummary;
  facility: Pick<CertifiedFacility, 'id' | 'name' | 'unitCode'>;
  assessor: Pick<CertifiedAssessor, 'userId' | 'fullName' | 'certifiedFrom' | 'certifiedTo'>;
  origin: DeterminationOrigin;
  requestedOn: LocalDate;
  concludedOn: LocalDate;
  tests: { sampledAt: LocalDate; sample: SampleType; positive: SubstanceClass[] }[];
  criteriaMet: { criterion: Criterion; en: string; vi: string }[];
  result: { code: DeterminationResult; en: string; vi: string };
  substanceClass?: { code: SubstanceClass; en: string; vi: string };
  explanation: { en: string; vi: string };
  override?: Conclusion['override'];
  supersedes?: Conclusion['supersedes'];
  legalRefs: string[];
}

/** The result form of the current conclusion; refuses a determination not yet concluded. */
export function resultDocument(
  d: Determination,
  person: PersonSummary,
  facility: CertifiedFacility,
  assessor: CertifiedAssessor,
): ResultDocument {
  const conclusion = currentConclusion(d);
  if (!conclusion) throw new RuleViolationError(assessmentErrors.notConcluded);
  if (
    person.id !== d.personId ||
    facility.id !== d.facilityId ||
    assessor.userId !== conclusion.assessorUserId
  ) {
    throw new Error(`resultDocument: person, facility or assessor do not belong to ${d.id}`);
  }
  const cls = conclusion.substanceClass;
  return {
    determinationId: d.id,
    conclusionId: conclusion.id,
    person: { id: person.id, fullName: person.fullName, dateOfBirth: person.dateOfBirth },
    facility: { id: facility.id, name: facility.name, unitCode: facility.unitCode },
    assessor: {
      userId: assessor.userId,
      fullName: assessor.fullName,
      certifiedFrom: assessor.certifiedFrom,
      certifiedTo: assessor.certifiedTo,
    },
    origin: d.origin,
    requestedOn: d.requestedOn,
    concludedOn: conclusion.concludedOn,
    tests: d.tests.map((t) => ({
      sampledAt: t.sampledAt,
      sample: t.sample,
      positive: t.results.filter((r) => r.positive).map((r) => r.substanceClass),
    })),
    criteriaMet: conclusion.criteriaMet.map((c) => ({ criterion: c, ...criteria[c] })),
    result: { code: conclusion.result, ...resultNames[conclusion.result] },
    ...(cls ? { substanceClass: { code: cls, ...substanceClasses[cls] } } : {}),
    explanation: conclusion.computed.explanation,
    ...(conclusion.override ? { override: conclusion.override } : {}),
    ...(conclusion.supersedes ? { supersedes: conclusion.supersedes } : {}),
    legalRefs: [...new Set(conclusion.rules.map((r) => r.legalRef))],
  };
}
