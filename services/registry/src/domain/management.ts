// User-management decisions (quyết định quản lý người sử dụng trái phép chất ma túy):
// Law 73/2021/QH14 Art. 23 and Decree 105/2021 Art. 37-48.
import { RuleViolationError, ruledOn, type LocalDate } from '@rehab/domain-kit';
import { registryErrors } from './errors.ts';
import type { RegistryRules } from './registry-rules.ts';

/**
 * Why management stops before its term (Law 73/2021 Art. 23(5)): (a) found addicted,
 * (b) the commune education measure, (c) reform school or compulsory education,
 * (d) imprisonment, (đ) death or being declared missing.
 */
export const stopReasons = {
  'determined-addicted': 'Law 73/2021/QH14 Art. 23(5)(a)',
  'education-measure': 'Law 73/2021/QH14 Art. 23(5)(b)',
  'reform-school-or-education-facility': 'Law 73/2021/QH14 Art. 23(5)(c)',
  imprisoned: 'Law 73/2021/QH14 Art. 23(5)(d)',
  died: 'Law 73/2021/QH14 Art. 23(5)(đ)',
  'declared-missing': 'Law 73/2021/QH14 Art. 23(5)(đ)',
} as const;
export type StopReason = keyof typeof stopReasons;

/** A decision placing a person under management for a term. */
export interface ManagementDecision {
  id: string;
  decisionDate: LocalDate;
  /** Last day under management (inclusive): one year from the decision (Civil Code Art. 148). */
  termEndsOn: LocalDate;
  /** The commune that decided. */
  unitCode: string;
  /** Regime whose rules set the term: the regime in force on the decision date. */
  regime: string;
  legalRef: string;
  /** The running decision this one renewed after new use was detected. */
  renewsDecisionId?: string;
  /** Deadline the law gave for the decision, and whether it was missed (kept, not refused). */
  decisionDueBy: LocalDate;
  decidedLate: boolean;
  stop?: { on: LocalDate; reason: StopReason; legalRef: string };
}

export type ManagementStatus =
  | { status: 'none' }
  | { status: 'active'; decision: ManagementDecision }
  | { status: 'ended'; decision: ManagementDecision }
  | { status: 'stopped'; decision: ManagementDecision };

/**
 * Status on a date, from the latest decision taken on or before it: active within the
 * term; ended after it (the person leaves the list with no use detected); stopped from
 * the stop date on.
 */
export function managementStatusOn(
  decisions: readonly ManagementDecision[],
  date: LocalDate,
): ManagementStatus {
  const decision = latestDecisionOn(decisions, date);
  if (!decision) return { status: 'none' };
  if (decision.stop && decision.stop.on <= date) return { status: 'stopped', decision };
  if (date > decision.termEndsOn) return { status: 'ended', decision };
  return { status: 'active', decision };
}

function latestDecisionOn(
  decisions: readonly ManagementDecision[],
  date: LocalDate,
): ManagementDecision | undefined {
  let latest: ManagementDecision | undefined;
  for (const decision of decisions) {
    if (decision.decisionDate <= date && (!latest || decision.decisionDate >= latest.decisionDate))
      latest = decision;
  }
  return latest;
}

export interface DetectionFacts {
  detectedAt: LocalDate;
  decisionDate: LocalDate;
  unitCode: string;
  decisionId: string;
}

/**
 * A positive test opens a one-year management decision, or, when one is running on the
 * decision date, replaces it with a fresh one-year term from the new decision
 * (Law 73/2021 Art. 23(3); Decree 105/2021 Art. 43). The term comes from the rules in
 * force on the decision date.
 */
export function decideManagementOnDetection(
  decisions: readonly ManagementDecision[],
  facts: DetectionFacts,
  rules: RegistryRules,
): { decisions: ManagementDecision[]; decision: ManagementDecision; renewal: boolean } {
  if (facts.decisionDate < facts.detectedAt) {
    throw new RuleViolationError(registryErrors.decisionBeforeDetection, {
      field: 'decisionDate',
      legalRef: 'Decree 105/2021 Art. 43',
    });
  }
  const last = decisions.at(-1);
  if (last && facts.decisionDate < last.decisionDate) {
    throw new RuleViolationError(registryErrors.outOfOrder, {
      field: 'decisionDate',
      params: { field: 'decisionDate', date: facts.decisionDate, last: last.decisionDate },
    });
  }
  const running = managementStatusOn(decisions, facts.decisionDate);
  // A date before every regime the rulebook knows is the request's fault: a 422 naming it.
  const term = ruledOn('decisionDate', () => rules.managementTermEnd(facts.decisionDate));
  const due = ruledOn('detectedAt', () => rules.managementDecisionDeadline(facts.detectedAt));
  const decision: ManagementDecision = {
    id: facts.decisionId,
    decisionDate: facts.decisionDate,
    termEndsOn: term.date,
    unitCode: facts.unitCode,
    regime: term.regime,
    legalRef: term.legalRef,
    decisionDueBy: due.date,
    decidedLate: facts.decisionDate > due.date,
    ...(running.status === 'active' ? { renewsDecisionId: running.decision.id } : {}),
  };
  return { decisions: [...decisions, decision], decision, renewal: running.status === 'active' };
}

/**
 * Stops the management running on `on` for one of the law's reasons. Returns the
 * stopped decision, or undefined when no management was running (nothing to stop).
 */
export function stopManagement(
  decisions: readonly ManagementDecision[],
  on: LocalDate,
  reason: StopReason,
): { decisions: ManagementDecision[]; stopped?: ManagementDecision } {
  const current = managementStatusOn(decisions, on);
  if (current.status !== 'active') return { decisions: [...decisions] };
  const stopped: ManagementDecision = {
    ...current.decision,
    stop: { on, reason, legalRef: stopReasons[reason] },
  };
  return { decisions: decisions.map((d) => (d.id === stopped.id ? stopped : d)), stopped };
}

/** Days of management left after `date` (used when a file moves to a new commune). */
export function remainingTermDays(decision: ManagementDecision, date: LocalDate): number {
  const ms = Date.parse(`${decision.termEndsOn}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}
