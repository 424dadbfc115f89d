// The compulsory placement as one of the service's cases: the placement record (owned by
// this module) wrapped in the shape every case shares (kind, state, regime, timeline), so
// it is stored, listed and put on the work queues like the others.
import { isAfter, type LocalDate } from '@rehab/domain-kit';
import type { CaseBase, DueItem } from '../case-base.ts';
import type { CompulsoryRules } from './compulsory-rules.ts';
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
  };
}

/** What a compulsory case owes next. */
export function compulsoryDueItems(kase: CompulsoryCase, today: LocalDate): DueItem[] {
  const p = kase.placement;
  const item = (what: string, dueBy: LocalDate, actor: string, legalRef: string): DueItem => ({
    what,
    dueBy,
    actor,
    overdue: isAfter(today, dueBy),
    legalRef,
  });
  switch (p.state) {
    case 'dossier-in-preparation':
      return [
        item(
          'compile-compulsory-dossier',
          p.dossierDueBy,
          'dossier-compiler',
          placementTransitions['compile-dossier'].legalRef,
        ),
      ];
    case 'court-decided':
    case 'admission-deferred':
      return p.admissionDueBy
        ? [
            item(
              'admit-to-compulsory-facility',
              p.admissionDueBy,
              'facility-director',
              placementTransitions.admit.legalRef,
            ),
          ]
        : [];
    default:
      return [];
  }
}
