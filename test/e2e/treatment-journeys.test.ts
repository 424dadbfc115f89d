// The treatment journeys of the issue, across the real registry, assessment and treatment
// services on the real stack, with one calendar they all share and the test moves forward:
// (1) found addicted, not registered in time → a compulsory case;
// (2) voluntary rehab completed → post-rehab management → a year later with no use,
//     completed and removed from the list;
// (3) a relapse during post-rehab management → a determination referral in the registry
//     (and the health sector's new determination).
// The calendar starts on Monday 2025-07-07, once the demo province's communes exist (the
// two-tier reform of 1 July 2025): LAW-2021's terms, with TRANSFER-2025's actors. Each
// journey (its own person) starts again on that day, so its cases open under those rules
// (a case opened after 2026-07-01 would take LAW-2025's).
import { addDays, addMonths, type LocalDate } from '@rehab/domain-kit';
import { eventually } from '@rehab/testing';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doctorOf, foundAddicted } from './support/determination.ts';
import { JourneyServices } from './support/journey-services.ts';
import { treatmentSteps } from './support/treatment-steps.ts';

const FIRST_DAY: LocalDate = '2025-07-07';
let day: LocalDate = FIRST_DAY;
const clock = { now: () => new Date(), today: () => day };
const moveTo = (next: LocalDate) => {
  day = next;
};

const services = new JourneyServices(clock);
beforeAll(async () => {
  await services.start(`-e2e-treatment-${Date.now()}`);
  await services.ready();
}, 180_000);
afterAll(() => services.stop());

const health = () => request(services.assessment.service.app);
const care = () => request(services.treatment.app);
const doctor = () => doctorOf(services.assessment);
const { casesOf, caseOf, step, completesHomeRehab } = treatmentSteps(services, moveTo);
const registryPerson = (personId: string) => services.registryPerson(personId);

describe('treatment journeys across the registry, assessment and treatment', () => {
  beforeEach(() => moveTo(FIRST_DAY));

  it('a person found addicted who does not register in time ends in a compulsory case', async () => {
    const { personId } = await foundAddicted(services, { fullName: 'Nguyễn Văn Được' });
    const awaiting = await caseOf(personId, 'awaiting-registration');
    expect(awaiting.state).toBe('awaiting-registration');

    moveTo(addDays(awaiting.registrationDeadline!, 1));
    const sweep = await care()
      .post('/treatment/v1/ops/sweep')
      .set(services.token('it', ['operator']));
    expect(sweep.status).toBe(200);
    const compulsory = await caseOf(personId, 'compulsory');
    expect(compulsory).toMatchObject({ state: 'dossier-in-preparation', unitCode: '99001' });
    expect((await casesOf(personId)).find((kase) => kase.id === awaiting.id)).toMatchObject({
      state: 'overdue',
      violation: { kind: 'not-registered' },
    });

    const shown = await eventually(
      () => registryPerson(personId),
      (body) => body.treatment?.situation === 'compulsory',
    );
    expect(shown.treatment).toMatchObject({
      caseId: compulsory.id,
      state: 'dossier-in-preparation',
    });
  }, 180_000); // the sweep also visits the overdue cases of every other test's persons

  it('one who completes voluntary rehab is managed after rehab and, a year later with no use, removed from the list', async () => {
    const { personId, unitCode } = await foundAddicted(services, {
      fullName: 'Trần Thị Ánh Tuyết',
    });
    const { postRehab, chairman, officer } = await completesHomeRehab(personId, unitCode);
    await step(postRehab.id, 'post-rehab/file', officer, {});
    const decided = await step(postRehab.id, 'post-rehab/decision', chairman, {});
    expect(decided).toMatchObject({ state: 'under-management' });
    await step(postRehab.id, 'post-rehab/tests', officer, {
      on: addMonths(day, 0),
      result: 'negative',
    });

    moveTo(addDays(decided.term!.endsOn, 1));
    const done = await step(postRehab.id, 'post-rehab/completion', chairman, {});
    expect(done).toMatchObject({ state: 'completed', certificate: { form: '54' } });
    const list = await care()
      .get(`/treatment/v1/post-rehab-cases?unitCode=${unitCode}`)
      .set(officer);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(postRehab.id);

    const shown = await eventually(
      () => registryPerson(personId),
      (body) => body.treatment?.situation === 'completed',
    );
    expect(shown.treatment.caseId).toBe(postRehab.id);
  });

  it('a relapse during post-rehab management opens a determination referral in the registry', async () => {
    const { personId, unitCode } = await foundAddicted(services, { fullName: 'Lê Hoàng Phúc' });
    const { postRehab, chairman, officer } = await completesHomeRehab(personId, unitCode);
    await step(postRehab.id, 'post-rehab/file', officer, {});
    await step(postRehab.id, 'post-rehab/decision', chairman, {});
    moveTo(addDays(day, 30));
    const relapsed = await step(postRehab.id, 'post-rehab/tests', officer, { result: 'positive' });
    expect(relapsed.state).toBe('relapsed');
    expect(relapsed.opened).toMatchObject({ kind: 'compulsory' });

    const shown = await eventually(
      () => registryPerson(personId),
      (body) => (body.referrals as { reason: string }[]).some((r) => r.reason === 'post-rehab-use'),
    );
    expect(
      (shown.referrals as { reason: string; referredOn: string }[]).filter(
        (r) => r.reason === 'post-rehab-use',
      ),
    ).toEqual([expect.objectContaining({ referredOn: day })]);
    // The health sector receives the referral and opens a new determination.
    const determinations = await eventually(
      () =>
        health()
          .get(`/assessment/v1/determinations?personId=${personId}`)
          .set(doctor())
          .then((res) => res.body.items as { status: string }[]),
      (items) => items.length === 2,
    );
    expect(determinations.filter((d) => d.status === 'requested')).toHaveLength(1);
  });
});
