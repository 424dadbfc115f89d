import {
  applyDuration,
  sourceOf,
  type LocalDate,
  type RuledDate,
  type Rulebook,
  type WorkingDayCalendar,
} from '@rehab/domain-kit';

export type { RuledDate } from '@rehab/domain-kit';

/**
 * The registry's questions to its rulebook, in the law's terms. Each answer is chosen
 * by the date that matters for the case (the decision date, the move date), never today.
 */
export interface RegistryRules {
  /** Last day of a user-management term opened by a decision on `decisionDate`. */
  managementTermEnd(decisionDate: LocalDate): RuledDate;
  /** Last day by which the management decision should follow a positive test. */
  managementDecisionDeadline(detectedAt: LocalDate): RuledDate;
  /** Last day to transfer the management file to the new commune after a move. */
  fileTransferDeadline(movedOn: LocalDate): RuledDate;
  /** Last day to register voluntary rehab or methadone after notification of an "addicted" result. */
  registrationDeadline(notifiedOn: LocalDate): RuledDate;
}

/** Binds the registry's rule keys to a rulebook and the working-day calendar. */
export function createRegistryRules(
  rulebook: Rulebook,
  calendar: WorkingDayCalendar,
): RegistryRules {
  const dateAfter = (key: string, from: LocalDate): RuledDate => {
    const rule = rulebook.resolve(from).duration(key);
    return { date: applyDuration(from, rule.value, calendar), ...sourceOf(rule) };
  };
  return {
    managementTermEnd: (decisionDate) => dateAfter('management.term', decisionDate),
    managementDecisionDeadline: (detectedAt) =>
      dateAfter('management.decisionDeadline', detectedAt),
    fileTransferDeadline: (movedOn) => dateAfter('movement.fileTransferDeadline', movedOn),
    registrationDeadline: (notifiedOn) =>
      dateAfter('determination.registrationDeadline', notifiedOn),
  };
}
