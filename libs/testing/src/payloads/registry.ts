// Request bodies of /registry/v1, shared by the integration tests and the k6 load scripts
// (bench/k6) so that neither can drift from the API. Plain TypeScript with no imports at
// all: k6 runs this file as it is, so no Node.js APIs (Buffer, crypto, process) and no
// dependencies. The shapes follow services/registry/src/http/schemas.ts; registry.test.ts
// beside this file parses every body with those request schemas.

/** A date written YYYY-MM-DD, as the API expects. */
export type LocalDate = string;

export type Sex = 'male' | 'female';

export interface RegisterPersonBody {
  fullName: string;
  dateOfBirth: LocalDate;
  sex: Sex;
  nationalId?: string;
  ethnicity?: string;
  residence: { unitCode: string; address: string };
}

export interface DetectionBody {
  detectedAt: LocalDate;
  sample: 'urine' | 'blood';
  substances: string[];
  decisionDate?: LocalDate;
}

export type MovementBody =
  | { kind: 'residence-change'; effectiveOn: LocalDate; toUnitCode: string; address: string }
  | { kind: 'absence'; effectiveOn: LocalDate; until?: LocalDate; reason?: string }
  | { kind: 'imprisonment' | 'death' | 'declared-missing'; effectiveOn: LocalDate; note?: string };

export type ReferralReason =
  'repeat-use' | 'no-stable-residence' | 'education-measure' | 'post-rehab-use' | 'voluntary';

export interface ReferralBody {
  reason: ReferralReason;
  referredOn?: LocalDate;
  note?: string;
}

/** The demo province shipped with the platform (libs/service-kit/data/admin-units.demo.yaml). */
export const demoUnits = {
  province: '99',
  communes: ['99001', '99002', '99003', '99004', '99005', '99006'],
} as const;

const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const middleNames = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Quốc', 'Ngọc'];
const givenNames = ['Ánh', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hùng', 'Lan', 'Long', 'Nam'];
const streets = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt'];
const substances = ['methamphetamine', 'heroin', 'cannabis', 'MDMA', 'ketamine'];

/** A small deterministic generator (mulberry32): the same seed gives the same bodies. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** A date as YYYY-MM-DD in UTC. */
export function localDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

/** The date `days` days before `from` (default: now). */
export function daysAgo(days: number, from: Date = new Date()): LocalDate {
  return localDate(new Date(from.getTime() - days * 86_400_000));
}

/**
 * A 12-digit national ID number unique per seed (for seeds below 10^11): give each virtual
 * user and iteration its own seed and registrations never collide.
 */
export function nationalIdFor(seed: number): string {
  const digits = String(Math.abs(Math.trunc(seed)) % 100_000_000_000).padStart(11, '0');
  return `0${digits}`;
}

/** A valid registration body; names carry diacritics on purpose (search ignores them). */
export function registerPersonBody(
  seed: number,
  overrides: Partial<RegisterPersonBody> & { withNationalId?: boolean } = {},
): RegisterPersonBody {
  const random = seededRandom(seed);
  const { withNationalId = false, ...fields } = overrides;
  const sex: Sex = random() < 0.8 ? 'male' : 'female';
  const middle =
    sex === 'female'
      ? 'Thị'
      : pick(
          random,
          middleNames.filter((m) => m !== 'Thị'),
        );
  const year = 1970 + Math.floor(random() * 36);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const body: RegisterPersonBody = {
    fullName: `${pick(random, familyNames)} ${middle} ${pick(random, givenNames)}`,
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex,
    ethnicity: 'Kinh',
    residence: {
      unitCode: pick(random, demoUnits.communes),
      address: `Số ${1 + Math.floor(random() * 200)}, đường ${pick(random, streets)}`,
    },
  };
  if (withNationalId) body.nationalId = nationalIdFor(seed);
  return { ...body, ...fields };
}

/** A positive test `daysBefore` days ago (default 3), with one or two substances. */
export function detectionBody(
  options: { seed?: number; daysBefore?: number; today?: Date } & Partial<DetectionBody> = {},
): DetectionBody {
  const { seed = 1, daysBefore = 3, today = new Date(), ...fields } = options;
  const random = seededRandom(seed);
  const first = pick(random, substances);
  const second = random() < 0.3 ? pick(random, substances) : undefined;
  return {
    detectedAt: daysAgo(daysBefore, today),
    sample: random() < 0.9 ? 'urine' : 'blood',
    substances: second && second !== first ? [first, second] : [first],
    ...fields,
  };
}

/** A movement; by default a residence change to another demo commune a day ago. */
export function movementBody(
  kind: MovementBody['kind'] = 'residence-change',
  options: { seed?: number; daysBefore?: number; today?: Date; toUnitCode?: string } = {},
): MovementBody {
  const { seed = 1, daysBefore = 1, today = new Date() } = options;
  const random = seededRandom(seed);
  const effectiveOn = daysAgo(daysBefore, today);
  switch (kind) {
    case 'residence-change':
      return {
        kind,
        effectiveOn,
        toUnitCode: options.toUnitCode ?? pick(random, demoUnits.communes),
        address: `Số ${1 + Math.floor(random() * 200)}, đường ${pick(random, streets)}`,
      };
    case 'absence':
      return { kind, effectiveOn, reason: 'Đi làm ăn xa' };
    default:
      return { kind, effectiveOn };
  }
}

/** A referral for addiction determination (Law 73/2021 Art. 27); the date defaults to today. */
export function referralBody(
  reason: ReferralReason = 'repeat-use',
  options: { referredOn?: LocalDate; note?: string } = {},
): ReferralBody {
  return {
    reason,
    ...(options.referredOn ? { referredOn: options.referredOn } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
}

/** Search query parameters matching a registered name without its diacritics. */
export function searchQueryFor(body: RegisterPersonBody): string {
  const plain = body.fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  return `q=${encodeURIComponent(plain)}`;
}
