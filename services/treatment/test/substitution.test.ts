// Methadone facts (methadone.treatment.v1) in the treatment service: an admission meets the
// duty to register, whichever of the result and the admission arrives first; a completion
// opens post-rehab management.
import {
  createEvent,
  methadoneAdmitted,
  methadoneCompleted,
  determinationConcluded,
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
