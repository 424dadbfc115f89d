// Job placements (giới thiệu việc làm) and their follow-ups at 3, 6 and 12 months.
import { placementFollowedUp, supportGiven } from '@rehab/events';
import type { LocalDate } from '@rehab/domain-kit';
import {
  newPlacement,
  recordFollowUp,
  type ContractKind,
  type Placement,
} from '../domain/index.ts';
import {
  appErrors,
  found,
  knownPerson,
  vocationalEvent,
  type Actor,
  type JurisdictionGuard,
  type VocationalDeps,
} from './deps.ts';
import type { Stored } from './ports.ts';
import { markSupported } from './support-files.ts';

export async function placementUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: {
    personId: string;
    employer: { name: string; taxCode?: string | undefined };
    startsOn: LocalDate;
    contract: ContractKind;
  },
): Promise<Stored<Placement>> {
  const person = await knownPerson(deps, input.personId, guard);
  const placement: Stored<Placement> = {
    ...newPlacement(
      {
        id: deps.newId(),
        personId: person.id,
        unitCode: person.residenceUnitCode,
        employer: {
          name: input.employer.name,
          ...(input.employer.taxCode ? { taxCode: input.employer.taxCode } : {}),
        },
        startsOn: input.startsOn,
        contract: input.contract,
      },
      deps.rules,
    ),
    version: 1,
  };
  await deps.placements.insert(placement, [
    vocationalEvent(supportGiven, person.id, actor, {
      supportId: placement.id,
      personId: person.id,
      kind: 'job-placement',
      on: placement.startsOn,
      unitCode: placement.unitCode,
      status: placement.contract,
    }),
  ]);
  await markSupported(deps, person.id, person.residenceUnitCode, {
    id: placement.id,
    kind: 'job-placement',
    on: placement.startsOn,
  });
  return placement;
}

export async function followUpUseCase(
  deps: VocationalDeps,
  actor: Actor,
  guard: JurisdictionGuard,
  input: {
    placementId: string;
    on: LocalDate;
    stillEmployed: boolean;
    note?: string | undefined;
    expectedVersion?: number | undefined;
  },
): Promise<Stored<Placement>> {
  const { aggregate } = await deps.placements.change(
    input.placementId,
    (current) => {
      const { next, followUp } = recordFollowUp(current, input);
      return {
        next: { ...next, version: current.version },
        events: [
          vocationalEvent(placementFollowedUp, current.personId, actor, {
            placementId: current.id,
            personId: current.personId,
            months: followUp.months,
            on: input.on,
            stillEmployed: input.stillEmployed,
            unitCode: current.unitCode,
          }),
        ],
        result: undefined,
      };
    },
    { check: (current) => guard(current.unitCode), expectedVersion: input.expectedVersion },
  );
  return aggregate;
}

export async function loadPlacement(
  deps: VocationalDeps,
  id: string,
  guard: JurisdictionGuard,
): Promise<Stored<Placement>> {
  const placement = found(await deps.placements.get(id), appErrors.placementNotFound, { id });
  guard(placement.unitCode);
  return placement;
}
