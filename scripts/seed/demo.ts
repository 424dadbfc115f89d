// Seeds the demo province through the public API (via the gateway, never the database):
// about 100 persons in communes 99001..99006 at different stages of the registry workflow.
// Deterministic (seeded PRNG) apart from dates, which are relative to today in Vietnam.
// Skips entirely when the registry already has persons; each request carries an
// Idempotency-Key derived from the person's index, so an interrupted run can be repeated.
//
//   node --conditions=source scripts/seed/demo.ts     (GATEWAY_URL, default http://127.0.0.1:8080)
//   SEED_PERSONS=100 SEED=20260101 SEED_CONCURRENCY=8
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, addMonths, addYears, todayIn, type LocalDate } from '@rehab/domain-kit';
import { signToken } from '../../libs/testing/src/identity.ts';

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gateway = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const api = `${gateway}/registry/v1`;
const personCount = Number(process.env.SEED_PERSONS ?? 100);
const seed = Number(process.env.SEED ?? 20260101);
const concurrency = Math.max(1, Number(process.env.SEED_CONCURRENCY ?? 8));

// ------------------------------------------------------------------ deterministic data

/** mulberry32: small, fast, good enough for demo data. */
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

const familyNames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
// Nguyễn, Trần and Lê are far more common than the rest.
const familyWeights = [38, 11, 9, 7, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 1, 1];
const middleNames = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Thanh'],
  female: ['Thị', 'Ngọc', 'Minh', 'Thanh'],
};
const givenNames = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Hải',
    'Hùng',
    'Nam',
    'Phúc',
    'Quang',
    'Sơn',
    'Tâm',
    'Tuấn',
    'Việt',
  ],
  female: ['An', 'Bình', 'Lan', 'Mai', 'Tâm', 'Trang', 'Yến'],
};
const minorities = ['Tày', 'Thái', 'Mường', "H'Mông", 'Khmer'];
const communes = ['99001', '99002', '99003', '99004', '99005', '99006'];
const streets = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Phan Đình Phùng',
];
const hamlets = [
  'Thôn Đông',
  'Thôn Tây',
  'Thôn Hạ',
  'Xóm Mới',
  'Ấp Bình Minh',
  'Bản Nà Lừa',
  'Tổ dân phố 3',
];
const substances = ['methamphetamine', 'heroin', 'MDMA', 'ketamine', 'cannabis'];

type Stage =
  | 'registered'
  | 'managed'
  | 'ended'
  | 'renewed'
  | 'referred-repeat-use'
  | 'referred-voluntary'
  | 'moved'
  | 'absent'
  | 'imprisoned';
const stageWeights: [Stage, number][] = [
  ['registered', 20],
  ['managed', 25],
  ['ended', 14],
  ['renewed', 10],
  ['referred-repeat-use', 8],
  ['referred-voluntary', 5],
  ['moved', 8],
  ['absent', 5],
  ['imprisoned', 5],
];

type Sex = 'male' | 'female';
interface Step {
  name: string;
  path: string;
  body: Record<string, unknown>;
}
interface PlannedPerson {
  index: number;
  stage: Stage;
  register: Record<string, unknown>;
  steps: Step[];
}

