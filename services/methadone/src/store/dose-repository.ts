// Doses, one document per patient-day keyed `<patientId>:<serviceDate>`, and the claims
// that bind each patient-day to the one request recording it. Found by `_id`, by the
// clinic's day (the today queue) and by patient (the FHIR bundle).
import type { Connection } from 'mongoose';
import type { Persistence } from '@rehab/persistence';
import type { DoseRecord, DoseRepository } from '../app/ports.ts';

interface DoseDoc extends Omit<DoseRecord, 'id'> {
  _id: string;
  /** `<clinicId>|<serviceDate>`: a top-level equality the stand-in pushes down. */
  clinicDay: string;
}

export const DOSES_COLLECTION = 'doses';

export function doseRepository(persistence: Persistence, connection: Connection): DoseRepository {
  persistence.declare(DOSES_COLLECTION, [{ key: { clinicDay: 1 } }, { key: { patientId: 1 } }]);
  const col = connection.collection<DoseDoc>(DOSES_COLLECTION);
  const slots = persistence.claims('doseSlots');
  const toDose = ({ _id, clinicDay: _day, ...rest }: DoseDoc): DoseRecord => ({ id: _id, ...rest });
  return {
    async get(id) {
      const doc = await col.findOne({ _id: id });
      return doc ? toDose(doc) : undefined;
    },
    claimSlot: (id, holder) =>
      slots.claim(id, holder, {
        // A request that died after claiming never stored its dose: the day is free again.
        isOrphan: async () => (await col.findOne({ _id: id }, { projection: { _id: 1 } })) === null,
      }),
    releaseSlot: (id, holder) => slots.release(id, holder),
    async insert({ id, ...dose }) {
      await col.insertOne({ _id: id, ...dose, clinicDay: `${dose.clinicId}|${dose.serviceDate}` });
    },
    async forClinicDay(clinicId, serviceDate) {
      return (await col.find({ clinicDay: `${clinicId}|${serviceDate}` }).toArray()).map(toDose);
    },
    async forPatient(patientId) {
      const docs = await col.find({ patientId }).toArray();
      return docs.map(toDose).sort((a, b) => (a.serviceDate < b.serviceDate ? -1 : 1));
    },
  };
}
