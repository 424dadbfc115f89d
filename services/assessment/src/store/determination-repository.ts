import { flatDocument, type Persistence } from '@rehab/persistence';
import { NotFoundError } from '@rehab/domain-kit';
import { appErrors } from '../app/app-errors.ts';
import type { DeterminationRepository, StoredDetermination } from '../app/ports.ts';

/**
 * Determinations on the persistence kit: one document each with its outbox, found by person
 * through the indexed `personId` (an equality the stand-in pushes down), and the claim that
 * binds a registry referral to the one determination it opens.
 */
export function mongoDeterminationRepository(persistence: Persistence): DeterminationRepository {
  const store = persistence.aggregates<StoredDetermination>({
    collection: 'determinations',
    indexes: [{ key: { personId: 1 } }],
    ...flatDocument<StoredDetermination>(),
    notFound: (id) => new NotFoundError(appErrors.determinationNotFound, { params: { id } }),
  });
  const referrals = persistence.claims('referralDeterminations');
  return {
    insert: (determination, events) => store.insert(determination, events),
    get: (id) => store.get(id),
    change: (id, decide) => store.change(id, decide),
    listByPerson: (personId) => store.findBy({ personId }),
    async claimReferral(referralId, determinationId) {
      const claim = await referrals.claim(referralId, determinationId);
      return { claimed: claim.claimed, determinationId: claim.holder };
    },
  };
}
