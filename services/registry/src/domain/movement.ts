// Movements (di biến động): residence changes, absences, imprisonment, death, declared missing.
import { RuleViolationError, ruledOn, type LocalDate } from '@rehab/domain-kit';
import { requirePastFact } from './dates-guard.ts';
import { registryErrors } from './errors.ts';
import { requireActivePerson } from './lifecycle-guard.ts';
import {
  managementStatusOn,
  stopManagement,
  type ManagementDecision,
  type StopReason,
} from './management.ts';
import type { Person } from './person.ts';
import type { RegistryRules } from './registry-rules.ts';
import { addToTimeline, timelineEntry } from './timeline.ts';

export type MovementInput =
  | { kind: 'residence-change'; effectiveOn: LocalDate; toUnitCode: string; address: string }
  | {
      kind: 'absence';
      effectiveOn: LocalDate;
      until?: LocalDate | undefined;
      reason?: string | undefined;
    }
  | {
      kind: 'imprisonment' | 'death' | 'declared-missing';
      effectiveOn: LocalDate;
      note?: string | undefined;
    };

const stopReasonOf: Record<'imprisonment' | 'death' | 'declared-missing', StopReason> = {
  imprisonment: 'imprisoned',
  death: 'died',
  'declared-missing': 'declared-missing',
};

export interface MovementOutcome {
  person: Person;
  fromUnitCode: string;
  toUnitCode?: string;
  stopped?: ManagementDecision;
  /** When a managed person moves, the file must reach the new commune by this date. */
  fileTransferDueBy?: LocalDate;
}

/**
 * Applies a movement. A residence change keeps the management term running: the
 * remaining time continues in the new commune and the file follows within the rulebook's
 * deadline (Decree 105/2021 Art. 46). Imprisonment, death and being declared missing stop
 * management (Law 73/2021 Art. 23(5)); an absence is recorded and changes nothing else.
 */
export function recordMovement(
  person: Person,
  input: MovementInput,
  rules: RegistryRules,
  ids: { entryId: string },
  now: Date,
  today: LocalDate,
): MovementOutcome {
  requireActivePerson(person);
  requirePastFact('effectiveOn', input.effectiveOn, today, person.dateOfBirth);
  const fromUnitCode = person.residence.unitCode;
  const details: Record<string, string | number | boolean | string[]> = { fromUnitCode };
  let next: Person = { ...person, updatedAt: now.toISOString() };
  const outcome: Omit<MovementOutcome, 'person'> = { fromUnitCode };

  if (input.kind === 'residence-change') {
    if (input.toUnitCode === fromUnitCode) {
      throw new RuleViolationError(registryErrors.sameResidence, { field: 'toUnitCode' });
    }
    // The residence given at registration has no known start, so only a recorded move
    // bounds how early the next one can be.
    if (person.residenceHistory.length > 1 && input.effectiveOn < person.residence.from) {
      throw new RuleViolationError(registryErrors.outOfOrder, {
        field: 'effectiveOn',
        params: { field: 'effectiveOn', date: input.effectiveOn, last: person.residence.from },
      });
    }
    const residence = {
      unitCode: input.toUnitCode,
      address: input.address.normalize('NFC').trim(),
      from: input.effectiveOn,
    };
    next = { ...next, residence, residenceHistory: [...person.residenceHistory, residence] };
    outcome.toUnitCode = input.toUnitCode;
    details.toUnitCode = input.toUnitCode;
    if (managementStatusOn(person.managementDecisions, input.effectiveOn).status === 'active') {
      const due = ruledOn('effectiveOn', () => rules.fileTransferDeadline(input.effectiveOn));
      outcome.fileTransferDueBy = due.date;
      details.fileTransferDueBy = due.date;
    }
  } else if (input.kind === 'absence') {
    if (input.until) details.until = input.until;
    if (input.reason) details.reason = input.reason;
  } else {
    // A back-dated stop before the latest decision would leave that decision running.
    const latest = person.managementDecisions.at(-1);
    if (latest && input.effectiveOn < latest.decisionDate) {
      throw new RuleViolationError(registryErrors.outOfOrder, {
        field: 'effectiveOn',
        params: { field: 'effectiveOn', date: input.effectiveOn, last: latest.decisionDate },
      });
    }
    const { decisions, stopped } = stopManagement(
      person.managementDecisions,
      input.effectiveOn,
      stopReasonOf[input.kind],
    );
    next = { ...next, managementDecisions: decisions };
    if (input.kind !== 'imprisonment')
      next.lifeStatus = input.kind === 'death' ? 'deceased' : 'missing';
    if (stopped) {
      outcome.stopped = stopped;
      details.managementStopped = stopped.stop?.reason ?? '';
    }
  }
  next.timeline = addToTimeline(
    person.timeline,
    timelineEntry(
      ids.entryId,
      input.effectiveOn,
      now,
      `movement-${input.kind}`,
      movementSummary(input),
      details,
    ),
  );
  return { person: next, ...outcome };
}

function movementSummary(input: MovementInput): string {
  switch (input.kind) {
    case 'residence-change':
      return `Moved residence to ${input.toUnitCode}`;
    case 'absence':
      return input.until ? `Absent until ${input.until}` : 'Absent from residence';
    case 'imprisonment':
      return 'Imprisoned';
    case 'death':
      return 'Died';
    case 'declared-missing':
      return 'Declared missing';
  }
}
