// Clinics as aggregates of the persistence kit; each site id bound to its clinic by a claim
// (an insert against the unique site id), so a site is found by `_id`.
import { NotFoundError } from '@rehab/domain-kit';
import { flatDocument, type Persistence } from '@rehab/persistence';
import { appErrors } from '../app/app-errors.ts';
import type { Clinic, ClinicRepository } from '../app/ports.ts';

export function clinicRepository(persistence: Persistence): ClinicRepository {
  const store = persistence.aggregates<Clinic>({
    collection: 'clinics',
    ...flatDocument<Clinic>(),
    notFound: (id) => new NotFoundError(appErrors.clinicNotFound, { params: { id } }),
  });
  const sites = persistence.claims('siteClinics');
  return {
    insert: async (clinic) => {
      await store.insert(clinic, []);
    },
    get: (id) => store.get(id),
    list: () => store.findBy({}),
    change: (id, decide) => store.change(id, decide),
    async bindSite(siteId, clinicId) {
      await sites.claim(siteId, clinicId);
    },
    clinicOfSite: (siteId) => sites.holderOf(siteId),
  };
}
