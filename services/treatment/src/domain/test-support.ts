// Shared fixtures for the treatment domain's unit tests (not exported by index.ts).
import { readFileSync } from 'node:fs';
import { createWorkingDayCalendar, DomainError, loadRulebook } from '@rehab/domain-kit';
import { expect } from 'vitest';
import { createTreatmentRules } from './treatment-rules.ts';

export const rulebook = loadRulebook(
  readFileSync(new URL('../../rules/treatment.rulebook.yaml', import.meta.url), 'utf8'),
);

export const rules = createTreatmentRules(rulebook, createWorkingDayCalendar());

/** Asserts that `fn` throws a domain error with the stable `code` (and `kind`, if given). */
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
