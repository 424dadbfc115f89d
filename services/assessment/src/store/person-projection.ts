import type { Connection } from 'mongoose';

/** What the assessment service knows of a person, from the registry's events only. */
export interface ProjectedPerson {
  id: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  residenceUnitCode: string;
}

interface ProjectedDoc extends Omit<ProjectedPerson, 'id'> {
  _id: string;
  updatedAt: Date;
}

/** The local projection of persons (no reads of the registry's database). */
export interface PersonProjection {
  upsert(person: ProjectedPerson): Promise<void>;
  get(id: string): Promise<ProjectedPerson | undefined>;
}

export function mongoPersonProjection(connection: Connection): PersonProjection {
  const col = connection.collection<ProjectedDoc>('persons');
  return {
    async upsert({ id, ...rest }) {
      // One person's events arrive in order on one partition: last write wins is correct.
      await col.replaceOne({ _id: id }, { ...rest, updatedAt: new Date() }, { upsert: true });
    },
    async get(id) {
      const doc = await col.findOne({ _id: id });
      if (!doc) return undefined;
      const { _id, updatedAt: _updated, ...rest } = doc;
      return { id: _id, ...rest };
    },
  };
}
