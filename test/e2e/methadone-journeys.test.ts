// The methadone journeys of the issue, across the real registry, assessment, treatment and
// methadone services on the real stack, with one calendar they share:
// (1) an opioid result → enrolment → admission → the registration case closed in treatment
//     as registered for substitution treatment → the registry shows the person on MMT;
// (2) discharge for procedure violations → the registry shows how treatment ended and
//     treatment opens the compulsory case;
// (3) completion → post-rehab management opened by treatment.
// The calendar starts on Monday 2025-07-07, as the treatment journeys do (the demo
// province's communes exist from 1 July 2025).
import { addDays, type LocalDate } from '@rehab/domain-kit';
import { eventually } from '@rehab/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startMethadone,
  type ClinicUnderTest,
  type MethadoneHarness,
} from '../../services/methadone/test/support.ts';
import { foundAddicted } from './support/determination.ts';
import { JourneyServices } from './support/journey-services.ts';
import { treatmentSteps } from './support/treatment-steps.ts';

const FIRST_DAY: LocalDate = '2025-07-07';
let day: LocalDate = FIRST_DAY;
const clock = { now: () => new Date(), today: () => day };

const services = new JourneyServices(clock);
let methadone: MethadoneHarness;
let clinic: ClinicUnderTest;

beforeAll(async () => {
  await services.start(`-e2e-methadone-${Date.now()}`);
  methadone = await startMethadone({ today: FIRST_DAY });
  await services.ready();
  clinic = await methadone.clinic();
}, 180_000);
afterAll(async () => {
  await methadone?.stop();
  await services.stop();
});

const moveTo = (next: LocalDate) => {
  day = next;
  methadone.setToday(next);
};
const care = () => request(services.treatment.app);
const mmt = () => methadone.api();
const labour = () => services.token('labour', ['officer']);
const { casesOf } = treatmentSteps(services, moveTo);
const registryPerson = (personId: string) => services.registryPerson(personId);

/** Police register and refer the person; a certified doctor finds them addicted to opioids. */
const foundAddictedToOpioids = async () =>
  (await foundAddicted(services, { conclusion: { substanceClass: 'opioid' } })).personId;

/** The methadone clinic enrols and admits the person on the opioid result it received. */
async function admittedToMmt(personId: string): Promise<string> {
  await eventually(
    () => methadone.service.deps.opioidResults.hasOpioidResult(personId),
    (has) => has,
    30_000,
  );
  await eventually(
    () => methadone.service.deps.persons.get(personId),
    (person) => person !== undefined,
    30_000,
  );
  const enrolled = await mmt()
    .post('/methadone/v1/patients')
    .set(methadone.as('nurse'))
    .send({ personId, clinicId: clinic.clinicId, applicationDate: day });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const patientId = enrolled.body.id as string;
  const admitted = await mmt()
    .post(`/methadone/v1/patients/${patientId}/intake`)
    .set(methadone.as('clinic-director'))
    .send({ decision: 'admitted' });
  expect(admitted.body, JSON.stringify(admitted.body)).toMatchObject({
    status: 'admitted',
    intake: { basis: 'assessment-result' },
  });
  return patientId;
}

