// A job placement and its follow-ups at 3, 6 and 12 months (Decision 1393/QĐ-LĐTBXH, months
// from the rulebook). A follow-up is recorded against the earliest one outstanding; once the
// person is no longer employed, the later follow-ups are no longer due.
import { isBefore, RuleViolationError, sharedErrors, type LocalDate } from '@rehab/domain-kit';
import { vocationalErrors } from './errors.ts';
import type { VocationalRules } from './vocational-rules.ts';

export const contractKinds = ['labour-contract', 'seasonal', 'self-employed'] as const;
export type ContractKind = (typeof contractKinds)[number];

export interface FollowUp {
  months: number;
  dueOn: LocalDate;
  legalRef: string;
  confirmed: boolean;
  recorded?: { on: LocalDate; stillEmployed: boolean; note?: string };
  /** No longer due: the person left the job at an earlier follow-up. */
  cancelled?: boolean;
}

export interface Placement {
  id: string;
  personId: string;
  unitCode: string;
  employer: { name: string; taxCode?: string };
  startsOn: LocalDate;
  contract: ContractKind;
  followUps: FollowUp[];
  /** True while a follow-up is still to be recorded (the work queue's index). */
  followUpOpen: boolean;
}

/** A new placement with its follow-up plan. */
export function newPlacement(
  input: Omit<Placement, 'followUps' | 'followUpOpen'>,
  rules: VocationalRules,
): Placement {
  const followUps = rules
    .followUpPlan(input.startsOn)
    .map(({ months, dueOn, legalRef, confirmed }) => ({ months, dueOn, legalRef, confirmed }));
  return { ...input, followUps, followUpOpen: followUps.length > 0 };
}

const outstanding = (followUp: FollowUp) => !followUp.recorded && !followUp.cancelled;

/** The next follow-up to record, if any. */
export function nextFollowUp(placement: Placement): FollowUp | undefined {
  return placement.followUps.find(outstanding);
}

/** The follow-ups due on or before `today` and not yet recorded. */
export function dueFollowUps(placement: Placement, today: LocalDate): FollowUp[] {
  return placement.followUps.filter(
    (followUp) => outstanding(followUp) && !isBefore(today, followUp.dueOn),
  );
}

/** Records the next follow-up; a person no longer employed needs no later one. */
export function recordFollowUp(
  placement: Placement,
  input: { on: LocalDate; stillEmployed: boolean; note?: string | undefined },
): { next: Placement; followUp: FollowUp } {
  const next = nextFollowUp(placement);
  if (!next) {
    throw new RuleViolationError(vocationalErrors.followUpsDone, {
      params: { placementId: placement.id },
    });
  }
  if (isBefore(input.on, placement.startsOn)) {
    throw new RuleViolationError(sharedErrors.dateOutOfOrder, {
      field: 'on',
      params: { field: 'on', date: input.on, before: 'startsOn', beforeDate: placement.startsOn },
    });
  }
  const recorded = {
    on: input.on,
    stillEmployed: input.stillEmployed,
    ...(input.note ? { note: input.note } : {}),
  };
  let seen = false;
  const followUps = placement.followUps.map((followUp) => {
    if (followUp === next) {
      seen = true;
      return { ...followUp, recorded };
    }
    if (seen && !input.stillEmployed && outstanding(followUp)) {
      return { ...followUp, cancelled: true };
    }
    return followUp;
  });
  const updated = { ...placement, followUps, followUpOpen: followUps.some(outstanding) };
  return { next: updated, followUp: { ...next, recorded } };
}
