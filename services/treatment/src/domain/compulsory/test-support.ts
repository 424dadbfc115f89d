// Shared fixtures for the compulsory-placement unit tests (not exported by index.ts).
import { readFileSync } from 'node:fs';
import {
  createWorkingDayCalendar,
  DomainError,
  loadRulebook,
  type LocalDate,
} from '@rehab/domain-kit';
import { expect } from 'vitest';
import { createCompulsoryRules } from './compulsory-rules.ts';
import { admit, decideByCourt } from './court.ts';
import { appraiseDossier, compileDossier, submitToCourt } from './dossier.ts';
import {
  openPlacement,
  REQUIRED_DOCUMENTS,
  type CompulsoryPlacement,
  type OpenPlacementInput,
} from './placement.ts';

export const rulebook = loadRulebook(
  readFileSync(new URL('../../../rules/compulsory.rulebook.yaml', import.meta.url), 'utf8'),
);
export const rules = createCompulsoryRules(rulebook, createWorkingDayCalendar());

/** A Tuesday under LAW-2021 only; a Tuesday under TRANSFER-2025; a Monday under LAW-2025. */
export const LAW_2021_DAY: LocalDate = '2024-10-01';
export const TRANSFER_DAY: LocalDate = '2025-04-01';
export const LAW_2025_DAY: LocalDate = '2026-08-03';

export const open = (overrides: Partial<OpenPlacementInput> = {}): CompulsoryPlacement =>
  openPlacement(
    {
      id: 'case-1',
      personId: 'p-1',
      unitCode: 'XA-001',
      dateOfBirth: '1990-05-10',
      trigger: 'not-registered',
      violationRecordId: 'vr-1',
      violationOn: LAW_2021_DAY,
      ordinal: 'first',
      ...overrides,
    },
    rules,
  );

/** An adult LAW-2021 case compiled on 2024-10-03, appraised 10-07, submitted 10-08. */
export function submittedAdult(): CompulsoryPlacement {
  let c = open();
  c = compileDossier(
    c,
    { on: '2024-10-03', actor: 'commune-chairman', documents: REQUIRED_DOCUMENTS },
    rules,
  );
  c = appraiseDossier(c, { on: '2024-10-07', actor: 'labour-division-head' }, rules);
  return submitToCourt(c, { on: '2024-10-08', actor: 'labour-division-head' }, rules);
}

/** The adult case decided on 2024-10-15 for `termMonths` and admitted on `admittedOn`. */
export function admittedAdult(
  termMonths = 12,
  admittedOn: LocalDate = '2024-10-18',
): CompulsoryPlacement {
  const decided = decideByCourt(
    submittedAdult(),
    { on: '2024-10-15', actor: 'district-people-court', termMonths },
    rules,
  );
  return admit(decided, { on: admittedOn, facilityId: 'fac-1' }, rules);
}

/** Asserts that `fn` throws a domain error with the stable `code`. */
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
