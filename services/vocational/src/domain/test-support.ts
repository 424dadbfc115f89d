// Shared fixtures for the vocational domain's unit tests (not exported by index.ts).
import { readFileSync } from 'node:fs';
import { DomainError, loadRulebook } from '@rehab/domain-kit';
import { expect } from 'vitest';
import { createVocationalRules } from './vocational-rules.ts';

export const rulebook = loadRulebook(
  readFileSync(new URL('../../rules/vocational.rulebook.yaml', import.meta.url), 'utf8'),
);

export const rules = createVocationalRules(rulebook);

/** Asserts that `fn` throws a domain error with the stable `code`; returns it. */
export function expectDomainError(fn: () => unknown, code: string): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const error = caught as DomainError;
  expect(error.code).toBe(code);
  return error;
}
