import type { Connection } from 'mongoose';

/**
 * Admissions to methadone treatment seen on methadone.treatment.v1, by person: an admission
 * may arrive before the "addicted" result whose registration case it closes (two topics, no
 * order between them), so the case opened later is closed at once.
 */
export interface SubstitutionAdmissions {
  record(personId: string, admittedOn: string): Promise<void>;
  admittedOn(personId: string): Promise<string | undefined>;
  /** The treatment ended (discharged or completed): a later result is a new duty. */
  forget(personId: string): Promise<void>;
}

export function mongoSubstitutionAdmissions(connection: Connection): SubstitutionAdmissions {
  const col = connection.collection<{ _id: string; admittedOn: string }>('substitutionAdmissions');
  return {
    async record(personId, admittedOn) {
      // One person's events arrive in order on one partition: the latest admission wins.
      await col.replaceOne({ _id: personId }, { admittedOn }, { upsert: true });
    },
    async admittedOn(personId) {
      return (await col.findOne({ _id: personId }))?.admittedOn;
    },
    async forget(personId) {
      await col.deleteOne({ _id: personId });
    },
  };
}
