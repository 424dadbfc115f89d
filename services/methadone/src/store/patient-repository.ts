// Patients as aggregates of the persistence kit (their events in the same write, the
// outbox), found by person, clinic and status; one enrolment in treatment per person is a
// claim keyed by the person.
import { NotFoundError } from '@rehab/domain-kit';
import { flatDocument, type Persistence } from '@rehab/persistence';
import { appErrors } from '../app/app-errors.ts';
import type { PatientRepository, StoredPatient } from '../app/ports.ts';

export function patientRepository(persistence: Persistence): PatientRepository {
  const store = persistence.aggregates<StoredPatient>({
    collection: 'patients',
    indexes: [{ key: { personId: 1 } }, { key: { clinicId: 1 } }, { key: { status: 1 } }],
    ...flatDocument<StoredPatient>(),
    notFound: (id) => new NotFoundError(appErrors.patientNotFound, { params: { id } }),
  });
  const active = persistence.claims('activeEnrolments');
  return {
    insert: async (patient, events) => {
      await store.insert(patient, events);
    },
    get: (id) => store.get(id),
    change: (id, decide, options) =>
      store.change(
        id,
        decide,
        options?.expectedVersion ? { expectedVersion: options.expectedVersion } : {},
      ),
    listByClinic: (clinicId) => store.findBy({ clinicId }),
    listByPerson: (personId) => store.findBy({ personId }),
    listAdmitted: () => store.findBy({ status: 'admitted' }),
    claimActive: (personId, patientId) =>
      active.claim(personId, patientId, {
        // A patient that never came to exist (its insert failed) frees the person.
        isOrphan: async (holder) => !(await store.exists(holder)),
      }),
    releaseActive: (personId, patientId) => active.release(personId, patientId),
  };
}
