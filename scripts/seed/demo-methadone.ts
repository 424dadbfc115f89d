// Demo data of the methadone service, through the public API: one clinic of the demo
// province with a dispensing point and its staff list, stock received at the clinic and
// issued to the point, about 40 patients in every phase (awaiting intake, refused,
// induction, titration, maintenance, taper) with their order chains transcribed from the
// paper book and a month of observed doses (a year for the taper patients) with some missed
// days, the missed-dose sweep, and one count discrepancy waiting for a second person.
// A second run adds nothing: the clinic is found by name, and a person already enrolled is
// left alone (the enrolment answers 409).
import type { TokenClaims } from '../../libs/testing/src/identity.ts';
import {
  clinicBody,
  doseBody,
  receiptBody,
  staffBody,
  type OrderBody,
  type StaffRole,
} from '../../libs/testing/src/payloads/methadone.ts';
import { addDays, ageOn, daysBetween } from '@rehab/domain-kit';
import { eventually, SeedError, type Gateway } from './demo-http.ts';
import { eachLimited } from '../../libs/events/src/each-limited.ts';

const api = '/methadone/v1';
const CLINIC_NAME = 'Cơ sở điều trị Methadone tỉnh Mẫu';
const POINT_NAME = 'Điểm cấp phát thuốc Methadone xã Phú Mỹ';
const LOT = 'MTD-DEMO-2026-01';

const staffList: [StaffRole, string, string][] = [
  ['clinic-director', 'seed-mmt-director', 'BS. Hoàng Văn Tuấn'],
  ['prescriber', 'seed-mmt-prescriber', 'BS. Trần Thị Ngọc'],
  ['nurse', 'seed-mmt-nurse-lan', 'ĐD. Nguyễn Thị Lan'],
  ['nurse', 'seed-mmt-nurse-hoa', 'ĐD. Lê Thị Hoa'],
  ['pharmacist', 'seed-mmt-pharmacist', 'DS. Phạm Văn Minh'],
];
const healthAdmin: TokenClaims = {
  sub: 'seed-mmt-admin',
  agency: 'health',
  orgUnit: '99',
  roles: ['admin'],
};
const staffToken = (role: StaffRole, sub: string): TokenClaims => ({
  sub,
  agency: 'health',
  orgUnit: '99',
  roles: [role],
});
const subOf = (role: StaffRole, index = 0) =>
  staffList.filter(([r]) => r === role)[index]?.[1] ?? 'none';

export interface MethadoneSeed {
  gw: Gateway;
  sign: (claims: TokenClaims) => string;
  today: string;
  /** Persons of the registry free to enrol (not in a treatment journey), with birth dates. */
  persons: { id: string; dateOfBirth: string }[];
  concurrency: number;
}

interface Clinic {
  id: string;
  name: string;
  sites: { id: string; kind: string }[];
}

type Phase = 'applied' | 'refused' | 'induction' | 'titration' | 'maintenance' | 'taper';

/** The phases of the demo patients, in order: about 40 in all. */
const PLAN: [Phase, number][] = [
  ['applied', 2],
  ['refused', 1],
  ['induction', 8],
  ['titration', 10],
  ['maintenance', 18],
  ['taper', 1],
];

