// Demo data of the reporting service, through the public API: the province's targets for
// this year shaped like the Sơn Dương 2024 plan (MMT 111 = 89 continuing + 22 new;
// compulsory 62 = 20 new + 42 carried over; home/community 24; voluntary at a facility 6;
// 20 court dossiers; 100% of completers under post-rehab management; >85% supported;
// every commune reached by campaigns and with a prevention model), and this quarter's
// campaigns entered by the commune officers. Every call replaces the same values, so a
// second run changes nothing.
import type { TokenClaims } from '../../libs/testing/src/identity.ts';
import { SeedError, type Gateway } from './demo-http.ts';
import { communes } from './demo-random.ts';

const labourLeader: TokenClaims = {
  sub: 'seed-demo-labour-leader',
  agency: 'labour',
  orgUnit: '99',
  roles: ['leader'],
};
const communeOfficer = (orgUnit: string): TokenClaims => ({
  sub: `seed-demo-commune-officer-${orgUnit}`,
  agency: 'commune',
  orgUnit,
  roles: ['officer'],
});

/** The Sơn Dương 2024 plan's figures as targets of the demo province. */
export function demoTargets(communeCount: number): Record<string, number> {
  return {
    'mmt-total': 111,
    'mmt-continuing': 89,
    'mmt-new': 22,
    'compulsory-total': 62,
    'compulsory-new': 20,
    'compulsory-carried-over': 42,
    'voluntary-home': 24,
    'voluntary-facility': 6,
    'compulsory-dossiers-compiled': 20,
    'post-rehab-managed-share': 1,
    'post-rehab-supported-share': 0.85,
    'campaign-communes-reached': communeCount,
    'prevention-models': communeCount,
  };
}

export async function seedReporting(input: {
  gw: Gateway;
  baseUrl: string;
  sign: (claims: TokenClaims) => string;
  today: string;
}): Promise<string> {
  const { gw, sign, today } = input;
  const year = Number(today.slice(0, 4));
  const quarter = `${year}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  // PUT is not among the seed gateway's verbs: one plain request.
  const put = await fetch(`${input.baseUrl.replace(/\/$/, '')}/reporting/v1/targets/${year}/99`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${sign(labourLeader)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(demoTargets(communes.length)),
  });
  if (!put.ok)
    throw new SeedError(`PUT /reporting/v1/targets/${year}/99: ${put.status} ${await put.text()}`);
  // Two thirds of the communes held a campaign this quarter; each has one prevention model.
  const reached = communes.slice(0, Math.ceil((communes.length * 2) / 3));
  for (const unitCode of communes) {
    const officer = sign(communeOfficer(unitCode));
    const entries = [
      { activity: 'campaign-communes-reached', value: reached.includes(unitCode) ? 1 : 0 },
      { activity: 'campaign-sessions', value: reached.includes(unitCode) ? 2 : 0 },
      { activity: 'prevention-models', value: 1 },
    ];
    for (const entry of entries) {
      await gw.post(officer, '/reporting/v1/activities', {
        unitCode,
        period: quarter,
        ...entry,
        note: 'Số liệu mẫu (demo)',
      });
    }
  }
  return `reporting: targets ${year} for province 99 (MMT 111, compulsory 62, home 24, facility 6, 20 dossiers), activities of ${quarter} in ${communes.length} communes`;
}
