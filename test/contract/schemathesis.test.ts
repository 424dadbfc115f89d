// Schemathesis fuzzes each service's own OpenAPI document on the real test stack: first with
// a token of the agency that owns the service (every role of it, province-wide), then its
// dead-letter and audit routes with a token of the IT agency (operator and auditor), since
// only those may call them. The pass mark: no server error and no response off the
// document (status, content type, body). SCHEMATHESIS_MAX_EXAMPLES and SCHEMATHESIS_SEED
// change the run's size and its seed.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenClaims } from '@rehab/testing';
import { addDays, todayIn } from '@rehab/domain-kit';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import {
  certifiedFacilityWithDoctor,
  startAssessment,
} from '../../services/assessment/test/support.ts';
import { personBody, startRegistry } from '../../services/registry/test/support.ts';
import { startMethadone } from '../../services/methadone/test/support.ts';
import { startReporting } from '../../services/reporting/test/support.ts';
import { startTreatment } from '../../services/treatment/test/support.ts';
import { startVocational } from '../../services/vocational/test/support.ts';
import { baselineOf, failureReport, fuzzService, type FuzzRun } from './schemathesis.ts';

type Claims = Partial<TokenClaims> & Pick<TokenClaims, 'agency' | 'roles'>;
interface Running {
  app: RequestListener;
  /** Records the harness created first, by parameter, for Schemathesis to draw from. */
  known: Record<string, readonly string[]>;
  /** `Bearer …` for the given caller, signed by a key the service trusts. */
  authorization(claims: Claims): string;
}
interface Target {
  service: string;
  /** The agency that owns the service, with every role its policy grants. */
  owner: Claims;
  /** Starts the service, hands its stop to `track` at once (seeding may fail), then seeds. */
  start(track: (stop: () => Promise<void>) => void): Promise<Running>;
}

const itStaff: Claims = { agency: 'it', orgUnit: '99', roles: ['operator', 'auditor'] };

const targets: Target[] = [
  {
    service: 'registry',
    owner: { agency: 'police', orgUnit: '99', roles: ['officer', 'admin', 'investigator'] },
    async start(track) {
      const registry = await startRegistry();
      track(registry.stop);
      const person = await request(registry.service.app)
        .post('/registry/v1/persons')
        .set(registry.bearer())
        .send(personBody());
      expect(person.status).toBe(201);
      return {
        app: registry.service.app,
        known: {
          'path.id': [person.body.id as string],
          'body.unitCode': ['99001', '99003'],
          'query.unitCode': ['99001'],
        },
        authorization: (claims) => registry.bearer(claims).Authorization,
      };
    },
  },
  {
    service: 'assessment',
    // The certified doctor of the seeded facility, so conclusions reach the certificate rules.
    owner: {
      agency: 'health',
      orgUnit: '99',
      sub: 'doctor-hanh',
      roles: ['admin', 'doctor', 'officer'],
    },
    async start(track) {
      const assessment = await startAssessment();
      track(assessment.stop);
      const { facilityId, doctor } = await certifiedFacilityWithDoctor(assessment);
      const personId = uuidv7();
      await assessment.service.deps.persons.upsert({
        id: personId,
        fullName: 'Đặng Văn Hùng',
        dateOfBirth: '1990-05-01',
        sex: 'male',
        residenceUnitCode: '99001',
      });
      const determination = await request(assessment.service.app)
        .post('/assessment/v1/determinations')
        .set(assessment.bearer())
        .send({ personId, facilityId, requestedOn: addDays(todayIn(), -60) });
      expect(determination.status).toBe(201);
      return {
        app: assessment.service.app,
        known: {
          'path.id': [facilityId, determination.body.id as string],
          'body.personId': [personId],
          'query.personId': [personId],
          'body.facilityId': [facilityId],
          'body.userId': [doctor.userId],
          'body.unitCode': ['99001'],
        },
        authorization: (claims) => assessment.bearer(claims).Authorization,
      };
    },
  },
  {
    service: 'treatment',
    owner: { agency: 'labour', orgUnit: '99', roles: ['officer', 'admin'] },
    async start(track) {
      const treatment = await startTreatment();
      track(treatment.stop);
      const addicted = await treatment.addictedPerson({ notifiedOn: treatment.today() });
      return {
        app: treatment.service.app,
        known: {
          'path.id': [addicted.caseId],
          'body.personId': [addicted.personId],
          'query.personId': [addicted.personId],
          'body.unitCode': ['99003'],
        },
        authorization: (claims) => treatment.as(claims).Authorization,
      };
    },
  },
  {
    service: 'vocational',
    owner: { agency: 'labour', orgUnit: '99', roles: ['officer', 'admin'] },
    async start(track) {
      const vocational = await startVocational();
      track(vocational.stop);
      const today = vocational.today();
      const { personId } = await vocational.postRehabPerson({
        completedOn: addDays(today, -40),
        decidedOn: addDays(today, -30),
      });
      const course = await vocational
        .api()
        .post('/vocational/v1/courses')
        .set(vocational.as())
        .send({
          name: 'Sửa chữa xe máy',
          provider: 'Trường Trung cấp nghề tỉnh',
          unitCode: '99003',
          startsOn: addDays(today, 5),
          endsOn: addDays(today, 95),
          capacity: 20,
        });
      expect(course.status).toBe(201);
      return {
        app: vocational.service.app,
        known: {
          'path.id': [course.body.id as string],
          'path.personId': [personId],
          'body.personId': [personId],
          'body.unitCode': ['99003'],
          'query.unitCode': ['99003', '99'],
        },
        authorization: (claims) => vocational.as(claims).Authorization,
      };
    },
  },
  {
    service: 'methadone',
    // Staff act where the clinic's staff list holds their `sub`: the seeded clinic's nurse,
    // with every role of the health agency, reaches the dose rules.
    owner: {
      agency: 'health',
      orgUnit: '99',
      roles: ['admin', 'prescriber', 'nurse', 'pharmacist', 'clinic-director'],
    },
    async start(track) {
      const methadone = await startMethadone();
      track(methadone.stop);
      const clinic = await methadone.clinic();
      const { patientId, personId } = await methadone.admitted(clinic);
      return {
        app: methadone.service.app,
        known: {
          'path.id': [clinic.clinicId, clinic.pointId, patientId],
          'body.personId': [personId],
          'body.clinicId': [clinic.clinicId],
          'body.siteId': [clinic.pointId],
          'body.lot': [clinic.lot],
        },
        authorization: (claims) =>
          `Bearer ${methadone.token({ sub: methadone.staff.nurse, orgUnit: '99', ...claims })}`,
      };
    },
  },
  {
    service: 'reporting',
    owner: { agency: 'labour', orgUnit: '99', roles: ['analyst', 'leader', 'officer'] },
    async start(track) {
      const reporting = await startReporting();
      track(reporting.stop);
      return {
        app: reporting.service.app,
        known: {
          'path.period': ['2026Q1', '2026', '2026M03'],
          'query.period': ['2026Q1', '2026S1'],
          'path.year': ['2026'],
          'path.unitCode': ['99'],
          'query.unitCode': ['99'],
          'body.unitCode': ['99'],
        },
        authorization: (claims) => reporting.as(claims).Authorization,
      };
    },
  },
];

