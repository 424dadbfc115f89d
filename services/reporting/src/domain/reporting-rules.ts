import type { LocalDate, Rulebook } from '@rehab/domain-kit';
import { boundsOf, dueDateOf, type Period, type PeriodBounds } from './periods.ts';

/** What the reporting use cases ask the rulebook, for the period they work on. */
export interface ReportingRules {
  boundsOf(period: Period): PeriodBounds;
  dueDateOf(period: Period): { date: LocalDate; legalRef: string };
  suppression(period: Period): { maxHidden: number; label: string };
}

const firstDay = (period: Period): LocalDate =>
  `${period.year}-${String(period.firstMonth).padStart(2, '0')}-01`;

/** Rules in force on a period's first calendar day decide how it is cut and when it is due. */
export function createReportingRules(rulebook: Rulebook): ReportingRules {
  const rules = (period: Period) => rulebook.resolve(firstDay(period));
  return {
    boundsOf: (period) => boundsOf(period, Number(rules(period).value('period.cutoffDay').value)),
    dueDateOf(period) {
      const rule = rules(period).value(`report.due.${period.kind}`);
      return { date: dueDateOf(period, String(rule.value)), legalRef: rule.legalRef };
    },
    suppression(period) {
      const resolved = rules(period);
      return {
        maxHidden: Number(resolved.value('suppression.maxHiddenCount').value),
        label: String(resolved.value('suppression.label').value),
      };
    },
  };
}
