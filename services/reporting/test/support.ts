// The reporting service on the test stack (real Kafka and FerretDB), in a province of its
// own, with a movable clock, tokens of every agency and builders of the events its read
// models are made of, published on the shared broker like the source services do. Its
// consumer reads the broker from the beginning, so each harness gets a fresh province code:
// events of earlier runs and of other tests never land in its units.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  caseChanged,
  caseOpened,
  createEvent,
  determinationConcluded,
  drugUseDetected,
  personRegistered,
  type EventDefinition,
  type EventEnvelope,
} from '@rehab/events';
import { loadConfig } from '@rehab/service-kit';
import {
  createTestIdentityProvider,
  standInSettings,
  testStackEnv,
  uniqueDatabaseUrl,
  type TokenClaims,
} from '@rehab/testing';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { reportingConfigSchema } from '../src/config.ts';
import {
  createReportingService,
  type ReportingOverrides,
  type ReportingService,
} from '../src/service.ts';

/** The harness's province: three communes since the 2025-07-01 reform, and one former commune. */
export interface TestUnits {
  province: string;
  communes: [string, string, string];
  formerDistrict: string;
  formerCommune: string;
}

function testProvince(): { units: TestUnits; file: string } {
  const p = `T${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
  const units: TestUnits = {
    province: p,
    communes: [`${p}001`, `${p}002`, `${p}003`],
    formerDistrict: `${p}-D1`,
    formerCommune: `${p}-X1`,
  };
  const now = "validFrom: '2025-07-01'";
  const before = "validFrom: '2008-01-01', validTo: '2025-06-30'";
  const yaml = [
    'units:',
    `  - { code: '${p}', name: 'Tỉnh Thử', level: province, ${now} }`,
    ...units.communes.map(
      (code, i) =>
        `  - { code: '${code}', name: 'Xã ${i + 1}', level: commune, parent: '${p}', ${now} }`,
    ),
    `  - { code: '${units.formerDistrict}', name: 'Huyện Cũ', level: district, parent: '${p}', ${before} }`,
    `  - { code: '${units.formerCommune}', name: 'Xã Cũ', level: commune, parent: '${units.formerDistrict}', ${before}, successor: '${units.communes[2]}' }`,
  ].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'reporting-units-')), 'units.yaml');
  writeFileSync(file, `${yaml}\n`);
  return { units, file };
}

export interface ReportingHarness {
  service: ReportingService;
  units: TestUnits;
  api(): ReturnType<typeof request>;
  as(claims: Partial<TokenClaims> & Pick<TokenClaims, 'agency'>): { Authorization: string };
  publish(...events: EventEnvelope[]): Promise<void>;
  setNow(now: Date): void;
  stop(): Promise<void>;
}

export async function startReporting(
  overrides: ReportingOverrides = {},
  env: Record<string, string> = {},
): Promise<ReportingHarness> {
  const idp = createTestIdentityProvider();
  const stack = testStackEnv();
  const { units, file } = testProvince();
  let now: Date | undefined;
  const service = await createReportingService(
    loadConfig(reportingConfigSchema, {
      PORT: '0',
      MONGO_URL: uniqueDatabaseUrl('reporting'),
      ...standInSettings(),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_CLIENT_ID: `reporting-test-${process.pid}`,
      JWT_PUBLIC_KEY_FILE: idp.publicKeyFile,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ADMIN_UNITS_FILE: file,
      PSEUDONYM_KEY: 'test-pseudonym-key-0123456789',
      ...env,
    }),
    {
      consumerGroupSuffix: `-test-${Math.random().toString(36).slice(2, 8)}`,
      // The broker's history belongs to other tests and runs: live from now on.
      ignoreEventsBefore: new Date(Date.now() - 1_000),
      clock: {
        now: () => now ?? new Date(),
        today: () => (now ?? new Date()).toISOString().slice(0, 10),
      },
      ...overrides,
    },
  );
  if (service.consumer) await service.consumer.started;
  const publisher = service.platform.publisher;
  return {
    service,
    units,
    api: () => request(service.app),
    as: (claims) => ({
      Authorization: `Bearer ${idp.issue({ sub: `${claims.agency}-user`, orgUnit: units.province, roles: ['analyst'], ...claims })}`,
    }),
    publish: (...events) => publisher.publish(events),
    setNow: (next) => {
      now = next;
    },
    stop: () => service.stop(),
  };
}

const actor = { agency: 'police' as const, orgUnit: 'T0', sub: 'test' };

function event<S extends z.ZodType>(
  definition: EventDefinition<S>,
  personId: string,
  data: z.input<S>,
  source: string,
) {
  return createEvent(definition, { source, subject: personId, actor, data });
}

/** A person of the test province and the events the source services would publish about them. */
export function testPerson(input: {
  unitCode: string;
  sex?: 'male' | 'female';
  dateOfBirth?: string;
  ethnicity?: string;
}) {
  const personId = uuidv7();
  const unitCode = input.unitCode;
  return {
    personId,
    registered: () =>
      event(
        personRegistered,
        personId,
        {
          personId,
          person: {
            fullName: 'Nguyễn Văn Thử',
            dateOfBirth: input.dateOfBirth ?? '1990-04-02',
            sex: input.sex ?? 'male',
            ethnicity: input.ethnicity ?? 'Kinh',
            residenceUnitCode: unitCode,
            hasNationalId: true,
          },
        },
        'registry',
      ),
    detected: (on: string, termEndsOn: string) =>
      event(
        drugUseDetected,
        personId,
        {
          personId,
          detectionId: uuidv7(),
          detectedAt: on,
          sample: 'urine',
          substances: ['heroin'],
          unitCode,
          management: {
            decisionId: uuidv7(),
            decisionDate: on,
            termEndsOn,
            unitCode,
            regime: 'LAW-2021',
            renewal: false,
            legalRef: 'Law 73/2021/QH14 Art. 23',
          },
        },
        'registry',
      ),
    concluded: (on: string, result: 'addicted' | 'not-addicted' = 'addicted') =>
      event(
        determinationConcluded,
        personId,
        {
          determinationId: uuidv7(),
          conclusionId: uuidv7(),
          personId,
          result,
          substanceClass: 'opioid',
          concludedOn: on,
          notifiedOn: on,
          facilityId: uuidv7(),
          origin: 'referral',
        },
        'assessment',
      ),
    caseOpened: (
      caseId: string,
      kind: 'compulsory' | 'voluntary-home' | 'voluntary-facility' | 'post-rehab',
      state: string,
      on: string,
    ) =>
      event(
        caseOpened,
        personId,
        { caseId, personId, kind, state, regime: 'LAW-2021', unitCode, openedOn: on },
        'treatment',
      ),
    caseChanged: (
      caseId: string,
      kind: 'compulsory' | 'voluntary-home' | 'voluntary-facility' | 'post-rehab',
      state: string,
      on: string,
    ) =>
      event(
        caseChanged,
        personId,
        { caseId, personId, kind, state, regime: 'LAW-2021', unitCode, changedOn: on },
        'treatment',
      ),
  };
}

/** The figure of an indicator in a GET /indicators answer. */
export function figure(body: { items: { id: string; value: unknown }[] }, id: string) {
  return body.items.find((item) => item.id === id);
}