describe('methadone journeys across the services', () => {
  it('an opioid result leads to enrolment, admission, the registration case closed, and "on MMT" in the registry', async () => {
    moveTo(FIRST_DAY);
    const personId = await foundAddictedToOpioids();
    await eventually(
      () => casesOf(personId),
      (cases) =>
        cases.some(
          (k) => k.kind === 'awaiting-registration' && k.state === 'awaiting-registration',
        ),
    );
    moveTo(addDays(FIRST_DAY, 2));
    await admittedToMmt(personId);
    const cases = await eventually(
      () => casesOf(personId),
      (items) => items.some((k) => k.kind === 'awaiting-registration' && k.state === 'registered'),
      30_000,
    );
    const closed = cases.find((k) => k.kind === 'awaiting-registration')!;
    const detail = await care().get(`/treatment/v1/cases/${closed.id}`).set(labour());
    expect(JSON.stringify(detail.body)).toContain('registered-methadone');
    const person = await eventually(
      () => registryPerson(personId),
      (body) => body.substitutionTreatment?.status === 'on-mmt',
      30_000,
    );
    expect(person.substitutionTreatment).toMatchObject({
      clinicId: clinic.clinicId,
      since: addDays(FIRST_DAY, 2),
      admittedOn: addDays(FIRST_DAY, 2),
    });
    // The police see the situation, never doses, tests or diagnoses.
    expect(JSON.stringify(person)).not.toMatch(/doseMg|F11|diagnosis/);
  });

  it('a discharge for procedure violations reaches the registry with its reason category and opens compulsory placement in treatment', async () => {
    moveTo(FIRST_DAY);
    const personId = await foundAddictedToOpioids();
    const patientId = await admittedToMmt(personId);
    moveTo(addDays(FIRST_DAY, 20));
    for (const on of [addDays(FIRST_DAY, 5), addDays(FIRST_DAY, 19)]) {
      const violation = await mmt()
        .post(`/methadone/v1/patients/${patientId}/violations`)
        .set(methadone.as('nurse'))
        .send({ on, kind: 'gây rối trật tự tại cơ sở' });
      expect(violation.status).toBe(201);
    }
    const discharged = await mmt()
      .post(`/methadone/v1/patients/${patientId}/discharge`)
      .set(methadone.as('clinic-director'))
      .send({ reason: 'procedure-violations', decidedOn: day });
    expect(discharged.status, JSON.stringify(discharged.body)).toBe(201);
    const person = await eventually(
      () => registryPerson(personId),
      (body) => body.substitutionTreatment?.status === 'discharged',
      30_000,
    );
    expect(person.substitutionTreatment.ended).toEqual({
      on: day,
      how: 'discharged',
      reasonCategory: 'procedure-violations',
    });
    expect(JSON.stringify(person.timeline)).not.toMatch(/gây rối/);
    // Treatment had the duty to register met by the admission (whichever of the result and
    // the admission it heard first); the discharge leaves it so.
    await eventually(
      () => casesOf(personId),
      (cases) => cases.find((k) => k.kind === 'awaiting-registration')?.state === 'registered',
      30_000,
    );
    // The discharge for violations is a ground of compulsory placement (Law 73/2021/QH14
    // Art. 32(1)(c)): treatment opens its case from the clinic's decision, for the commune to
    // compile the dossier.
    const cases = await eventually(
      () => casesOf(personId),
      (items) => items.some((k) => k.kind === 'compulsory'),
      30_000,
    );
    const compulsory = await care()
      .get(`/treatment/v1/cases/${cases.find((k) => k.kind === 'compulsory')?.id}`)
      .set(labour());
    expect(compulsory.body).toMatchObject({
      state: 'dossier-in-preparation',
      trigger: { kind: 'discharged-from-methadone' },
    });
    expect(JSON.stringify(compulsory.body)).toContain('Art. 32(1)(c)');
  });

  it('a completed treatment leads to post-rehab management in treatment', async () => {
    moveTo(FIRST_DAY);
    const personId = await foundAddictedToOpioids();
    const patientId = await admittedToMmt(personId);
    moveTo(addDays(FIRST_DAY, 30));
    const completed = await mmt()
      .post(`/methadone/v1/patients/${patientId}/completion`)
      .set(methadone.as('clinic-director'))
      .send({ on: day });
    expect(completed.status, JSON.stringify(completed.body)).toBe(201);
    const cases = await eventually(
      () => casesOf(personId),
      (items) => items.some((k) => k.kind === 'post-rehab'),
      30_000,
    );
    expect(cases.find((k) => k.kind === 'post-rehab')).toBeDefined();
    const person = await eventually(
      () => registryPerson(personId),
      (body) => body.substitutionTreatment?.status === 'completed',
      30_000,
    );
    expect(person.substitutionTreatment.ended).toMatchObject({ how: 'completed', on: day });
  });
});
