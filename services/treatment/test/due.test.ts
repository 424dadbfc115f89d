// The work queue of a unit (GET /due) read from the due index, on the real stack. Cases are
// opened through the use case the assessment's event calls (that path has its own test in
// cases.test.ts): the service does not consume here, so the queue holds only these cases.
import { addDays, addYears, todayIn } from '@rehab/domain-kit';
import { loadConfig } from '@rehab/service-kit';
import {
  createTestIdentityProvider,
  testStackEnv,
  uniqueDatabaseUrl,
  type TokenClaims,
  standInSettings,
} from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFromResultUseCase } from '../src/app/registration.ts';
import { treatmentConfigSchema } from '../src/config.ts';
import { createTreatmentService, type TreatmentService } from '../src/service.ts';

interface Item {
  caseId: string;
  unitCode: string;
  kind: string;
  what: string;
  dueBy: string;
  actor: string;
  overdue: boolean;
}

const idp = createTestIdentityProvider();
const today = todayIn();
let service: TreatmentService;
const api = () => request(service.app);
const as = (claims: Partial<TokenClaims> & Pick<TokenClaims, 'agency' | 'orgUnit'>) => ({
  Authorization: `Bearer ${idp.issue({ sub: `${claims.agency}-user`, roles: ['officer'], ...claims })}`,
});
const province = as({ agency: 'labour', orgUnit: '99' });
const commune = as({ agency: 'commune', orgUnit: '99003' });
const operator = as({ agency: 'it', orgUnit: '99', roles: ['operator'] });
const cases: Record<string, string> = {};

async function openCase(name: string, unitCode: string, deadline: string, dateOfBirth: string) {
  const personId = uuidv7();
  await service.deps.persons.upsert({
    id: personId,
    fullName: `Nguyễn Văn ${name}`,
    dateOfBirth,
    sex: 'male',
    residenceUnitCode: unitCode,
  });
  const kase = await openFromResultUseCase(service.deps, {
    determinationId: uuidv7(),
    personId,
    notifiedOn: addDays(today, -12),
    registrationDeadline: deadline,
  });
  cases[name] = kase.id;
}

const queue = async (query: string, headers = province) => {
  const res = await api().get(`/treatment/v1/due?${query}`).set(headers);
  expect(res.status).toBe(200);
  return res.body as { overdue: number; items: Item[]; nextCursor?: string };
};
const names = (items: Item[]) =>
  items.map((item) => Object.keys(cases).find((name) => cases[name] === item.caseId));

beforeAll(async () => {
  const stack = testStackEnv();
  service = await createTreatmentService(
    loadConfig(treatmentConfigSchema, {
      PORT: '0',
      MONGO_URL: uniqueDatabaseUrl('treatment'),
      ...standInSettings(),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      OUTBOX_POLL_MS: '50',
    }),
    { consume: false },
  );
  const adult = '1990-03-04';
  await openCase('late', '99002', addDays(today, -3), adult);
  await openCase('first', '99001', addDays(today, 1), adult);
  await openCase('minor', '99003', addDays(today, 2), addYears(today, -15));
  await openCase('registers', '99003', addDays(today, 3), adult);
  // A commune that merged in 2025: its historic code still lies within the province.
  await openCase('historic', '99-X01', addDays(today, 4), adult);
});
afterAll(async () => {
  await service?.stop();
});

