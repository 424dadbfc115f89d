import type { Connection } from 'mongoose';
import type { Persistence, StoredDocument } from '@rehab/persistence';
import { NotFoundError } from '@rehab/domain-kit';
import { isDuplicateKey } from '@rehab/service-kit';
import { appErrors } from '../app/deps.ts';
import type { CaseRepository, StoredCase } from '../app/ports.ts';
import { caseQueue, indexed, toDomain, type CaseDoc } from './case-queue.ts';
import { dueEntries, DUE_DIGEST_FORMAT } from './due-digest.ts';
import { mongoDueIndex, moveOf } from './due-index.ts';

/**
 * Cases on the persistence kit, found by person or unit through indexed fields, with the
 * due index (due-index.ts) moved in step with every write by the store's write hook.
 */
const unitKindOf = (unitCode: string, kind: string) => `${unitCode}|${kind}`;

export function mongoCaseRepository(
  persistence: Persistence,
  connection: Connection,
): CaseRepository & { ensureDueIndex(): Promise<void> } {
  // Directory and chunk documents are rewritten whole: they always take the insert lock.
  const due = mongoDueIndex(connection, persistence.exclusive);
  const col = connection.collection<CaseDoc>('cases');
  // A resync of a case's entries runs alone for the case, like its writes.
  const queue = caseQueue(col, due, (id, work) => store.exclusive(id, work));
  const store = persistence.aggregates<StoredCase>({
    collection: col.collectionName,
    indexes: [{ key: { personId: 1 } }, { key: { unitKind: 1 } }, { key: { helperId: 1 } }],
    toDocument: (kase) => {
      const { id: _id, version: _version, ...fields } = kase;
      return {
        ...fields,
        dueDigest: dueEntries(kase),
        // Equality keys the stand-in pushes down: one commune's cases of one kind, and the
        // cases a helper is assigned to (at most the rulebook's number).
        unitKind: unitKindOf(kase.unitCode, kase.kind),
        helperId: kase.kind === 'post-rehab' ? kase.helper?.id : undefined,
      };
    },
    fromDocument: (document: StoredDocument) => toDomain(document as unknown as CaseDoc),
    notFound: (id) => new NotFoundError(appErrors.caseNotFound, { params: { id } }),
    // The case's queue entries move from what the index holds for the stored case to what
    // the new state gives, announced first so a crash halfway is finished later.
    onWrite: ({ id, before, after }, commit) =>
      queue.write(id, indexed(before as CaseDoc | undefined), dueEntries(after), commit),
  });
  const claims = persistence.claims('caseClaims');

  return {
    async insert(kase, events) {
      await store.insert(kase, events);
    },
    async insertMany(batch) {
      const docs = batch.map(({ kase, events }) => {
        const { id, ...rest } = kase;
        const dueDigest = dueEntries(kase);
        return {
          _id: id,
          ...rest,
          outbox: events,
          outboxPending: events.length > 0,
          dueDigest,
        } as CaseDoc;
      });
      const digests = docs.map((doc) => doc.dueDigest ?? []);
      const moves = docs.map((doc, i) => moveOf(doc._id, [], digests[i] ?? []));
      await due.announce(moves);
      try {
        await col.insertMany(docs, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      await due.apply(
        { caseId: '', units: [...new Set(moves.flatMap((move) => move.units))], remove: [] },
        digests.flat(),
      );
      await due.done(docs.map((doc) => doc._id));
    },
    get: (id) => store.get(id),
    change: (id, decide, options) => store.change(id, decide, options),
    byPerson: (personId) => store.findBy({ personId }),
    byUnitAndKind: (unitCode, kind) => store.findBy({ unitKind: unitKindOf(unitCode, kind) }),
    byHelper: (helperId) => store.findBy({ helperId }),
    dueWork: (query) => due.page(query),
    dueBefore: (today) => due.dueBefore(today),
    repairDueIndex: () => queue.repair(),
    async claim(key, caseId) {
      return (await claims.claim(key, caseId)).holder;
    },
    exclusive: (key, work) => persistence.exclusive(key, work),
    async ensureDueIndex() {
      if ((await due.format()) >= DUE_DIGEST_FORMAT) return;
      await queue.rebuild();
      await due.setFormat(DUE_DIGEST_FORMAT);
    },
  };
}
