// What this service keeps from other services' events: opioid addiction results (admission
// basis) and guest visits by site (a site's queue finds its guests by equality).
import type { Connection } from 'mongoose';
import type { Persistence } from '@rehab/persistence';
import type { GuestVisits, OpioidResults } from '../app/ports.ts';

interface ResultDoc {
  _id: string;
  determinationId: string;
  concludedOn: string;
  opioid: boolean;
}

export function opioidResults(persistence: Persistence, connection: Connection): OpioidResults {
  persistence.declare('opioidResults');
  const col = connection.collection<ResultDoc>('opioidResults');
  return {
    async record({ personId, ...result }) {
      // One person's results arrive in order on one partition: the latest conclusion wins.
      await col.replaceOne({ _id: personId }, result, { upsert: true });
    },
    async hasOpioidResult(personId) {
      return (await col.findOne({ _id: personId }))?.opioid === true;
    },
  };
}

interface VisitDoc {
  _id: string;
  siteId: string;
  patientId: string;
  from: string;
  to: string;
}

export function guestVisits(persistence: Persistence, connection: Connection): GuestVisits {
  persistence.declare('guestVisits', [{ key: { siteId: 1 } }]);
  const col = connection.collection<VisitDoc>('guestVisits');
  return {
    async add({ id, ...visit }) {
      await col.insertOne({ _id: id, ...visit });
    },
    async atSite(siteId) {
      return (await col.find({ siteId }).toArray()).map(({ _id, siteId: _s, ...rest }) => ({
        id: _id,
        ...rest,
      }));
    },
  };
}
