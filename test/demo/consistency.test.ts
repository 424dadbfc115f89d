// The reports agree with the services they count, on the demo data that `npm start` seeds
// (issue 11): for this month and every commune of the demo province, and the province,
// - the management list equals the registry's own management list on the month's last day;
// - the persons in each modality equal treatment's cases in the states the indicators name;
// - the persons on MMT, and the month's new MMT admissions, equal the methadone service's.
// It reads the platform through its gateway, as an agency system would: scripts/test.sh
// starts it with `npm start -- --profile check --fresh --detach` and sets DEMO_GATEWAY_URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayIn } from '@rehab/domain-kit';
import { eventually, signToken, type TokenClaims } from '@rehab/testing';
import { beforeAll, describe, expect, it } from 'vitest';

const gatewayUrl = process.env.DEMO_GATEWAY_URL ?? '';
const province = '99';
const communes = ['99001', '99002', '99003', '99004', '99005', '99006'];

/** The indicators compared, by the stock or flow of the source services they count. */
const compared = [
  'management-list',
  'in-compulsory',
  'voluntary-facility',
  'voluntary-home',
  'under-post-rehab',
  'mmt-on-treatment',
  'mmt-new',
] as const;
type Compared = (typeof compared)[number];
type Counts = Record<string, Record<Compared, number>>;

const privateKey = () =>
  readFileSync(join(import.meta.dirname, '..', '..', '.data', 'keys', 'dev-jwt.key.pem'), 'utf8');
const tokens = new Map<string, string>();
function bearer(claims: TokenClaims): Record<string, string> {
  const key = JSON.stringify(claims);
  if (!tokens.has(key)) tokens.set(key, signToken(privateKey(), claims, { expiresIn: 3600 }));
  return { authorization: `Bearer ${tokens.get(key)}`, 'x-purpose': 'demo consistency check' };
}
const police = bearer.bind(null, {
  sub: 'demo-check-police',
  agency: 'police',
  orgUnit: province,
  roles: ['officer'],
});
const policeLeader = bearer.bind(null, {
  sub: 'demo-check-leader',
  agency: 'police',
  orgUnit: province,
  roles: ['leader'],
});
const labour = bearer.bind(null, {
  sub: 'demo-check-labour',
  agency: 'labour',
  orgUnit: province,
  roles: ['officer'],
});
const clinicDirector = bearer.bind(null, {
  sub: 'demo-check-health',
  agency: 'health',
  orgUnit: province,
  roles: ['clinic-director'],
});

async function get<T>(headers: Record<string, string>, path: string): Promise<T> {
  const response = await fetch(`${gatewayUrl}${path}`, { headers });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body}`);
  return JSON.parse(body) as T;
}

/** Every person of the registry, page after page. */
async function registryPersons(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: { id: string }[]; nextCursor?: string }>(
      police(),
      `/registry/v1/persons?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

interface CaseSummary {
  kind: string;
  state: string;
  unitCode: string;
}
interface Enrolment {
  clinicId: string;
  status: string;
  intake?: { decision: string; decidedOn: string };
}

/** The state of a treatment case that puts its person in the indicator's stock, if any. */
function modalityOf(kase: CaseSummary): Compared | undefined {
  if (kase.kind === 'compulsory' && ['admitted', 'suspended'].includes(kase.state))
    return 'in-compulsory';
  if (kase.kind === 'voluntary-facility' && kase.state === 'in-rehab') return 'voluntary-facility';
  if (kase.kind === 'voluntary-home' && kase.state === 'in-rehab') return 'voluntary-home';
  const underManagement = ['awaiting-report', 'awaiting-file', 'awaiting-decision'];
  if (kase.kind === 'post-rehab' && [...underManagement, 'under-management'].includes(kase.state))
    return 'under-post-rehab';
  return undefined;
}

const zero = (): Record<Compared, number> =>
  Object.fromEntries(compared.map((id) => [id, 0])) as Record<Compared, number>;