function planPeople(today: LocalDate): PlannedPerson[] {
  const random = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  };
  const notAfterToday = (date: LocalDate): LocalDate => (date > today ? today : date);
  const detection = (detectedAt: LocalDate): Record<string, unknown> => {
    const first = pick(substances);
    const more = random() < 0.25 ? [pick(substances.filter((s) => s !== first))] : [];
    return {
      detectedAt,
      sample: random() < 0.85 ? 'urine' : 'blood',
      substances: [first, ...more],
      decisionDate: notAfterToday(addDays(detectedAt, int(0, 2))),
    };
  };

  const people: PlannedPerson[] = [];
  for (let index = 0; index < personCount; index++) {
    const sex: Sex = random() < 0.82 ? 'male' : 'female';
    const fullName = `${weighted(familyNames, familyWeights)} ${pick(middleNames[sex])} ${pick(givenNames[sex])}`;
    const dateOfBirth = addDays(addYears(today, -int(18, 55)), -int(0, 364));
    const birthYear = Number(dateOfBirth.slice(0, 4));
    const unitCode = pick(communes);
    const address =
      random() < 0.5
        ? `Số ${int(1, 250)} đường ${pick(streets)}`
        : `${pick(hamlets)}, nhà số ${int(1, 120)}`;
    const register: Record<string, unknown> = {
      fullName,
      dateOfBirth,
      sex,
      residence: { unitCode, address },
    };
    if (random() < 0.6) {
      // CCCD layout: province (3 digits), sex-and-century digit, year (2), then 6 digits;
      // the index in the last two keeps the demo numbers unique.
      const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
      const serial = String(int(0, 9999)).padStart(4, '0') + String(index % 100).padStart(2, '0');
      register.nationalId = `099${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
    }
    const ethnicityRoll = random();
    if (ethnicityRoll < 0.72) register.ethnicity = 'Kinh';
    else if (ethnicityRoll < 0.92) register.ethnicity = pick(minorities);

    const stage = weighted(
      stageWeights.map(([s]) => s),
      stageWeights.map(([, w]) => w),
    );
    const steps: Step[] = [];
    const recent = () => addDays(today, -int(3, 320)); // inside a running one-year term
    switch (stage) {
      case 'registered':
        break;
      case 'managed':
        steps.push({ name: 'detection-1', path: 'drug-use-detections', body: detection(recent()) });
        break;
      case 'ended':
        // 13 months or more ago: the one-year term has run out.
        steps.push({
          name: 'detection-1',
          path: 'drug-use-detections',
          body: detection(addDays(addMonths(today, -13), -int(2, 90))),
        });
        break;
      case 'renewed':
      case 'referred-repeat-use': {
        const first = addDays(today, -int(120, 300));
        const second = notAfterToday(addDays(first, int(30, 100)));
        steps.push({ name: 'detection-1', path: 'drug-use-detections', body: detection(first) });
        steps.push({ name: 'detection-2', path: 'drug-use-detections', body: detection(second) });
        if (stage === 'referred-repeat-use') {
          steps.push({
            name: 'referral',
            path: 'determination-referrals',
            body: { reason: 'repeat-use', referredOn: notAfterToday(addDays(second, int(3, 12))) },
          });
        }
        break;
      }
      case 'referred-voluntary': {
        const detectedAt = recent();
        steps.push({
          name: 'detection-1',
          path: 'drug-use-detections',
          body: detection(detectedAt),
        });
        steps.push({
          name: 'referral',
          path: 'determination-referrals',
          body: {
            reason: 'voluntary',
            referredOn: notAfterToday(addDays(detectedAt, int(1, 20))),
            note: 'Người sử dụng tự nguyện đề nghị xác định tình trạng nghiện',
          },
        });
        break;
      }
      case 'moved': {
        steps.push({ name: 'detection-1', path: 'drug-use-detections', body: detection(recent()) });
        // A residence change cannot predate the registered residence, which starts today.
        steps.push({
          name: 'movement',
          path: 'movements',
          body: {
            kind: 'residence-change',
            effectiveOn: today,
            toUnitCode: pick(communes.filter((c) => c !== unitCode)),
            address: `Số ${int(1, 250)} đường ${pick(streets)}`,
          },
        });
        break;
      }
      case 'absent': {
        const detectedAt = recent();
        steps.push({
          name: 'detection-1',
          path: 'drug-use-detections',
          body: detection(detectedAt),
        });
        steps.push({
          name: 'movement',
          path: 'movements',
          body: {
            kind: 'absence',
            effectiveOn: notAfterToday(addDays(detectedAt, int(5, 40))),
            reason: 'Đi làm ăn xa, không khai báo tạm vắng',
          },
        });
        break;
      }
      case 'imprisoned': {
        const detectedAt = recent();
        steps.push({
          name: 'detection-1',
          path: 'drug-use-detections',
          body: detection(detectedAt),
        });
        steps.push({
          name: 'movement',
          path: 'movements',
          body: {
            kind: 'imprisonment',
            effectiveOn: notAfterToday(addDays(detectedAt, int(5, 60))),
            note: 'Chấp hành án phạt tù',
          },
        });
        break;
      }
    }
    people.push({ index, stage, register, steps });
  }
  return people;
}

// ------------------------------------------------------------------ HTTP

class SeedError extends Error {}

async function call(
  token: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<unknown> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    'x-purpose': 'demo data seeding',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (attempt < 3) {
        await new Promise((r) => setTimeout(r, 300 * attempt));
        continue;
      }
      throw new SeedError(`${method} ${url}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (response.ok) return text ? (JSON.parse(text) as unknown) : undefined;
    // 409 "in progress" of an idempotent request, or a transient 5xx: retry with the same key.
    if (
      (response.status === 409 && idempotencyKey && /in.progress|still being/i.test(text)) ||
      response.status >= 502
    ) {
      if (attempt < 3) {
        await new Promise((r) => setTimeout(r, 300 * attempt));
        continue;
      }
    }
    throw new SeedError(
      `${method} ${url} -> ${response.status}\n  request: ${body === undefined ? '' : JSON.stringify(body)}\n  response: ${text.slice(0, 2000)}`,
    );
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const started = performance.now();
  const keyFile = join(rootDir, '.data', 'keys', 'dev-jwt.key.pem');
  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(keyFile, 'utf8');
  } catch {
    throw new SeedError('no development key at .data/keys/dev-jwt.key.pem; run npm start first');
  }
  const token = signToken(privateKeyPem, {
    sub: 'seed-demo',
    agency: 'police',
    orgUnit: '99',
    roles: ['officer'],
  });

  const existing = (await call(token, 'GET', `${api}/persons?limit=1`)) as { items?: unknown[] };
  if ((existing.items?.length ?? 0) > 0) {
    console.log('seed: skipped, the registry already has persons');
    return;
  }

  const today = todayIn('Asia/Ho_Chi_Minh');
  const people = planPeople(today);
  const failures: string[] = [];
  let requests = 0;
  const done = new Map<Stage, number>();

  const seedOne = async (person: PlannedPerson): Promise<void> => {
    const prefix = `seed-demo-${seed}-${person.index}`;
    try {
      requests++;
      const created = (await call(
        token,
        'POST',
        `${api}/persons`,
        person.register,
        `${prefix}-register`,
      )) as {
        id: string;
      };
      for (const step of person.steps) {
        requests++;
        await call(
          token,
          'POST',
          `${api}/persons/${created.id}/${step.path}`,
          step.body,
          `${prefix}-${step.name}`,
        );
      }
      done.set(person.stage, (done.get(person.stage) ?? 0) + 1);
    } catch (error) {
      failures.push(`#${person.index} (${person.stage}): ${(error as Error).message}`);
    }
  };

  const queue = [...people];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await seedOne(next);
    }),
  );

  const stages = stageWeights
    .map(([stage]) => [stage, done.get(stage) ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => `${n} ${stage}`)
    .join(', ');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const seeded = [...done.values()].reduce((a, b) => a + b, 0);
  if (failures.length > 0) {
    console.error(`seed: ${failures.length} persons failed; first ones:`);
    for (const failure of failures.slice(0, 5)) console.error(`  ${failure}`);
  }
  console.log(
    `seed: ${seeded}/${people.length} persons (${stages}) in communes ${communes[0]}..${communes.at(-1)}, ${requests} requests, ${seconds} s${failures.length ? `, ${failures.length} FAILED` : ''}`,
  );
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof SeedError ? error.message : String(error)}`);
  process.exit(1);
});
