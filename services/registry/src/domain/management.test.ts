import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createWorkingDayCalendar,
  loadRulebook,
  RuleViolationError,
  type LocalDate,
} from '@rehab/domain-kit';
import {
  decideManagementOnDetection,
  managementStatusOn,
  remainingTermDays,
  stopManagement,
  stopReasons,
  type ManagementDecision,
  type StopReason,
} from './management.ts';
import { createRegistryRules } from './registry-rules.ts';

const rules = createRegistryRules(
  loadRulebook(
    readFileSync(new URL('../../rules/registry.rulebook.yaml', import.meta.url), 'utf8'),
  ),
  createWorkingDayCalendar(),
);

let counter = 0;
function decide(
  decisions: readonly ManagementDecision[],
  detectedAt: LocalDate,
  decisionDate: LocalDate = detectedAt,
): ReturnType<typeof decideManagementOnDetection> {
  counter += 1;
  return decideManagementOnDetection(
    decisions,
    { detectedAt, decisionDate, unitCode: 'XA-001', decisionId: `dec-${counter}` },
    rules,
  );
}

function expectRuleViolation(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RuleViolationError);
  expect((caught as RuleViolationError).code).toBe(code);
}

describe('management term (Law 73/2021 Art. 23(3); Civil Code Art. 148)', () => {
  it('opens a 1-year term ending on the same day next year: decision 2025-03-10 → termEndsOn 2026-03-10', () => {
    const { decision, renewal, decisions } = decide([], '2025-03-10');
    expect(decision.termEndsOn).toBe('2026-03-10');
    expect(decision.decisionDate).toBe('2025-03-10');
    expect(decision.unitCode).toBe('XA-001');
    expect(decision.renewsDecisionId).toBeUndefined();
    expect(renewal).toBe(false);
    expect(decisions).toEqual([decision]);
  });

  it('ends a term opened on 29 February on 28 February of the following common year', () => {
    expect(decide([], '2024-02-29').decision.termEndsOn).toBe('2025-02-28');
  });

  it('does not mutate the decisions it is given', () => {
    const first = decide([], '2025-03-10').decisions;
    const snapshot = structuredClone(first);
    decide(first, '2025-06-01');
    expect(first).toEqual(snapshot);
  });
});

describe('management status on a date', () => {
  const { decisions, decision } = decide([], '2025-03-10');

  it('is none before the decision date', () => {
    expect(managementStatusOn(decisions, '2025-03-09')).toEqual({ status: 'none' });
    expect(managementStatusOn([], '2025-03-10')).toEqual({ status: 'none' });
  });

  it('is active on the decision date and on termEndsOn (last day inclusive)', () => {
    expect(managementStatusOn(decisions, '2025-03-10')).toEqual({ status: 'active', decision });
    expect(managementStatusOn(decisions, '2026-03-10')).toEqual({ status: 'active', decision });
  });

  it('is ended the day after termEndsOn: removed from the list with no use detected (Art. 23(4))', () => {
    expect(managementStatusOn(decisions, '2026-03-11')).toEqual({ status: 'ended', decision });
  });

  it('counts the remaining days of the term, never below zero', () => {
    expect(remainingTermDays(decision, '2025-03-10')).toBe(365);
    expect(remainingTermDays(decision, '2026-03-09')).toBe(1);
    expect(remainingTermDays(decision, '2026-03-10')).toBe(0);
    expect(remainingTermDays(decision, '2026-05-01')).toBe(0);
  });
});

describe('renewal when use is detected again (Law 73/2021 Art. 23(3); Decree 105/2021 Art. 43)', () => {
  it('renews the 1-year management term from the new decision date when use is detected again during the term', () => {
    const first = decide([], '2025-03-10');
    const second = decide(first.decisions, '2025-09-15');
    expect(second.renewal).toBe(true);
    expect(second.decision.renewsDecisionId).toBe(first.decision.id);
    expect(second.decision.termEndsOn).toBe('2026-09-15');
    expect(second.decisions).toHaveLength(2);
    // On a date past the first term the renewed one governs.
    expect(managementStatusOn(second.decisions, '2026-06-01')).toEqual({
      status: 'active',
      decision: second.decision,
    });
    expect(managementStatusOn(second.decisions, '2026-09-16').status).toBe('ended');
  });

  it('renews on the last day of the running term (termEndsOn is still under management)', () => {
    const first = decide([], '2025-03-10');
    const second = decide(first.decisions, '2026-03-10');
    expect(second.renewal).toBe(true);
    expect(second.decision.renewsDecisionId).toBe(first.decision.id);
  });

  it('opens a new decision, not a renewal, when use is detected after the term ended', () => {
    const first = decide([], '2025-03-10');
    const second = decide(first.decisions, '2026-03-11');
    expect(second.renewal).toBe(false);
    expect(second.decision.renewsDecisionId).toBeUndefined();
    expect(second.decision.termEndsOn).toBe('2027-03-11');
  });

  it('opens a new decision, not a renewal, when the running term had been stopped', () => {
    const first = decide([], '2025-03-10');
    const stopped = stopManagement(first.decisions, '2025-05-05', 'imprisoned');
    const second = decide(stopped.decisions, '2025-08-04');
    expect(second.renewal).toBe(false);
    expect(second.decision.renewsDecisionId).toBeUndefined();
  });
});

