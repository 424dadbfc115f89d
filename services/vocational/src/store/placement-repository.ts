// Job placements on the persistence kit; the work queue finds a commune's (or a province's)
// placements with a follow-up still to record by one equality key.
import type { UnitDirectory } from '@rehab/service-kit';
import type { Persistence } from '@rehab/persistence';
import { appErrors } from '../app/deps.ts';
import type { PlacementRepository } from '../app/ports.ts';
import type { Placement } from '../domain/index.ts';
import { aggregatesOn } from './aggregates.ts';

export function placementRepository(
  persistence: Persistence,
  units: UnitDirectory,
): PlacementRepository {
  const placements = aggregatesOn<Placement>(persistence, {
    collection: 'placements',
    notFound: appErrors.placementNotFound,
    keyNames: ['communeFollowUps', 'provinceFollowUps'],
    keys: (placement) => ({
      communeFollowUps: placement.followUpOpen ? placement.unitCode : undefined,
      provinceFollowUps: placement.followUpOpen
        ? units.provinceOf(placement.unitCode)?.code
        : undefined,
    }),
  });
  return {
    get: placements.get,
    insert: placements.insert,
    change: placements.change,
    withFollowUpOpen(unitCode) {
      return units.get(unitCode)?.level === 'province'
        ? placements.store.findBy({ provinceFollowUps: unitCode })
        : placements.store.findBy({ communeFollowUps: unitCode });
    },
  };
}
