// The compulsory placement as one of the service's cases: the placement record (owned by
// this module) wrapped in the shape every case shares (kind, state, regime, timeline), so
// it is stored, listed and put on the work queues like the others.
import { isAfter, type LocalDate } from '@rehab/domain-kit';
import type { CaseBase, DueItem } from '../case-base.ts';
import type { CompulsoryRules } from './compulsory-rules.ts';
import { owedSteps, type OwedStep } from './owed-steps.ts';
import type { CompulsoryPlacement } from './placement.ts';
import { expectedEnd } from './term.ts';
import { placementTransitions, type PlacementState } from './transitions.ts';

export interface CompulsoryCase extends CaseBase<'compulsory', PlacementState> {
  placement: CompulsoryPlacement;
  /**
   * The term's end as known when the case last changed (absent before admission, and while
   * an absence or hospital stay is open, when the end moves every day); kept so the work
   * queues need no rules.
   */
  termEndsOn?: LocalDate;
  /** The steps the case waits for, as known when it last changed (see owed-steps.ts). */
  owed?: OwedStep[];
}

/** Wraps a placement after any step: state, timeline and the known end date follow it. */
export function asCompulsoryCase(
  placement: CompulsoryPlacement,
  rules: CompulsoryRules,
): CompulsoryCase {
  const regimeIds = [...placement.regimeIds];
  let termEndsOn: LocalDate | undefined;
  if (placement.admission && placement.decision?.termMonths !== undefined) {
    const last = placement.history.at(-1)?.on ?? placement.openedOn;
    const end = expectedEnd(placement, last, rules);
    if (!end.provisional) termEndsOn = end.endsOn;
  }
  return {
    id: placement.id,
    personId: placement.personId,
    unitCode: placement.unitCode,
    kind: 'compulsory',
    state: placement.state,
    openedOn: placement.openedOn,
    regime: {
      regimeDate: placement.openedOn,
      regime: regimeIds.at(-1) ?? '',
      regimeIds,
    },
    timeline: placement.history.map((entry) => ({
      on: entry.on,
      event: entry.event,
      ...(entry.event === 'open'
        ? { legalRef: placement.trigger.legalRef }
        : { legalRef: placementTransitions[entry.event].legalRef }),
    })),
    placement,
    ...(termEndsOn ? { termEndsOn } : {}),
    owed: owedSteps(placement, rules, termEndsOn),
  };
}

/**
 * What a compulsory case owes next, overdue when `today` is past the date. A case stored
 * before the owed steps were kept on it shows its dossier and admission deadlines only.
 */
export function compulsoryDueItems(kase: CompulsoryCase, today: LocalDate): DueItem[] {
  const p = kase.placement;
  const owed = kase.owed ?? legacyOwed(p);
  return owed.map((step) => ({ ...step, overdue: isAfter(today, step.dueBy) }));
}

function legacyOwed(p: CompulsoryPlacement): OwedStep[] {
  if (p.state === 'dossier-in-preparation') {
    const legalRef = placementTransitions['compile-dossier'].legalRef;
    return [
      {
        what: 'compile-compulsory-dossier',
        dueBy: p.dossierDueBy,
        actor: 'dossier-compiler',
        legalRef,
      },
    ];
  }
  if ((p.state === 'court-decided' || p.state === 'admission-deferred') && p.admissionDueBy) {
    const legalRef = placementTransitions.admit.legalRef;
    return [
      {
        what: 'admit-to-compulsory-facility',
        dueBy: p.admissionDueBy,
        actor: 'facility-director',
        legalRef,
      },
    ];
  }
  return [];
}