/** The counts as the source services hold them, by commune and for the province. */
async function fromSources(period: { from: string; to: string }): Promise<Counts> {
  const counts: Counts = Object.fromEntries([province, ...communes].map((u) => [u, zero()]));
  const add = (unitCode: string, id: Compared, n = 1) => {
    for (const unit of new Set([unitCode, province])) {
      const row = counts[unit];
      if (row) row[id] += n;
    }
  };
  for (const commune of communes) {
    const list = await get<{ items: unknown[] }>(
      police(),
      `/registry/v1/management-list?unitCode=${commune}&asOf=${period.to}`,
    );
    add(commune, 'management-list', list.items.length);
  }
  const clinicUnits = new Map<string, string>();
  for (const personId of await registryPersons()) {
    const cases = await get<{ items: CaseSummary[] }>(
      labour(),
      `/treatment/v1/cases?personId=${personId}`,
    );
    for (const kase of cases.items) {
      const id = modalityOf(kase);
      if (id) add(kase.unitCode, id);
    }
    const enrolments = await get<{ items: Enrolment[] }>(
      clinicDirector(),
      `/methadone/v1/patients?personId=${personId}`,
    );
    for (const enrolment of enrolments.items) {
      if (!clinicUnits.has(enrolment.clinicId)) {
        const clinic = await get<{ unitCode: string }>(
          clinicDirector(),
          `/methadone/v1/clinics/${enrolment.clinicId}`,
        );
        clinicUnits.set(enrolment.clinicId, clinic.unitCode);
      }
      const unitCode = clinicUnits.get(enrolment.clinicId) ?? '';
      if (enrolment.status === 'admitted') add(unitCode, 'mmt-on-treatment');
      const admittedOn = enrolment.intake?.decision === 'admitted' && enrolment.intake.decidedOn;
      if (admittedOn && period.from <= admittedOn && admittedOn <= period.to)
        add(unitCode, 'mmt-new');
    }
  }
  return counts;
}

interface IndicatorsView {
  from: string;
  to: string;
  items: { id: string; value: number | string | null }[];
}

/** The counts as the reports show them, unsuppressed (the police leadership's view). */
async function fromReports(period: string): Promise<Counts> {
  const counts: Counts = {};
  for (const unitCode of [province, ...communes]) {
    const view = await get<IndicatorsView>(
      policeLeader(),
      `/reporting/v1/indicators?period=${period}&unitCode=${unitCode}`,
    );
    const row = zero();
    for (const id of compared) {
      const value = view.items.find((item) => item.id === id)?.value;
      row[id] = typeof value === 'number' ? value : Number.NaN;
    }
    counts[unitCode] = row;
  }
  return counts;
}

const today = todayIn('Asia/Ho_Chi_Minh');
const month = `${today.slice(0, 4)}M${today.slice(5, 7)}`;
let period: { from: string; to: string };

beforeAll(async () => {
  expect(gatewayUrl, 'DEMO_GATEWAY_URL: the gateway of a seeded platform').not.toBe('');
  period = await get<IndicatorsView>(
    policeLeader(),
    `/reporting/v1/indicators?period=${month}&unitCode=${province}`,
  );
});

describe(`the demo province's reports for ${month} agree with the source services`, () => {
  it('holds a demo worth checking: persons on the list, in every modality and on MMT', async () => {
    const sources = await fromSources(period);
    expect(sources[province]).toMatchObject({
      'management-list': expect.any(Number),
      'mmt-on-treatment': expect.any(Number),
    });
    const total = sources[province] ?? zero();
    for (const id of ['management-list', 'mmt-on-treatment', 'under-post-rehab'] as const)
      expect(total[id], id).toBeGreaterThan(0);
    const inTreatment = ['in-compulsory', 'voluntary-facility', 'voluntary-home'] as const;
    expect(inTreatment.some((id) => total[id] > 0)).toBe(true);
  });

  it('counts, by commune and for the province, what the registry, treatment and methadone hold', async () => {
    const sources = await fromSources(period);
    // The reports follow the events within seconds; the seed has just ended.
    const reports = await eventually(
      () => fromReports(month),
      (counts) => JSON.stringify(counts) === JSON.stringify(sources),
      60_000,
      1000,
    ).catch(() => fromReports(month));
    expect(reports).toEqual(sources);
  });
});