/** The order chain of a patient in `phase`, starting `start` days before today. */
function chainOf(phase: Phase, today: string, dose: number): OrderBody[] {
  const on = (n: number) => addDays(today, n);
  const induction = (from: number): OrderBody => ({
    phase: 'induction',
    doseMg: 20,
    startsOn: on(from),
    endsOn: on(from + 6),
  });
  const titration = (from: number, doseMg: number): OrderBody => ({
    phase: 'titration',
    doseMg,
    startsOn: on(from),
    endsOn: on(from + 4),
  });
  switch (phase) {
    case 'induction':
      return [{ ...induction(-2), doseMg: 15 + (dose % 4) * 5 }];
    case 'titration':
      return [induction(-12), titration(-7, 30), titration(-2, 40)];
    case 'maintenance':
      return [
        induction(-30),
        titration(-25, 30),
        titration(-20, 40),
        { phase: 'maintenance', doseMg: 40 + (dose % 5) * 10, startsOn: on(-15), endsOn: on(14) },
      ];
    case 'taper': {
      // A year of maintenance (30-day orders), then taper steps 14 days apart, 10% each.
      const chain = [induction(-400), titration(-394, 30), titration(-389, 40)];
      for (let from = -384; from < -19; from += 30) {
        chain.push({
          phase: 'maintenance',
          doseMg: 60,
          startsOn: on(from),
          endsOn: on(Math.min(from + 29, -20)),
        });
      }
      chain.push({ phase: 'taper', doseMg: 54, startsOn: on(-19), endsOn: on(-6) });
      chain.push({ phase: 'taper', doseMg: 49, startsOn: on(-5), endsOn: on(10) });
      return chain;
    }
    default:
      return [];
  }
}

const doseOn = (chain: OrderBody[], day: string) =>
  [...chain].reverse().find((o) => o.startsOn <= day && day <= o.endsOn)?.doseMg;

async function ensureClinic(seed: MethadoneSeed, admin: string): Promise<Clinic> {
  const { gw, today } = seed;
  const existing = (await gw.get<{ items: Clinic[] }>(admin, `${api}/clinics`)).items.find(
    (c) => c.name === CLINIC_NAME,
  );
  if (existing) return existing;
  const clinic = await gw.post<Clinic>(
    admin,
    `${api}/clinics`,
    clinicBody(CLINIC_NAME, '99003', today),
    'seed-mmt-clinic',
  );
  await gw.post(admin, `${api}/clinics/${clinic.id}/sites`, {
    name: POINT_NAME,
    unitCode: '99004',
  });
  for (const [role, userId, fullName] of staffList) {
    await gw.post(
      admin,
      `${api}/clinics/${clinic.id}/staff`,
      staffBody(userId, fullName, role, today),
    );
  }
  const pharmacist = seed.sign(staffToken('pharmacist', subOf('pharmacist')));
  const received = addDays(today, -420);
  await gw.post(
    pharmacist,
    `${api}/sites/${clinic.id}/stock/receipts`,
    receiptBody(LOT, 30, received, '2027-12-31'),
  );
  const full = await gw.get<Clinic>(admin, `${api}/clinics/${clinic.id}`);
  const point = full.sites.find((s) => s.kind === 'dispensing-point');
  if (point) {
    await gw.post(pharmacist, `${api}/sites/${point.id}/stock/receipts`, {
      ...receiptBody(LOT, 8, received),
      fromSiteId: clinic.id,
    });
  }
  return full;
}

