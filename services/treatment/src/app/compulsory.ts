// Use cases of compulsory placement (cai nghiện bắt buộc; Law 73/2021/QH14 Art. 32-36):
// opening a case from the police's violation record, and the runner every step goes
// through. The steps themselves are in compulsory-dossier.ts (up to the court),
// compulsory-court.ts (the decision to admission) and compulsory-term.ts (at the facility).
import {
  ConflictError,
  errorCode,
  RuleViolationError,
  sharedErrors,
  type LocalDate,
} from '@rehab/domain-kit';
import type { Principal } from '@rehab/service-kit';
import {
  asCompulsoryCase,
  openPlacement,
  placementTransitions,
  type AgeGroup,
  type CompulsoryPlacement,
  type CompulsoryRules,
  type PlacementEvent,
  type PlacementState,
  type RehabOrdinal,
  type Trigger,
} from '../domain/compulsory/index.ts';
import type { StoredCase } from './ports.ts';
import { openCase, runStep, type StepOutcome, type StepResult } from './case-steps.ts';
import { type Actor, type JurisdictionGuard, type TreatmentDeps } from './deps.ts';
import { requireOccurred } from './occurred.ts';

export const compulsoryAppErrors = {
  placementOpen: errorCode(
    'compulsory-case-open',
    'Person {personId} already has a compulsory-placement case in progress ({caseId}, {state})',
    'Người {personId} đang có hồ sơ cai nghiện bắt buộc chưa kết thúc ({caseId}, {state})',
  ),
  firstButPlacedBefore: errorCode(
    'ordinal-contradicts-record',
    'Person {personId} was admitted to compulsory rehab before ({caseId}): this placement is a repeat',
    'Người {personId} đã từng được đưa vào cơ sở cai nghiện bắt buộc ({caseId}): đây là lần thứ hai trở lên',
  ),
  violationRecordUsed: errorCode(
    'violation-record-used',
    'Violation record {violationRecordId} already opened case {caseId} for another person',
    'Biên bản vi phạm {violationRecordId} đã được dùng để lập hồ sơ {caseId} cho người khác',
  ),
} as const;

/** Who calls a step on which case, as the HTTP layer has checked it. */
export interface PlacementCall {
  id: string;
  principal: Principal;
  guard: JurisdictionGuard;
  expectedVersion?: number | undefined;
}

/** Refuses a date of the record (other than the step's own `on`) that has not come yet. */
export function requireNotFuture(
  deps: TreatmentDeps,
  field: string,
  date: LocalDate | undefined,
): void {
  requireOccurred(field, date, deps.clock.today());
}

/** What a placement step returns: the new placement and what else the step sets off. */
export type PlacementChange = Pick<StepOutcome, 'certificateId' | 'follow'> & {
  next: CompulsoryPlacement;
};

/** Runs `event` of the placement table on a compulsory case, under runStep's guarantees. */
export function placementStep(
  deps: TreatmentDeps,
  call: PlacementCall,
  event: PlacementEvent,
  on: LocalDate,
  change: (
    current: CompulsoryPlacement,
    rules: CompulsoryRules,
  ) => CompulsoryPlacement | PlacementChange | Promise<PlacementChange>,
): Promise<StepResult> {
  return runStep(deps, {
    id: call.id,
    actor: call.principal,
    guard: call.guard,
    expectedVersion: call.expectedVersion,
    kinds: ['compulsory'],
    step: event,
    decide: async (current) => {
      const changed = await change(current.placement, deps.compulsoryRules);
      const { next, ...rest } = 'history' in changed ? { next: changed } : changed;
      return {
        ...rest,
        next: asCompulsoryCase(next, deps.compulsoryRules),
        step: event,
        on,
        legalRef: placementTransitions[event].legalRef,
      };
    },
  });
}

/** States in which a placement is still under way (not refused, exempted or released). */
const FINAL: readonly PlacementState[] = ['court-refused', 'exempted', 'released'];

export interface OpenCompulsoryInput {
  personId: string;
  trigger: Trigger;
  /** The police's violation record (biên bản vi phạm), the basis of the dossier. */
  violationRecordId: string;
  violationOn: LocalDate;
  ordinal: RehabOrdinal;
  /** The group the police mean to apply; refused when the age says otherwise. */
  ageGroup?: AgeGroup | undefined;
  /** The commune where the dossier is made; the person's residence when absent. */
  unitCode?: string | undefined;
}

function sameRecord(kase: StoredCase, violationRecordId: string): boolean {
  return (
    kase.kind === 'compulsory' && kase.placement.trigger.violationRecordId === violationRecordId
  );
}

/**
 * Opens the compulsory case of a violation record, once per record: a resent request
 * returns the case it opened. A person has one placement under way at a time, and a
 * "first" placement is refused for a person the platform knows was admitted before. The
 * checks run under a per-person lock so two requests cannot both pass them.
 */
export async function openCompulsoryUseCase(
  deps: TreatmentDeps,
  principal: Actor,
  guard: JurisdictionGuard,
  input: OpenCompulsoryInput,
): Promise<{ kase: StoredCase; created: boolean }> {
  requireNotFuture(deps, 'violationOn', input.violationOn);
  const person = await deps.persons.get(input.personId);
  if (!person) {
    throw new RuleViolationError(sharedErrors.personUnknown, {
      field: 'personId',
      params: { personId: input.personId },
    });
  }
  const unitCode = input.unitCode ?? person.residenceUnitCode;
  guard(unitCode);
  return deps.cases.exclusive(`compulsory-person:${input.personId}`, async () => {
    const cases = await deps.cases.byPerson(input.personId);
    const resent = cases.find((kase) => sameRecord(kase, input.violationRecordId));
    if (resent) return { kase: resent, created: false };
    const open = cases.find((kase) => kase.kind === 'compulsory' && !FINAL.includes(kase.state));
    if (open) {
      throw new RuleViolationError(compulsoryAppErrors.placementOpen, {
        legalRef: 'Law 73/2021/QH14 Art. 32, 33',
        params: { personId: input.personId, caseId: open.id, state: open.state },
      });
    }
    const placed = cases.find(
      (kase) => kase.kind === 'compulsory' && kase.placement.admission !== undefined,
    );
    if (placed && input.ordinal === 'first') {
      throw new RuleViolationError(compulsoryAppErrors.firstButPlacedBefore, {
        field: 'ordinal',
        legalRef: 'Law 120/2025/QH15',
        params: { personId: input.personId, caseId: placed.id },
      });
    }
    const build = (id: string) =>
      asCompulsoryCase(
        openPlacement(
          {
            id,
            personId: input.personId,
            unitCode,
            dateOfBirth: person.dateOfBirth,
            trigger: input.trigger,
            violationRecordId: input.violationRecordId,
            violationOn: input.violationOn,
            ordinal: input.ordinal,
            ...(input.ageGroup ? { ageGroup: input.ageGroup } : {}),
          },
          deps.compulsoryRules,
        ),
        deps.compulsoryRules,
      );
    // The rules (age group, trigger) are checked before the record's key is claimed, so a
    // refused request leaves nothing behind.
    build(input.violationRecordId);
    const result = await openCase(deps, `violation:${input.violationRecordId}`, principal, build);
    if (!result.created && result.kase.personId !== input.personId) {
      throw new ConflictError(compulsoryAppErrors.violationRecordUsed, {
        field: 'violationRecordId',
        params: { violationRecordId: input.violationRecordId, caseId: result.kase.id },
      });
    }
    return result;
  });
}