describe('stopping management before its term (Law 73/2021 Art. 23(5))', () => {
  const reasons = Object.keys(stopReasons) as StopReason[];

  it('knows exactly the six stop reasons of the law', () => {
    expect(reasons.sort()).toEqual(
      [
        'declared-missing',
        'determined-addicted',
        'died',
        'education-measure',
        'imprisoned',
        'reform-school-or-education-facility',
      ].sort(),
    );
  });

  it.each([
    ['determined-addicted', 'Law 73/2021/QH14 Art. 23(5)(a)'],
    ['education-measure', 'Law 73/2021/QH14 Art. 23(5)(b)'],
    ['reform-school-or-education-facility', 'Law 73/2021/QH14 Art. 23(5)(c)'],
    ['imprisoned', 'Law 73/2021/QH14 Art. 23(5)(d)'],
    ['died', 'Law 73/2021/QH14 Art. 23(5)(đ)'],
    ['declared-missing', 'Law 73/2021/QH14 Art. 23(5)(đ)'],
  ] as const)(
    'stops management for "%s" citing %s, status stopped from that date on',
    (reason, legalRef) => {
      const first = decide([], '2025-03-10');
      const { decisions, stopped } = stopManagement(first.decisions, '2025-06-02', reason);
      expect(stopped).toBeDefined();
      expect(stopped!.id).toBe(first.decision.id);
      expect(stopped!.stop).toEqual({ on: '2025-06-02', reason, legalRef });
      expect(decisions).toHaveLength(1);
      expect(managementStatusOn(decisions, '2025-06-01').status).toBe('active');
      expect(managementStatusOn(decisions, '2025-06-02').status).toBe('stopped');
      expect(managementStatusOn(decisions, '2026-12-31').status).toBe('stopped');
      // The input is left untouched.
      expect(first.decisions[0]!.stop).toBeUndefined();
    },
  );

  it('stops the renewed (latest) decision, not the one it replaced', () => {
    const first = decide([], '2025-03-10');
    const second = decide(first.decisions, '2025-09-15');
    const { decisions, stopped } = stopManagement(second.decisions, '2025-10-01', 'died');
    expect(stopped!.id).toBe(second.decision.id);
    expect(decisions[0]!.stop).toBeUndefined();
    expect(decisions[1]!.stop?.reason).toBe('died');
  });

  it('is a no-op when no management is running (none, or ended after the term)', () => {
    const none = stopManagement([], '2025-06-02', 'imprisoned');
    expect(none.stopped).toBeUndefined();
    expect(none.decisions).toEqual([]);

    const first = decide([], '2025-03-10');
    const ended = stopManagement(first.decisions, '2026-03-11', 'imprisoned');
    expect(ended.stopped).toBeUndefined();
    expect(ended.decisions).toEqual(first.decisions);
  });

  it('is a no-op when management was already stopped', () => {
    const first = decide([], '2025-03-10');
    const once = stopManagement(first.decisions, '2025-06-02', 'imprisoned');
    const twice = stopManagement(once.decisions, '2025-07-01', 'died');
    expect(twice.stopped).toBeUndefined();
    expect(twice.decisions[0]!.stop?.reason).toBe('imprisoned');
  });
});

describe('decision dates (Decree 105/2021 Art. 43)', () => {
  it('refuses a decision dated before the positive test (decision-before-detection)', () => {
    expectRuleViolation(() => decide([], '2025-03-10', '2025-03-09'), 'decision-before-detection');
  });

  it('refuses a decision dated before the last recorded decision (out-of-order)', () => {
    const first = decide([], '2025-03-10');
    expectRuleViolation(() => decide(first.decisions, '2025-03-01', '2025-03-05'), 'out-of-order');
  });

  it('flags a decision later than 3 working days after the test as late under LAW-2021 (kept, not refused)', () => {
    // Friday 2025-03-07: the 3 working days are Mon 10, Tue 11, Wed 12 March.
    const onTime = decide([], '2025-03-07', '2025-03-12').decision;
    expect(onTime.decisionDueBy).toBe('2025-03-12');
    expect(onTime.decidedLate).toBe(false);

    const late = decide([], '2025-03-07', '2025-03-13').decision;
    expect(late.decisionDueBy).toBe('2025-03-12');
    expect(late.decidedLate).toBe(true);
  });

  it('skips holidays and counts swapped working Saturdays in the LAW-2021 decision deadline', () => {
    // Tue 2025-04-29 (1); 30 Apr–4 May off; Mon 5 May (2); Tue 6 May (3).
    expect(decide([], '2025-04-28').decision.decisionDueBy).toBe('2025-05-06');
    // Fri 2025-04-25: Sat 26 Apr is a working day (1), Mon 28 (2), Tue 29 (3).
    expect(decide([], '2025-04-25').decision.decisionDueBy).toBe('2025-04-29');
  });

  it('records the regime in force on the decision date: LAW-2021 in 2025, LAW-2025 on 2026-07-02', () => {
    const in2025 = decide([], '2025-03-10').decision;
    expect(in2025.regime).toBe('LAW-2021');
    expect(in2025.legalRef).toContain('Law 73/2021');

    const in2026 = decide([], '2026-07-02').decision;
    expect(in2026.regime).toBe('LAW-2025');
    expect(in2026.legalRef).toContain('Law 120/2025');
    expect(in2026.termEndsOn).toBe('2027-07-02');
  });

  it('gives 24 hours (the next day) for the decision under LAW-2025 (Law 120/2025)', () => {
    // Saturday 2026-07-04: hours run on calendar days, weekends included.
    const nextDay = decide([], '2026-07-04', '2026-07-05').decision;
    expect(nextDay.decisionDueBy).toBe('2026-07-05');
    expect(nextDay.decidedLate).toBe(false);

    const twoDays = decide([], '2026-07-02', '2026-07-04').decision;
    expect(twoDays.decisionDueBy).toBe('2026-07-03');
    expect(twoDays.decidedLate).toBe(true);
  });
});