/** Seeds the methadone demo data; returns a one-line summary. */
export async function seedMethadone(seed: MethadoneSeed): Promise<string> {
  const { gw, sign, today } = seed;
  const admin = sign(healthAdmin);
  const clinic = await ensureClinic(seed, admin);
  const point = clinic.sites.find((s) => s.kind === 'dispensing-point') ?? clinic.sites[0];
  if (!point) throw new SeedError('the demo clinic has no site');
  const nurse = sign(staffToken('nurse', subOf('nurse')));
  const nurse2 = sign(staffToken('nurse', subOf('nurse', 1)));
  const prescriber = sign(staffToken('prescriber', subOf('prescriber')));
  const director = sign(staffToken('clinic-director', subOf('clinic-director')));
  const adults = seed.persons.filter((p) => ageOn(p.dateOfBirth, today) >= 18);
  const phases = PLAN.flatMap(([phase, n]) => Array.from({ length: n }, () => phase));
  const plans = adults
    .slice(0, phases.length)
    .map((person, i) => ({ phase: phases[i] ?? 'applied', i, person }));
  const counts = { enrolled: 0, already: 0, doses: 0, missed: 0 };

  await eachLimited(plans, Math.max(1, seed.concurrency), async ({ phase, i, person }) => {
    const chain = chainOf(phase, today, i);
    const first = chain[0]?.startsOn ?? today;
    // A person with any enrolment (a refused one included) was seeded by an earlier run.
    const earlier = await gw.get<{ items: unknown[] }>(
      director,
      `${api}/patients?personId=${person.id}`,
    );
    if (earlier.items.length > 0) {
      counts.already++;
      return;
    }
    // The person reaches the methadone service through the registry's events.
    await eventually(
      `person ${person.id} known to the methadone service`,
      () =>
        gw
          .post(nurse, `${api}/patients`, {
            personId: person.id,
            clinicId: clinic.id,
            applicationDate: addDays(first, -3),
          })
          .then((body) => ({ body, ok: true }))
          .catch((error: unknown) => {
            if (!(error instanceof SeedError)) throw error;
            if (error.status === 409) return { body: undefined, ok: true };
            if (error.status === 422 && /person-unknown/.test(error.body)) {
              return { body: undefined, ok: false };
            }
            throw error;
          }),
      (r) => r.ok,
      60_000,
    ).then(async ({ body }) => {
      if (!body) {
        counts.already++;
        return;
      }
      counts.enrolled++;
      const patientId = (body as { id: string }).id;
      if (phase === 'applied') return;
      await gw.post(
        director,
        `${api}/patients/${patientId}/intake`,
        phase === 'refused'
          ? { decision: 'refused', reason: 'Người đăng ký chưa nộp đủ hồ sơ theo quy định' }
          : {
              decision: 'admitted',
              diagnosis: { code: 'F11.2', prescriberUserId: subOf('prescriber') },
            },
      );
      for (const order of chain)
        await gw.post(prescriber, `${api}/patients/${patientId}/orders`, order);
      // Some patients miss days: two (dose as ordered) or four in a row (stop, open today).
      const missed = new Set<string>();
      if (i % 7 === 3) [-4, -3].forEach((n) => missed.add(addDays(today, n)));
      const stopped = phase === 'maintenance' && i % 9 === 4;
      if (stopped) [-4, -3, -2, -1, 0].forEach((n) => missed.add(addDays(today, n)));
      const siteId = i % 2 === 0 ? clinic.id : point.id;
      for (let d = 0; d <= daysBetween(first, today); d++) {
        const day = addDays(first, d);
        const doseMg = doseOn(chain, day);
        if (!doseMg) continue;
        if (missed.has(day)) {
          counts.missed++;
          continue;
        }
        // Today's doses stay for the nurses' morning queue, for half of the patients.
        if (day === today && i % 2 === 1) continue;
        await gw.post(
          d % 2 ? nurse : nurse2,
          `${api}/patients/${patientId}/doses`,
          doseBody(day, siteId, doseMg),
        );
        counts.doses++;
      }
    });
  });

  const operator = sign({
    sub: 'seed-mmt-operator',
    agency: 'it',
    orgUnit: '99',
    roles: ['operator'],
  });
  const sweep = await gw.post<{ missed: number; flagsRaised: number }>(
    operator,
    `${api}/ops/sweep`,
    undefined,
  );
  // One count at the dispensing point that differs from the book: it waits for a second person.
  const pharmacist = sign(staffToken('pharmacist', subOf('pharmacist')));
  const stock = await gw.get<{
    lots: { lot: string; balanceMl: number }[];
    openDiscrepancies: unknown[];
  }>(pharmacist, `${api}/sites/${point.id}/stock`);
  const lot = stock.lots[0];
  if (lot && stock.openDiscrepancies.length === 0) {
    await gw.post(pharmacist, `${api}/sites/${point.id}/stock/counts`, {
      countedOn: today,
      lot: lot.lot,
      ml: Math.max(0, lot.balanceMl - 5),
    });
  }
  return `methadone: clinic "${clinic.name}" with ${clinic.sites.length} sites; ${counts.enrolled} patients enrolled now (${counts.already} already), ${counts.doses} doses, ${counts.missed} days left undosed; the sweep raised ${sweep.flagsRaised} flags over ${sweep.missed} missed days`;
}
