// Seeds open treatment cases through the treatment service's own repository, so the keys
// and the due index are written exactly as the service writes them, in batches (one
// insertMany per 1,000 cases). For measurements at province scale (bench/treatment.bench.ts)
// and for trying the work queues by hand. Cases are spread evenly over communes
// 99001..99006; the mix of kinds is `caseMix` (treatment-case-mix.ts), registrations take
// the rest, and `--past-deadline` of them have a deadline that has passed (the sweep's work).
// Seeded cases announce nothing on Kafka (their outboxes are empty). Persons are projected
// for the registrations only: the sweep needs them to open compulsory cases.
//
//   npm run -s seed:treatment -- --cases 20000 --mongo mongodb://127.0.0.1:27019/treatment
//   options: --past-deadline 200  --batch 1000  --seed 20260101  --today YYYY-MM-DD
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import {
  createWorkingDayCalendar,
  isLocalDate,
  loadRulebook,
  todayIn,
  type LocalDate,
} from '@rehab/domain-kit';
import { openPersistence } from '@rehab/persistence';
import { connectMongo, mongoPersonProjection, type PersonProjection } from '@rehab/service-kit';
import { createCompulsoryRules } from '../../services/treatment/src/domain/compulsory/index.ts';
import { createTreatmentRules } from '../../services/treatment/src/domain/index.ts';
import type { CaseRepository, StoredCase } from '../../services/treatment/src/app/ports.ts';
import { mongoCaseRepository } from '../../services/treatment/src/store/case-repository.ts';
import {
  caseMix,
  mixedCase,
  registrationCase,
  type CaseMixContext,
  type CaseMixRules,
  type MixedKind,
  type SeedCase,
} from './treatment-case-mix.ts';

export const seedCommunes = ['99001', '99002', '99003', '99004', '99005', '99006'] as const;

export interface SeedOptions {
  count: number;
  /** Registrations whose deadline passed 1-10 days ago. */
  pastDeadline: number;
  today: LocalDate;
  seed?: number;
  batchSize?: number;
  onBatch?: (done: number) => void;
}

export interface SeedSummary {
  cases: number;
  byKind: Record<string, number>;
  seconds: number;
}

/** The treatment service's rulebooks, as the service loads them by default. */
export function serviceRules(): CaseMixRules {
  const read = (name: string) =>
    loadRulebook(
      readFileSync(new URL(`../../services/treatment/rules/${name}`, import.meta.url), 'utf8'),
    );
  const calendar = createWorkingDayCalendar();
  return {
    treatment: createTreatmentRules(read('treatment.rulebook.yaml'), calendar),
    compulsory: createCompulsoryRules(read('compulsory.rulebook.yaml'), calendar),
  };
}

/** mulberry32: small, fast, and the same cases for the same seed (ids and names aside). */
function prng(initial: number): () => number {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The kind of every case to seed, in a shuffled order so each batch is a mix. */
function plan(count: number, pastDeadline: number, random: () => number): MixedKind[] {
  const kinds: MixedKind[] = [];
  for (const [kind, share] of Object.entries(caseMix) as [keyof typeof caseMix, number][]) {
    kinds.push(...Array.from({ length: Math.floor(count * share) }, () => kind));
  }
  const registrations = Math.max(count - kinds.length, pastDeadline);
  kinds.push(...Array.from({ length: registrations }, () => 'awaiting-registration' as const));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as MixedKind, kinds[i] as MixedKind];
  }
  return kinds.slice(0, Math.max(count, pastDeadline));
}

/** Writes `options.count` open cases; returns what was written and how long it took. */
export async function seedTreatmentCases(
  target: { cases: CaseRepository; persons: PersonProjection },
  options: SeedOptions,
): Promise<SeedSummary> {
  const started = performance.now();
  const random = prng(options.seed ?? 20260101);
  const rules = serviceRules();
  const kinds = plan(options.count, options.pastDeadline, random);
  const byKind: Record<string, number> = {};
  let pastLeft = options.pastDeadline;
  const build = (kind: MixedKind, i: number): SeedCase => {
    const ctx: CaseMixContext = {
      rules,
      today: options.today,
      unitCode: seedCommunes[i % seedCommunes.length] ?? '99001',
      random,
      newId: uuidv7,
    };
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (kind !== 'awaiting-registration') return mixedCase(ctx, kind);
    // Passed 1-10 days ago for the sweep's share; otherwise due today or in the next 6 days.
    const deadlineIn = pastLeft-- > 0 ? -1 - Math.floor(random() * 10) : Math.floor(random() * 7);
    return registrationCase(ctx, deadlineIn);
  };
  const batchSize = options.batchSize ?? 1_000;
  for (let from = 0; from < kinds.length; from += batchSize) {
    const batch = kinds.slice(from, from + batchSize).map((kind, i) => build(kind, from + i));
    await target.cases.insertMany(
      batch.map(({ kase }) => ({ kase: { ...kase, version: 1 } as StoredCase, events: [] })),
    );
    const registrants = batch.filter(({ kase }) => kase.kind === 'awaiting-registration');
    for (let i = 0; i < registrants.length; i += 16) {
      await Promise.all(
        registrants.slice(i, i + 16).map(({ person }) =>
          target.persons.upsert({
            ...person,
            fullName: 'Người Thử Nghiệm',
            sex: random() < 0.85 ? 'male' : 'female',
          }),
        ),
      );
    }
    options.onBatch?.(from + batch.length);
  }
  return { cases: kinds.length, byKind, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '20000' },
      mongo: { type: 'string', default: process.env.MONGO_URL ?? '' },
      'past-deadline': { type: 'string', default: '200' },
      batch: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '20260101' },
      today: { type: 'string', default: todayIn() },
    },
  });
  const count = Number(values.cases);
  const pastDeadline = Number(values['past-deadline']);
  if (!values.mongo || !/^mongodb(\+srv)?:\/\/[^/]+\/\w+/.test(values.mongo)) {
    throw new Error(
      '--mongo must be a MongoDB URL with the database, e.g. mongodb://host/treatment',
    );
  }
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(pastDeadline)) {
    throw new Error('--cases and --past-deadline must be whole numbers');
  }
  if (!isLocalDate(values.today)) throw new Error('--today must be a date written YYYY-MM-DD');
  const connection = await connectMongo(values.mongo, { appName: 'seed-treatment' });
  try {
    // Seeded cases announce nothing, so the relay never publishes: no broker is needed.
    const persistence = openPersistence({
      connection,
      mongoUrl: values.mongo,
      concurrency: 'insert-lock',
      publisher: { publish: async () => {}, publishRaw: async () => {} },
      standInPostgresUrl: process.env.FERRETDB_POSTGRESQL_URL,
      relay: { poll: false },
    });
    const cases = mongoCaseRepository(persistence, connection);
    await persistence.ensureIndexes();
    await cases.ensureDueIndex();
    const summary = await seedTreatmentCases(
      { cases, persons: mongoPersonProjection(connection) },
      {
        count,
        pastDeadline,
        today: values.today,
        seed: Number(values.seed),
        batchSize: Number(values.batch),
        onBatch: (done) => process.stderr.write(`\r${done} cases`),
      },
    );
    process.stderr.write('\n');
    console.log(
      `${summary.cases} open cases in ${summary.seconds.toFixed(1)} s (${Math.round(summary.cases / summary.seconds)}/s)`,
    );
    for (const [kind, n] of Object.entries(summary.byKind).sort()) {
      console.log(`  ${kind.padEnd(40)}${String(n).padStart(7)}`);
    }
  } finally {
    await connection.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
