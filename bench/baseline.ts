// The bare baseline the registry is measured against: express + mongoose doing the same
// write and read with nothing else (no auth, validation, audit, outbox or idempotency).
import express from 'express';
import mongoose, { Schema } from 'mongoose';
import { databaseOf, mirrorIndexesOnPostgres } from '@rehab/persistence';

interface BareDocument {
  _id: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  residence: { unitCode: string; address: string };
}

/**
 * Starts the baseline app on its own database; returns the app and a closer. On the stand-in
 * (`postgresUrl` given) its `_id` gets the same GIN index the stack gives every collection,
 * so both sides of a ratio read the same kind of database.
 */
export async function createBaseline(mongoUrl: string, postgresUrl?: string) {
  const connection = await mongoose.createConnection(mongoUrl, { autoIndex: false }).asPromise();
  const model = connection.model<BareDocument>(
    'BarePerson',
    new Schema<BareDocument>(
      {
        _id: String,
        fullName: String,
        dateOfBirth: String,
        sex: String,
        residence: Schema.Types.Mixed,
      },
      { versionKey: false },
    ),
  );
  await model.createCollection();
  if (postgresUrl) await mirrorIndexesOnPostgres(postgresUrl, databaseOf(mongoUrl));
  const app = express();
  app.use(express.json());
  app.post('/baseline/persons', async (req, res) => {
    const body = req.body as Omit<BareDocument, '_id'>;
    const created = await model.create({ _id: crypto.randomUUID(), ...body });
    res.status(201).json(created.toObject());
  });
  app.get('/baseline/persons/:id', async (req, res) => {
    const found = await model.findById(req.params.id).lean();
    if (!found) {
      res.status(404).end();
      return;
    }
    res.json(found);
  });
  /** Fills the collection with `count` persons, so reads and writes run at that size. */
  const seed = async (count: number) => {
    for (let i = 0; i < count; i += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, count - i) }, (_, j) => ({
        _id: crypto.randomUUID(),
        fullName: `Người Mẫu ${i + j}`,
        dateOfBirth: '1990-01-01',
        sex: 'female',
        residence: { unitCode: '99002', address: 'x' },
      }));
      await model.collection.insertMany(batch as never[], { ordered: false });
    }
  };
  /**
   * Stores `document` as it is under `_id`, bypassing the schema: a copy of another
   * service's stored document, so that a bare read or insert of it measures what its shape
   * costs.
   */
  const store = async (_id: string, document: Record<string, unknown>) => {
    await model.collection.insertOne({ ...document, _id } as never);
  };
  // Any document as it is, past the schema: what inserting another service's shape costs.
  app.post('/baseline/documents', async (req, res) => {
    const _id = crypto.randomUUID();
    await store(_id, req.body as Record<string, unknown>);
    res.status(201).json({ _id });
  });
  return { app, seed, store, close: () => connection.close() };
}
