// The methadone service on the test stack (real Kafka and FerretDB), with a clock the test
// can move, tokens for clinic staff, and helpers that set up a clinic with its staff list
// and stock, and patients in treatment.
import { addDays, todayIn, type LocalDate } from '@rehab/domain-kit';
import { loadConfig } from '@rehab/service-kit';
import {
  movableToday,
  serviceTestStack,
  testConsumerGroupSuffix,
  type TokenClaims,
} from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { methadoneConfigSchema } from '../src/config.ts';
import { createMethadoneService, type MethadoneService } from '../src/service.ts';

export type Role = 'admin' | 'prescriber' | 'nurse' | 'pharmacist' | 'clinic-director';

export interface ClinicUnderTest {
  clinicId: string;
  /** The clinic itself is a site; `pointId` is its dispensing point. */
  pointId: string;
  lot: string;
}

export interface MethadoneHarness {
  service: MethadoneService;
  today(): LocalDate;
  setToday(day: LocalDate): void;
  api(): ReturnType<typeof request>;
  /** A bearer token (without "Bearer ") for any claims, e.g. for the demo seed. */
  token(claims: TokenClaims): string;
  /** A token of the health agency in province 99 (or `orgUnit`) with one role. */
  as(role: Role, sub?: string, orgUnit?: string): { Authorization: string };
  /** The staff of every clinic the harness sets up (same user ids at each). */
  staff: Record<Exclude<Role, 'admin'>, string> & { nurse2: string };
  clinic(options?: { stockBottles?: number; unitCode?: string }): Promise<ClinicUnderTest>;
  /** A person known from the registry (birth date for the guardian rule). */
  person(options?: { dateOfBirth?: LocalDate; opioidResult?: boolean }): Promise<string>;
  /** A person enrolled and admitted at the clinic, on an induction order from today. */
  admitted(
    clinic: ClinicUnderTest,
    options?: { doseMg?: number },
  ): Promise<{ patientId: string; personId: string }>;
  stop(): Promise<void>;
}

export async function startMethadone(
  options: { today?: LocalDate } = {},
): Promise<MethadoneHarness> {
  const { idp, settings } = serviceTestStack('methadone');
  const { clock, today, setToday } = movableToday(options.today ?? todayIn());
  const service = await createMethadoneService(
    loadConfig(methadoneConfigSchema, { ...settings, OUTBOX_POLL_MS: '50' }),
    { consumerGroupSuffix: testConsumerGroupSuffix(), clock },
  );
  await Promise.all(service.consumers.map((consumer) => consumer.started));
  const api = () => request(service.app);
  const suffix = Math.random().toString(36).slice(2, 8);
  const staff = {
    prescriber: `bs-an-${suffix}`,
    nurse: `dd-lan-${suffix}`,
    nurse2: `dd-hoa-${suffix}`,
    pharmacist: `ds-minh-${suffix}`,
    'clinic-director': `gd-tuan-${suffix}`,
  };
  const as: MethadoneHarness['as'] = (role, sub, orgUnit = '99') => ({
    Authorization: `Bearer ${idp.issue({ sub: sub ?? (role === 'admin' ? 'admin' : staff[role]), agency: 'health', orgUnit, roles: [role] })}`,
  });
  const harness: MethadoneHarness = {
    service,
    today,
    setToday,
    api,
    token: (claims) => idp.issue(claims),
    as,
    staff,
    async clinic({ stockBottles = 2, unitCode = '99003' } = {}) {
      const created = await api().post('/methadone/v1/clinics').set(as('admin')).send({
        name: 'Cơ sở điều trị Methadone Tân Lập',
        unitCode,
        licensedFrom: '2020-01-01',
        licensedTo: '2030-12-31',
      });
      expect(created.status).toBe(201);
      const clinicId = created.body.id as string;
      const point = await api()
        .post(`/methadone/v1/clinics/${clinicId}/sites`)
        .set(as('admin'))
        .send({ name: 'Điểm cấp phát Phú Mỹ', unitCode: '99004' });
      expect(point.status).toBe(201);
      const listed = [
        ['prescriber', staff.prescriber, 'BS. Trần Văn An'],
        ['nurse', staff.nurse, 'ĐD. Nguyễn Thị Lan'],
        ['nurse', staff.nurse2, 'ĐD. Lê Thị Hoa'],
        ['pharmacist', staff.pharmacist, 'DS. Phạm Văn Minh'],
        ['clinic-director', staff['clinic-director'], 'BS. Hoàng Văn Tuấn'],
      ] as const;
      for (const [role, userId, fullName] of listed) {
        const res = await api()
          .post(`/methadone/v1/clinics/${clinicId}/staff`)
          .set(as('admin'))
          .send({ userId, fullName, role, from: '2020-01-01', to: '2030-12-31' });
        expect(res.status).toBe(201);
      }
      const lot = `LOT-${suffix}`;
      for (const siteId of [clinicId, point.body.id as string]) {
        if (stockBottles === 0) continue;
        const receipt = await api()
          .post(`/methadone/v1/sites/${siteId}/stock/receipts`)
          .set(as('pharmacist'))
          .send({
            lot,
            bottles: stockBottles,
            mlPerBottle: 1000,
            mgPerMl: 10,
            receivedOn: addDays(today(), -1),
            expiresOn: '2030-12-31',
          });
        expect(receipt.status).toBe(201);
      }
      return { clinicId, pointId: point.body.id as string, lot };
    },
    async person({ dateOfBirth = '1988-04-12', opioidResult = true } = {}) {
      const personId = uuidv7();
      await service.deps.persons.upsert({
        id: personId,
        fullName: 'Đỗ Văn Hải',
        dateOfBirth,
        sex: 'male',
        residenceUnitCode: '99003',
      });
      if (opioidResult) {
        await service.deps.opioidResults.record({
          personId,
          determinationId: uuidv7(),
          concludedOn: addDays(today(), -20),
          opioid: true,
        });
      }
      return personId;
    },
    async admitted(clinic, { doseMg = 20 } = {}) {
      const personId = await harness.person();
      const enrolled = await api()
        .post('/methadone/v1/patients')
        .set(as('nurse'))
        .send({ personId, clinicId: clinic.clinicId, applicationDate: addDays(today(), -3) });
      expect(enrolled.status).toBe(201);
      const patientId = enrolled.body.id as string;
      const intake = await api()
        .post(`/methadone/v1/patients/${patientId}/intake`)
        .set(as('clinic-director'))
        .send({ decision: 'admitted' });
      expect(intake.status).toBe(201);
      const order = await api()
        .post(`/methadone/v1/patients/${patientId}/orders`)
        .set(as('prescriber'))
        .send({ phase: 'induction', doseMg, startsOn: today(), endsOn: addDays(today(), 6) });
      expect(order.status).toBe(201);
      return { patientId, personId };
    },
    stop: () => service.stop(),
  };
  return harness;
}
