// What every treatment case shares: its kind, the regime recorded when it opened, a
// timeline, and the helpers the state machines use to refuse out-of-order steps.
import { isBefore, RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import type { CaseRules } from './treatment-rules.ts';

/**
 * The kinds of treatment case. `compulsory` is reserved for the compulsory-placement
 * module (services/treatment/src/domain/compulsory/), which owns its shape and rules.
 */
export const caseKinds = [
  'awaiting-registration',
  'voluntary-home',
  'voluntary-facility',
  'post-rehab',
  'compulsory',
] as const;
export type CaseKind = (typeof caseKinds)[number];

/**
 * The regime a case keeps for life: the regimes in force on the date of the decision (or
 * notified result) that opened it. `regime` is the latest-starting of them.
 */
export interface CaseRegime {
  regimeDate: LocalDate;
  regime: string;
  regimeIds: string[];
}

/** One dated step in a case's history. */
export interface TimelineEntry {
  on: LocalDate;
  event: string;
  /** The role that acted, when the law names one. */
  actor?: string;
  legalRef?: string;
  note?: string;
}

/** A breach that is the legal basis of compulsory placement (Law 73/2021/QH14 Art. 32). */
export interface Violation {
  kind: 'not-registered' | 'quit-voluntary-rehab' | 'not-carried-out' | 'positive-test-in-rehab';
  on: LocalDate;
  legalRef: string;
}

/** Something owed on a case: what, by when, by whom, and whether it is late. */
export interface DueItem {
  what: string;
  dueBy: LocalDate;
  actor: string;
  overdue: boolean;
  legalRef?: string;
}

export interface CaseBase<K extends CaseKind, S extends string> {
  id: string;
  personId: string;
  /** The commune responsible for the case. */
  unitCode: string;
  kind: K;
  state: S;
  openedOn: LocalDate;
  regime: CaseRegime;
  timeline: TimelineEntry[];
}

/** A row of a state-machine table: legal source states, the target, the guard and its basis. */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  guard: string;
  legalRef: string;
}

/** The regime record of a case opened on `regimeDate`. */
export function caseRegime(rules: CaseRules): CaseRegime {
  const regimeIds = [...rules.regimeIds];
  return { regimeDate: rules.regimeDate, regime: regimeIds.at(-1) ?? '', regimeIds };
}

/** Refuses `event` unless the case is in one of the table's source states. */
export function requireTransition<S extends string>(
  caseKind: string,
  state: S,
  event: string,
  table: Readonly<Record<string, Transition<S>>>,
): Transition<S> {
  const transition = table[event];
  if (!transition || !transition.from.includes(state)) {
    throw new RuleViolationError(sharedErrors.invalidTransition, {
      params: { event, subject: `${caseKind} case`, state },
      ...(transition ? { legalRef: transition.legalRef } : {}),
    });
  }
  return transition;
}

/** Refuses a date that comes before the step it follows. */
export function requireNotBefore(
  field: string,
  date: LocalDate,
  before: string,
  beforeDate: LocalDate,
): void {
  if (isBefore(date, beforeDate)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field,
      params: { field, date, before, beforeDate },
    });
  }
}

/** Refuses a step by a role other than the one the regime names. */
export function requireActor(
  expected: { actor: string; legalRef: string },
  actual: string,
  field: string,
): void {
  if (expected.actor !== actual) {
    throw new RuleViolationError(sharedErrors.decisionByWrongActor, {
      field,
      legalRef: expected.legalRef,
      params: { expected: expected.actor, actual },
    });
  }
}
