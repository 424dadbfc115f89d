// npm run bench (methadone): the morning rush at one site. 300 patients due (a maintenance
// order each) and a dosing history of BENCH_METHADONE_HISTORY_DAYS days (30 = 1x, 300 = 10x)
// seeded through the repositories (dose records and the site's register), then on the
// benchmark stack:
//   (1) 10 nurses at once record every patient's dose of the day over HTTP: throughput and
//       the dose p50/p99;
//   (2) the nurse's queue (GET /sites/{id}/today) before and after the rush: p50/p99;
//   (3) 50 concurrent attempts on one patient-day: exactly one dose (counted), and its time.
// It measures; it asserts nothing (the race is also an integration test).
import { addDays, todayIn } from '@rehab/domain-kit';
import { listen, loadConfig } from '@rehab/service-kit';
import { createTestIdentityProvider, standInSettings, testStackEnv } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import {
  clinicBody,
  doseBody,
  receiptBody,
  staffBody,
} from '../libs/testing/src/payloads/methadone.ts';
import type { StoredPatient } from '../services/methadone/src/app/ports.ts';
import { methadoneConfigSchema } from '../services/methadone/src/config.ts';
import { createMethadoneService } from '../services/methadone/src/service.ts';
import { percentile } from './load.ts';

const patientCount = Number(process.env.BENCH_METHADONE_PATIENTS ?? 300);
const historyDays = Number(process.env.BENCH_METHADONE_HISTORY_DAYS ?? 30);
const nurses = Number(process.env.BENCH_METHADONE_NURSES ?? 10);
const queueReads = Number(process.env.BENCH_METHADONE_QUEUE_READS ?? 30);
const stack = testStackEnv();
const idp = createTestIdentityProvider();
const today = todayIn();
const service = await createMethadoneService(
  loadConfig(methadoneConfigSchema, {
    PORT: '0',
    MONGO_URL: `${stack.mongoUrl}/bench_methadone_${Date.now()}`,
    ...standInSettings(),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    SWEEP_INTERVAL_MS: '86400000',
  }),
  { consume: false },
);
const server = await listen(service.app, 0, '127.0.0.1');
const base = `http://127.0.0.1:${server.port}/methadone/v1`;
const token = (sub: string, role: string) =>
  `Bearer ${idp.issue({ sub, agency: 'health', orgUnit: '99', roles: [role] })}`;
