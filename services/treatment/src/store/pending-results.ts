import type { Connection } from 'mongoose';

/** An "addicted" result that arrived before the registry's event about the person. */
export interface PendingResult {
  determinationId: string;
  personId: string;
  notifiedOn: string;
  registrationDeadline?: string;
}

/**
 * Results parked until the person is known: the two streams come from different topics,
 * so no order between them is guaranteed, and a result must not be dead-lettered for it.
 */
export interface PendingResults {
  park(result: PendingResult): Promise<void>;
  forPerson(personId: string): Promise<PendingResult[]>;
  remove(determinationId: string): Promise<void>;
}

export function mongoPendingResults(connection: Connection): PendingResults {
  const col = connection.collection<PendingResult & { _id: string }>('pendingResults');
  return {
    async park(result) {
      await col.replaceOne({ _id: result.determinationId }, { ...result }, { upsert: true });
    },
    async forPerson(personId) {
      // A small collection (results waiting seconds for their person): a scan is fine.
      return (await col.find({ personId }).toArray()).map(({ _id: _key, ...rest }) => rest);
    },
    async remove(determinationId) {
      await col.deleteOne({ _id: determinationId });
    },
  };
}