const maxExamples = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 25);
const seed = Number(process.env.SCHEMATHESIS_SEED ?? 20261203);

// Each run's full report goes beside the other logs of the last test run.
const reportDir = fileURLToPath(new URL('../../.data/test-results/schemathesis', import.meta.url));

function logFigures(service: string, caller: string, run: FuzzRun): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, `${service}-${caller}.txt`), run.output);
  // The figures issue 13 asks for, in the test log.
  console.log(
    `schemathesis ${service} (${caller}): operations ${run.operations ?? '?'}, ` +
      `${run.generated ?? '?'} cases, ${run.failures} new failures, ${run.accepted} known ` +
      `${(run.ms / 1000).toFixed(1)} s`,
  );
}

describe('Schemathesis against each service’s OpenAPI document', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  for (const target of targets) {
    it(`${target.service}: no server error, every response as documented`, async () => {
      const running = await target.start((stopService) => {
        stop = stopService;
      });
      const common = {
        service: target.service,
        app: running.app,
        maxExamples,
        seed,
        baselineFile: baselineOf(target.service),
        known: running.known,
        // About 10 to 40 s a run on idle cores; minutes while every test file shares them.
        timeoutMs: 300_000,
      };
      const asOwner = await fuzzService({
        ...common,
        authorization: running.authorization(target.owner),
      });
      logFigures(target.service, target.owner.agency, asOwner);
      expect(asOwner.generated ?? 0, asOwner.output.slice(-4_000)).toBeGreaterThan(0);
      expect(asOwner.exitCode, failureReport(asOwner)).toBe(0);

      const asIt = await fuzzService({
        ...common,
        authorization: running.authorization(itStaff),
        includePathRegex: `^/${target.service}/v1/(ops|audit)\\b`,
      });
      logFigures(target.service, 'it', asIt);
      expect(asIt.generated ?? 0, asIt.output.slice(-4_000)).toBeGreaterThan(0);
      expect(asIt.exitCode, failureReport(asIt)).toBe(0);
    }, 660_000);
  }
});
