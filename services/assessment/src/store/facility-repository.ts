import type { Connection } from 'mongoose';
import { isDuplicateKey } from '@rehab/service-kit';
import type { FacilityRepository } from '../app/ports.ts';
import type { CertifiedAssessor, CertifiedFacility } from '../domain/index.ts';

interface FacilityDoc extends Omit<CertifiedFacility, 'id'> {
  _id: string;
  createdAt: Date;
}
interface AssessorDoc extends CertifiedAssessor {
  /** `<facilityId>|<userId>`: an assessor is looked up by facility and user, by `_id`. */
  _id: string;
}

export function mongoFacilityRepository(connection: Connection): FacilityRepository {
  const facilities = connection.collection<FacilityDoc>('facilities');
  const assessors = connection.collection<AssessorDoc>('assessors');
  const toFacility = ({ _id, createdAt: _created, ...rest }: FacilityDoc): CertifiedFacility => ({
    id: _id,
    ...rest,
  });
  const toAssessor = ({ _id: _key, ...rest }: AssessorDoc): CertifiedAssessor => rest;
  return {
    async insertFacility(facility) {
      const { id, ...rest } = facility;
      await facilities.insertOne({ _id: id, ...rest, createdAt: new Date() });
    },
    async getFacility(id) {
      const doc = await facilities.findOne({ _id: id });
      return doc ? toFacility(doc) : undefined;
    },
    async listFacilities() {
      return (await facilities.find().sort({ _id: 1 }).limit(1000).toArray()).map(toFacility);
    },
    async insertAssessor(assessor) {
      try {
        await assessors.insertOne({
          _id: `${assessor.facilityId}|${assessor.userId}`,
          ...assessor,
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async getAssessor(facilityId, userId) {
      const doc = await assessors.findOne({ _id: `${facilityId}|${userId}` });
      return doc ? toAssessor(doc) : undefined;
    },
    async listAssessors(facilityId) {
      // A facility has a handful of assessors; a scan of this small collection is fine.
      return (await assessors.find({ facilityId }).limit(1000).toArray()).map(toAssessor);
    },
  };
}
