// The book of each site: stock movements and doses as append-only register entries, each
// hashed onto the previous one, and a head document holding the running state (lots, open
// discrepancies, the chain's head). Appends of one site run one at a time under the kit's
// insert lock; the entries are inserted before the head is rewritten, so a writer that dies
// in between leaves entries the next append rolls the head forward over (`stateAfter`).
import type { Connection } from 'mongoose';
import type { Persistence } from '@rehab/persistence';
import type { LedgerState, SiteLedger } from '../app/ports.ts';
import { appendEntry, GENESIS_HASH, type Digest, type RegisterEntry } from '../domain/index.ts';

type StateFields = Pick<LedgerState, 'lots' | 'discrepancies'>;

interface EntryDoc extends RegisterEntry {
  _id: string;
  /** `<siteId>|<serviceDate>`: the day's register by a top-level equality. */
  siteDay: string;
  /** The site's state after this entry's append: only for rolling a stale head forward. */
  stateAfter: StateFields;
}

interface HeadDoc extends StateFields {
  _id: string;
  seq: number;
  hash: string;
}

const entryId = (siteId: string, seq: number) => `${siteId}:${String(seq).padStart(9, '0')}`;

const toEntry = ({ _id, siteDay: _d, stateAfter: _s, ...entry }: EntryDoc): RegisterEntry => entry;

export const REGISTER_COLLECTION = 'registerEntries';

export function siteLedger(
  persistence: Persistence,
  connection: Connection,
  digest: Digest,
  now: () => Date,
): SiteLedger {
  persistence.declare(REGISTER_COLLECTION, [
    { key: { siteDay: 1 } },
    { key: { siteId: 1 } },
    { key: { key: 1 }, unique: true },
  ]);
  persistence.declare('ledgerHeads');
  const entries = connection.collection<EntryDoc>(REGISTER_COLLECTION);
  const heads = connection.collection<HeadDoc>('ledgerHeads');

  const readState = async (siteId: string): Promise<LedgerState> => {
    const head = await heads.findOne({ _id: siteId });
    let state: LedgerState = head
      ? {
          siteId,
          seq: head.seq,
          hash: head.hash,
          lots: head.lots,
          discrepancies: head.discrepancies,
        }
      : { siteId, seq: 0, hash: GENESIS_HASH, lots: [], discrepancies: [] };
    for (;;) {
      const next = await entries.findOne({ _id: entryId(siteId, state.seq + 1) });
      if (!next) return state;
      state = { siteId, seq: next.seq, hash: next.hash, ...next.stateAfter };
    }
  };

  return {
    append(siteId, key, plan) {
      return persistence.exclusive(`ledger:${siteId}`, async () => {
        const existing = await entries.findOne({ key });
        if (existing) return { entries: [], existing: toEntry(existing) };
        const state = await readState(siteId);
        const decided = plan(state);
        const recordedAt = now().toISOString();
        const built: RegisterEntry[] = [];
        let previous = state.seq > 0 ? { seq: state.seq, hash: state.hash } : undefined;
        decided.entries.forEach((content, i) => {
          const entry = appendEntry(
            previous,
            { ...content, siteId, recordedAt, key: i === 0 ? key : `${key}#${i}` },
            digest,
          );
          built.push(entry);
          previous = entry;
        });
        const after: StateFields = { lots: decided.lots, discrepancies: decided.discrepancies };
        if (built.length > 0) {
          await entries.insertMany(
            built.map((entry) => ({
              _id: entryId(siteId, entry.seq),
              ...entry,
              siteDay: `${siteId}|${entry.serviceDate}`,
              stateAfter: after,
            })),
            { ordered: true },
          );
        }
        const last = built.at(-1);
        await heads.replaceOne(
          { _id: siteId },
          { seq: last?.seq ?? state.seq, hash: last?.hash ?? state.hash, ...after },
          { upsert: true },
        );
        return { entries: built, result: decided.result };
      });
    },
    state: readState,
    async entriesOn(siteId, serviceDate) {
      const docs = await entries.find({ siteDay: `${siteId}|${serviceDate}` }).toArray();
      return docs.map(toEntry).sort((a, b) => a.seq - b.seq);
    },
    async allEntries(siteId) {
      const docs = await entries.find({ siteId }).toArray();
      return docs.map(toEntry).sort((a, b) => a.seq - b.seq);
    },
  };
}