async function call(auth: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

// The clinic, its nurses and pharmacist, and stock for the history and the rush.
const admin = token('bench-admin', 'admin');
const clinic = (
  await call(admin, 'POST', '/clinics', clinicBody('Bench MMT clinic', '99003', today))
).body as { id: string };
const nurseIds = Array.from({ length: nurses }, (_, i) => `bench-nurse-${i}`);
for (const userId of nurseIds) {
  await call(
    admin,
    'POST',
    `/clinics/${clinic.id}/staff`,
    staffBody(userId, userId, 'nurse', today),
  );
}
await call(
  admin,
  'POST',
  `/clinics/${clinic.id}/staff`,
  staffBody('bench-pharmacist', 'DS', 'pharmacist', today),
);
const litres = Math.ceil((patientCount * 60 * (historyDays + 60)) / 10_000) + 10;
await call(
  token('bench-pharmacist', 'pharmacist'),
  'POST',
  `/sites/${clinic.id}/stock/receipts`,
  receiptBody('BENCH-LOT', litres, addDays(today, -historyDays - 1), '2030-12-31'),
);

// Patients on maintenance since the history began, their history judged by the sweep.
const seedStarted = performance.now();
const first = addDays(today, -historyDays);
const orders = (patientId: string) => {
  const chain = [];
  for (let from = first; from <= addDays(today, 5); from = addDays(from, 30)) {
    chain.push({
      id: `${patientId}-o-${from}`,
      phase: 'maintenance' as const,
      doseMg: 60,
      startsOn: from,
      endsOn: addDays(from, 29),
      writtenOn: from,
      prescriberUserId: 'bench-prescriber',
    });
  }
  return chain;
};
const patients: StoredPatient[] = [];
for (let i = 0; i < patientCount; i++) {
  const id = uuidv7();
  const patient: StoredPatient = {
    id,
    version: 1,
    personId: uuidv7(),
    clinicId: clinic.id,
    status: 'admitted',
    applicationDate: addDays(first, -10),
    intakeDeadline: addDays(first, -1),
    intake: {
      decision: 'admitted',
      decidedOn: addDays(first, -2),
      decidedBy: 'bench',
      basis: 'diagnosis',
      diagnosisCode: 'F11.2',
    },
    orders: orders(id),
    flags: [],
    consecutiveMisses: 0,
    sweptThrough: addDays(today, -1),
    missedDays: [],
    guestDosing: [],
    takeHomes: [],
    tests: [],
    violations: [],
    transfers: [],
  };
  await service.deps.patients.insert(patient, []);
  patients.push(patient);
}
const staff = { userId: nurseIds[0] ?? 'bench-nurse-0', fullName: 'bench', role: 'nurse' };
for (let d = 0; d < historyDays; d++) {
  const day = addDays(first, d);
  const { entries } = await service.deps.ledger.append(
    clinic.id,
    `bench-history:${day}`,
    (state) => {
      let balance = state.lots[0]?.balanceUl ?? 0;
      const planned = patients.map((p) => {
        balance -= 6_000;
        return {
          serviceDate: day,
          kind: 'dose' as const,
          staff,
          lot: 'BENCH-LOT',
          deltaUl: -6_000,
          balanceAfterUl: balance,
          patientId: p.id,
          doseMg: 60,
        };
      });
      const lots = state.lots.map((lot) => ({ ...lot, balanceUl: balance }));
      return { entries: planned, lots, discrepancies: state.discrepancies, result: undefined };
    },
  );
  for (let i = 0; i < patients.length; i += 50) {
    await Promise.all(
      patients.slice(i, i + 50).map((p, j) =>
        service.deps.doses.insert({
          id: `${p.id}:${day}`,
          patientId: p.id,
          personId: p.personId,
          serviceDate: day,
          siteId: clinic.id,
          clinicId: clinic.id,
          doseMg: 60,
          kind: 'observed',
          orderId: p.orders[0]?.id ?? '-',
          lot: 'BENCH-LOT',
          ml: 6,
          staffUserId: staff.userId,
          recordedAt: new Date().toISOString(),
          registerSeq: entries[i + j]?.seq ?? 0,
        }),
      ),
    );
  }
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

async function queueTimes(): Promise<number[]> {
  const auth = token(nurseIds[0] ?? 'bench-nurse-0', 'nurse');
  const times: number[] = [];
  for (let i = 0; i < queueReads; i++) {
    const started = performance.now();
    const res = await call(auth, 'GET', `/sites/${clinic.id}/today`);
    if (res.status !== 200) throw new Error(`queue: ${res.status} ${JSON.stringify(res.body)}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}
const queueBefore = await queueTimes();

// The rush: each nurse takes the next patient in the queue until everyone is dosed.
const queue = [...patients];
const doseTimes: number[] = [];
let failures = 0;
const rushStarted = performance.now();
await Promise.all(
  nurseIds.map(async (userId) => {
    const auth = token(userId, 'nurse');
    for (let p = queue.shift(); p; p = queue.shift()) {
      const started = performance.now();
      const res = await call(
        auth,
        'POST',
        `/patients/${p.id}/doses`,
        doseBody(today, clinic.id, 60),
      );
      doseTimes.push(performance.now() - started);
      if (res.status !== 201) failures++;
    }
  }),
);
const rushSeconds = (performance.now() - rushStarted) / 1000;
doseTimes.sort((a, b) => a - b);
const queueAfter = await queueTimes();

// The race: a patient due tomorrow, 50 attempts at once.
const racer = patients[0];
const raceDay = addDays(today, 1);
let raceMs = 0;
let created = 0;
let conflicts = 0;
if (racer) {
  await service.deps.patients.change(racer.id, (current) => ({
    next: { ...current, sweptThrough: today },
    events: [],
    result: undefined,
  }));
  // The service's "today" is the real one: the race uses tomorrow only as a fresh day key,
  // so it goes through the use case with a clock a day ahead.
  const { recordDoseUseCase } = await import('../services/methadone/src/app/doses.ts');
  const deps = { ...service.deps, clock: { now: () => new Date(), today: () => raceDay } };
  const principal = {
    sub: nurseIds[1] ?? 'bench-nurse-1',
    agency: 'health' as const,
    orgUnit: '99',
    roles: ['nurse'],
  };
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, () =>
      recordDoseUseCase(
        deps,
        { principal, requireJurisdiction: () => undefined },
        racer.id,
        doseBody(raceDay, clinic.id, 60),
      ),
    ),
  );
  raceMs = performance.now() - started;
  created = results.filter((r) => r.status === 'fulfilled').length;
  conflicts = results.filter(
    (r) =>
      r.status === 'rejected' && (r.reason as { code?: string }).code === 'dose-already-recorded',
  ).length;
}
const stored = (await service.deps.doses.forPatient(racer?.id ?? '')).filter(
  (d) => d.serviceDate === raceDay,
).length;

console.log(
  `\nmethadone morning rush: ${patientCount} patients due at one site, ${historyDays} days of history (${patientCount * historyDays} doses and register entries, seeded in ${seedSeconds.toFixed(1)} s); ${nurses} nurses; Node ${process.version}, FerretDB on PostgreSQL\n`,
);
console.log(
  `doses recorded    ${patientCount - failures}/${patientCount} in ${rushSeconds.toFixed(1)} s = ${((patientCount - failures) / rushSeconds).toFixed(1)} doses/s; dose p50 ${ms(percentile(doseTimes, 50)).trim()}, p99 ${ms(percentile(doseTimes, 99)).trim()}`,
);
console.log(
  `queue read (${queueReads} sequential)   before the rush p50 ${ms(percentile(queueBefore, 50)).trim()}, p99 ${ms(percentile(queueBefore, 99)).trim()}; after p50 ${ms(percentile(queueAfter, 50)).trim()}, p99 ${ms(percentile(queueAfter, 99)).trim()}`,
);
console.log(
  `50-way race on one patient-day: ${created} created, ${conflicts} refused as already recorded, ${stored} dose stored, in ${ms(raceMs).trim()}`,
);
server.close();
await service.stop();
