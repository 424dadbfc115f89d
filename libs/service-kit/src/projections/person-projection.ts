import type { Connection } from 'mongoose';
import type { z } from 'zod';
import {
  determinationReferred,
  personRegistered,
  personUpdated,
  type EventEnvelope,
  type personSnapshot,
} from '@rehab/events';

/** What a service knows of a person, from the registry's events only (no name search, no ID). */
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

/**
 * The local projection of persons other services keep (docs/architecture.md section 3: no
 * service reads another's database).
 */
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

/**
 * Keeps the projection from one event of `registry.person.v1`: registrations, corrections
 * and referrals carry the person's snapshot; other events change nothing here. Returns
 * whether the event was a snapshot.
 */
export async function projectRegistryPerson(
  projection: PersonProjection,
  event: EventEnvelope,
): Promise<boolean> {
  let personId: string;
  let person: z.output<typeof personSnapshot>;
  if (event.type === personRegistered.type || event.type === personUpdated.type) {
    ({ personId, person } = personRegistered.schema.parse(event.data));
  } else if (event.type === determinationReferred.type) {
    ({ personId, person } = determinationReferred.schema.parse(event.data));
  } else {
    return false;
  }
  await projection.upsert({
    id: personId,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    residenceUnitCode: person.residenceUnitCode,
  });
  return true;
}
