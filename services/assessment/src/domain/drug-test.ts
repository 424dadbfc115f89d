// Drug tests taken by the facility for a determination: urine or blood, with a result
// per substance class tested.
import { InputError, RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import { requireSubstanceClass, type SubstanceClass } from './criteria.ts';
import { assessmentErrors } from './errors.ts';

export const SAMPLE_TYPES = ['urine', 'blood'] as const;
export type SampleType = (typeof SAMPLE_TYPES)[number];

export interface TestResult {
  substanceClass: SubstanceClass;
  positive: boolean;
}

export interface DrugTest {
  id: string;
  /** Day the sample was taken (the HTTP layer turns an instant into the Vietnam date). */
  sampledAt: LocalDate;
  sample: SampleType;
  results: TestResult[];
}

export interface DrugTestInput {
  id: string;
  sampledAt: LocalDate;
  sample: string;
  results: readonly { substanceClass: string; positive: boolean }[];
}

/** Validates a test: known sample and classes, each class once, sampled from the request to today. */
export function validateTestInput(
  input: DrugTestInput,
  requestedOn: LocalDate,
  today: LocalDate,
): DrugTest {
  const sample = SAMPLE_TYPES.find((s) => s === input.sample);
  if (!sample) {
    throw new InputError(assessmentErrors.unknownSample, {
      field: 'sample',
      params: { value: input.sample },
    });
  }
  const results = input.results.map((r, i) => ({
    substanceClass: requireSubstanceClass(r.substanceClass, `results[${i}].substanceClass`),
    positive: r.positive,
  }));
  if (results.length === 0 || new Set(results.map((r) => r.substanceClass)).size < results.length) {
    throw new InputError(assessmentErrors.invalidTestResults, { field: 'results' });
  }
  if (input.sampledAt > today) {
    throw new RuleViolationError(assessmentErrors.testInFuture, {
      field: 'sampledAt',
      params: { date: input.sampledAt },
    });
  }
  if (input.sampledAt < requestedOn) {
    throw new RuleViolationError(assessmentErrors.testBeforeRequest, {
      field: 'sampledAt',
      params: { date: input.sampledAt, requestedOn },
    });
  }
  return { id: input.id, sampledAt: input.sampledAt, sample, results };
}