describe('work queue of a unit (GET /treatment/v1/due)', () => {
  it("lists a province's communes, historic ones included, overdue first then by date", async () => {
    const body = await queue('unitCode=99');
    expect(names(body.items)).toEqual(['late', 'first', 'minor', 'registers', 'historic']);
    expect(body.overdue).toBe(1);
    expect(body.items[0]).toMatchObject({ overdue: true, unitCode: '99002', actor: 'person' });
    expect(body.items.slice(1).every((item) => !item.overdue)).toBe(true);
    expect(body.items[2]).toMatchObject({ actor: 'guardian', kind: 'awaiting-registration' });
  });

  it('shows a commune officer the commune only, and refuses another commune or the province', async () => {
    expect(names((await queue('unitCode=99003', commune)).items)).toEqual(['minor', 'registers']);
    for (const unitCode of ['99001', '99']) {
      const res = await api().get(`/treatment/v1/due?unitCode=${unitCode}`).set(commune);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('outside-jurisdiction');
    }
  });

  it('filters by actor, the overdue count following the filter', async () => {
    const guardians = await queue('unitCode=99&actor=guardian');
    expect(names(guardians.items)).toEqual(['minor']);
    expect(guardians.overdue).toBe(0);
    const persons = await queue('unitCode=99&actor=person,commune');
    expect(names(persons.items)).toEqual(['late', 'first', 'registers', 'historic']);
    expect(persons.overdue).toBe(1);
  });

  it('pages with a cursor through the same order, every page counting the whole overdue', async () => {
    const seen: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue(`unitCode=99&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.overdue).toBe(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(names(seen)).toEqual(['late', 'first', 'minor', 'registers', 'historic']);
    const bad = await api().get('/treatment/v1/due?unitCode=99&cursor=bm9wZQ').set(province);
    expect(bad.status).toBe(400);
  });

  it('drops a case from the queue once it needs nothing more (registered for methadone)', async () => {
    const res = await api()
      .post(`/treatment/v1/cases/${cases.registers}/registration`)
      .set(commune)
      .send({ modality: 'methadone' });
    expect(res.status).toBe(200);
    expect(names((await queue('unitCode=99003', commune)).items)).toEqual(['minor']);
  });

  it('sweeps only the registration past its deadline: its violation and the compulsory dossier join the queue', async () => {
    const sweep = await api().post('/treatment/v1/ops/sweep').set(operator);
    expect(sweep.body.overdue).toBe(1);
    const late = (await queue('unitCode=99002')).items;
    expect(late.map((item) => [item.kind, item.what])).toEqual(
      expect.arrayContaining([
        ['awaiting-registration', 'violation-recorded-compulsory-placement-basis'],
        ['compulsory', 'compile-compulsory-dossier'],
      ]),
    );
    expect(late).toHaveLength(2);
    const again = await api().post('/treatment/v1/ops/sweep').set(operator);
    expect(again.body.overdue).toBe(0);
  });

  it('finishes a queue update that a crash interrupted, at the next sweep', async () => {
    // As if the process died after writing the case (with its new, empty digest) and before
    // moving its queue entries: only the announced move knows the entry to remove.
    const caseId = cases.historic ?? '';
    const connection = service.platform.connection;
    await connection.collection<{ _id: string }>('cases').updateOne(
      { _id: caseId },
      {
        $set: {
          state: 'registered',
          registration: { on: today, modality: 'methadone' },
          dueDigest: [],
        },
      },
    );
    await connection
      .collection<{ _id: string; units: string[]; remove: string[]; since: Date }>('duePending')
      .insertOne({
        _id: caseId,
        units: ['99-X01'],
        remove: [`${addDays(today, 4)} ${caseId} register-voluntary-rehab-or-methadone`],
        since: new Date(0),
      });
    expect(names((await queue('unitCode=99')).items)).toContain('historic');
    await api().post('/treatment/v1/ops/sweep').set(operator);
    expect(names((await queue('unitCode=99')).items)).not.toContain('historic');
  });
});

describe('many cases of one commune at once (their queue edits go together)', () => {
  const UNIT = '99004';
  const late = Array.from({ length: 15 }, (_, i) => `crowd-late-${i}`);
  const onTime = Array.from({ length: 15 }, (_, i) => `crowd-on-time-${i}`);
  const items = async () => (await queue(`unitCode=${UNIT}&limit=200`)).items;

  it('lists each of 30 cases opened concurrently in the commune once', async () => {
    await Promise.all([
      ...late.map((name) => openCase(name, UNIT, addDays(today, -2), '1991-06-07')),
      ...onTime.map((name) => openCase(name, UNIT, addDays(today, 5), '1991-06-07')),
    ]);
    const listed = names(await items());
    expect(listed).toHaveLength(30);
    expect(new Set(listed)).toEqual(new Set([...late, ...onTime]));
  });

  it('moves every one of 15 cases the sweep turns overdue at once, and no other', async () => {
    const sweep = await api().post('/treatment/v1/ops/sweep').set(operator);
    expect(sweep.body.overdue).toBe(15);
    const after = await items();
    const byCase = new Map<string, string[]>();
    for (const item of after)
      byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), item.what]);
    for (const name of late) {
      expect(byCase.get(cases[name] ?? ''), name).toEqual([
        'violation-recorded-compulsory-placement-basis',
      ]);
    }
    for (const name of onTime) {
      expect(byCase.get(cases[name] ?? ''), name).toEqual([
        'register-voluntary-rehab-or-methadone',
      ]);
    }
    // Each late case's compulsory dossier joined the queue as a case of its own.
    const dossiers = after.filter((item) => item.kind === 'compulsory');
    expect(dossiers.map((item) => item.what)).toEqual(late.map(() => 'compile-compulsory-dossier'));
    expect(after).toHaveLength(45);
  });
});
