// Shared fixtures for the assessment domain's unit tests (not exported by index.ts).
import { readFileSync } from 'node:fs';
import { createWorkingDayCalendar, DomainError, loadRulebook } from '@rehab/domain-kit';
import type { LocalDate } from '@rehab/domain-kit';
import { expect } from 'vitest';
import { createAssessmentRules } from './assessment-rules.ts';
import type { Criterion, EvidenceSource, SubstanceClass } from './criteria.ts';
import type { CriterionObservation } from './presence.ts';

export const rules = createAssessmentRules(
  loadRulebook(
    readFileSync(new URL('../../rules/assessment.rulebook.yaml', import.meta.url), 'utf8'),
  ),
  createWorkingDayCalendar(),
);

/** Observations of several criteria on one date. */
export function seen(
  date: LocalDate,
  criteria: Criterion[],
  options: { present?: boolean; substanceClass?: SubstanceClass; source?: EvidenceSource } = {},
): CriterionObservation[] {
  return criteria.map((criterion) => ({
    criterion,
    present: options.present ?? true,
    observedOn: date,
    source: options.source ?? 'clinical',
    substanceClass: options.substanceClass ?? 'opioid',
  }));
}

/** Asserts that `fn` throws a domain error of `kind` with the stable `code`. */
export function expectDomainError(fn: () => unknown, code: string, kind?: string): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe(code);
  if (kind) expect(error.kind).toBe(kind);
  return error;
}
