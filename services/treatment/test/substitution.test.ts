// Methadone facts (methadone.treatment.v1) in the treatment service: an admission meets the
// duty to register, whichever of the result and the admission arrives first; a completion
// opens post-rehab management; a discharge for violations opens compulsory placement
// (Law 73/2021/QH14 Art. 32(1)(c)), a discharge on request does not.
import {
  createEvent,
  methadoneAdmitted,
  methadoneCompleted,
  methadoneDischarged,
  determinationConcluded,
  type MethadoneDischargeCategory,
} from '@rehab/events';
import { eventually } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTreatment, type TreatmentHarness } from './support.ts';

let h: TreatmentHarness;
beforeAll(async () => {
  h = await startTreatment({ today: '2026-03-02' });
});
afterAll(async () => {
  await h?.stop();
});

const actor = { agency: 'health' as const, orgUnit: '99', sub: 'clinic-director' };
const facts = (personId: string) => ({
  patientId: uuidv7(),
  personId,
  clinicId: uuidv7(),
  clinicUnitCode: '99003',
});
const reader = () => h.as({ agency: 'labour', orgUnit: '99', roles: ['officer'] });
const casesOf = (personId: string) =>
  h
    .api()
    .get(`/treatment/v1/cases?personId=${personId}`)
    .set(reader())
    .then((res) => res.body.items as { id: string; kind: string; state: string }[]);

describe('methadone treatment facts', () => {
  it('closes the registration case as registered for substitution treatment on admission', async () => {
    const { personId, caseId } = await h.addictedPerson({ notifiedOn: '2026-03-02' });
    await h.publisher.publish([
      createEvent(methadoneAdmitted, {
        source: 'methadone',
        subject: personId,
        actor,
        data: { ...facts(personId), admittedOn: '2026-03-04' },
      }),
    ]);
    await eventually(
      () => casesOf(personId),
      (cases) => cases.some((k) => k.id === caseId && k.state === 'registered'),
      30_000,
    );
    const kase = await h.api().get(`/treatment/v1/cases/${caseId}`).set(reader());
    expect(JSON.stringify(kase.body.timeline)).toContain('registered-methadone');
  });

  it('closes a registration case opened after the admission it heard first', async () => {
    const personId = await h.knownPerson();
    await h.publisher.publish([
      createEvent(methadoneAdmitted, {
        source: 'methadone',
        subject: personId,
        actor,
        data: { ...facts(personId), admittedOn: '2026-03-01' },
      }),
    ]);
    // Let the admission be consumed before the result arrives.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await h.publisher.publish([
      createEvent(determinationConcluded, {
        source: 'assessment',
        subject: personId,
        actor: { agency: 'health', orgUnit: '99', sub: 'doctor' },
        data: {
          determinationId: uuidv7(),
          conclusionId: uuidv7(),
          personId,
          result: 'addicted',
          substanceClass: 'opioid',
          concludedOn: '2026-03-02',
          notifiedOn: '2026-03-02',
          facilityId: uuidv7(),
          origin: 'referral',
        },
      }),
    ]);
    await eventually(
      () => casesOf(personId),
      (cases) => cases.some((k) => k.kind === 'awaiting-registration' && k.state === 'registered'),
      30_000,
    );
  });

  const discharged = (
    personId: string,
    reasonCategory: MethadoneDischargeCategory,
    dischargedOn = '2026-03-02',
  ) =>
    createEvent(methadoneDischarged, {
      source: 'methadone',
      subject: personId,
      actor,
      data: { ...facts(personId), dischargedOn, reasonCategory },
    });

  it('opens one compulsory case from a discharge for procedure violations, delivered twice', async () => {
    const personId = await h.knownPerson({ fullName: 'Đặng Văn Quý' });
    const event = discharged(personId, 'procedure-violations');
    await h.publisher.publish([event]);
    await h.publisher.publish([event]);
    const cases = await eventually(
      () => casesOf(personId),
      (items) => items.some((k) => k.kind === 'compulsory'),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await casesOf(personId)).filter((k) => k.kind === 'compulsory')).toHaveLength(1);
    const id = cases.find((k) => k.kind === 'compulsory')?.id;
    const kase = await h.api().get(`/treatment/v1/cases/${id}`).set(reader());
    expect(kase.body).toMatchObject({
      state: 'dossier-in-preparation',
      ageGroup: 'adult',
      trigger: { kind: 'discharged-from-methadone' },
    });
    expect(JSON.stringify(kase.body)).toContain('Art. 32(1)(c)');
    // The police's own record for the same ground finds the placement already under way.
    const police = h.as({ agency: 'police', orgUnit: '99003', roles: ['commune-chief'] });
    const again = await h
      .api()
      .post('/treatment/v1/compulsory-cases')
      .set(police)
      .send({
        personId,
        trigger: 'discharged-from-methadone',
        ordinal: 'first',
        violationRecordId: `BB-${uuidv7()}`,
        violationOn: '2026-03-02',
      });
    expect(again.status, JSON.stringify(again.body)).toBe(422);
    expect(JSON.stringify(again.body)).toContain(id);
  });

  it('opens nothing from a discharge on request: ending treatment is not a violation', async () => {
    const personId = await h.knownPerson();
    await h.publisher.publish([discharged(personId, 'on-request', '2026-02-20')]);
    // A later discharge of the same person, on the same partition, is consumed after it: the
    // one case open is the later one's (had the first opened a case, the second could not).
    await h.publisher.publish([discharged(personId, 'harm-to-others', '2026-03-02')]);
    const cases = await eventually(
      () => casesOf(personId),
      (items) => items.some((k) => k.kind === 'compulsory'),
      30_000,
    );
    expect(cases.filter((k) => k.kind === 'compulsory')).toHaveLength(1);
    const kase = await h
      .api()
      .get(`/treatment/v1/cases/${cases.find((k) => k.kind === 'compulsory')?.id}`)
      .set(reader());
    expect(kase.body.trigger.violationRecordId).toMatch(/^methadone-discharge:.+:2026-03-02$/);
  });

  it('opens post-rehab management once when methadone treatment is completed', async () => {
    const personId = await h.knownPerson();
    const completed = createEvent(methadoneCompleted, {
      source: 'methadone',
      subject: personId,
      actor,
      data: { ...facts(personId), completedOn: '2026-03-02' },
    });
    await h.publisher.publish([completed]);
    await h.publisher.publish([completed]);
    const cases = await eventually(
      () => casesOf(personId),
      (items) => items.some((k) => k.kind === 'post-rehab'),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await casesOf(personId)).filter((k) => k.kind === 'post-rehab')).toHaveLength(1);
    expect(cases.find((k) => k.kind === 'post-rehab')).toBeDefined();
  });
});
