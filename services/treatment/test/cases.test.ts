import { addDays, createWorkingDayCalendar, todayIn } from '@rehab/domain-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTreatment, type TreatmentHarness } from './support.ts';

let h: TreatmentHarness;
const today = todayIn();
const calendar = createWorkingDayCalendar();
const commune = (orgUnit = '99003') => h.as({ agency: 'commune', orgUnit, roles: ['officer'] });
const operator = () => h.as({ agency: 'it', orgUnit: '99', roles: ['operator'] });

beforeAll(async () => {
  h = await startTreatment({ today });
});
afterAll(async () => {
  await h?.stop();
});

const casesOf = (personId: string) =>
  h
    .api()
    .get(`/treatment/v1/cases?personId=${personId}`)
    .set(commune())
    .then((res) => res.body.items as Record<string, unknown>[]);
const read = (id: string, auth = commune()) => h.api().get(`/treatment/v1/cases/${id}`).set(auth);

describe('registration deadline after an "addicted" result (Decree 116/2021 Art. 3, 28)', () => {
  it('opens a case awaiting registration with the deadline 5 working days after notification', async () => {
    const notifiedOn = addDays(today, -1);
    const { personId } = await h.addictedPerson({ notifiedOn });
    const items = await casesOf(personId);
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual(
      expect.objectContaining({
        kind: 'awaiting-registration',
        state: 'awaiting-registration',
        registrationDeadline: calendar.addWorkingDays(notifiedOn, 5),
        unitCode: '99003',
        registrant: 'person',
      }),
    );
  });

  it('opens one case however often the result is delivered, and records a registration in time', async () => {
    const { personId, caseId, result } = await h.addictedPerson({
      notifiedOn: addDays(today, -2),
      registrationDeadline: addDays(today, 5),
    });
    await h.publisher.publish([result]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await casesOf(personId)).toHaveLength(1);
    const registered = await h
      .api()
      .post(`/treatment/v1/cases/${caseId}/registration`)
      .set(commune())
      .send({ modality: 'voluntary-home' });
    expect(registered.status).toBe(200);
    expect(registered.body.state).toBe('registered');
    expect((await read(caseId, commune('99001'))).status).toBe(403);
  });

  it('makes a case overdue after the deadline with a not-registered violation, listed first in the commune queue', async () => {
    // A commune of its own: every test file's persons reach this service's consumers.
    const { caseId } = await h.addictedPerson({
      notifiedOn: addDays(today, -20),
      registrationDeadline: addDays(today, -10),
      unitCode: '99006',
    });
    const late = await h
      .api()
      .post(`/treatment/v1/cases/${caseId}/registration`)
      .set(commune('99006'))
      .send({ modality: 'methadone' });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('registration-after-deadline');
    const sweep = await h.api().post('/treatment/v1/ops/sweep').set(operator());
    expect(sweep.body.overdue).toBeGreaterThanOrEqual(1);
    const overdue = await read(caseId, commune('99006'));
    expect(overdue.body.state).toBe('overdue');
    expect(overdue.body.violation).toEqual(
      expect.objectContaining({ kind: 'not-registered', on: addDays(today, -9) }),
    );
    const due = await h
      .api()
      .get('/treatment/v1/due?unitCode=99006&limit=200')
      .set(commune('99006'));
    expect(due.body.items[0]).toEqual(expect.objectContaining({ overdue: true }));
    // The violation opened the compulsory case: its dossier is now owed.
    expect(due.body.items.map((item: { what: string }) => item.what)).toContain(
      'compile-compulsory-dossier',
    );
    const again = await h.api().post('/treatment/v1/ops/sweep').set(operator());
    expect(again.status).toBe(200);
    const timeline = (await read(caseId, commune('99006'))).body.timeline as {
      event: string;
    }[];
    expect(timeline.filter((e) => e.event === 'violation-not-registered')).toHaveLength(1);
  });
});

describe('the audit trail of rehab records (every read of a person-level record is recorded)', () => {
  it("records each read of a person's cases, by list and by id, readable by IT auditors only", async () => {
    const { personId } = await h.addictedPerson({ notifiedOn: addDays(today, -1) });
    const auditor = h.as({ agency: 'it', orgUnit: '99', roles: ['auditor'] });
    const trail = async () =>
      (await h.api().get(`/treatment/v1/audit?personId=${personId}&limit=200`).set(auditor)).body
        .items as { operation: string; resourceId: string; actor: { agency: string } }[];
    const before = (await trail()).length;
    const [kase] = await casesOf(personId);
    await read(String(kase?.id));
    const after = await trail();
    // The list and the read by id: one entry each, naming the person and the reader.
    expect(after).toHaveLength(before + 2);
    expect(after.slice(-2)).toEqual([
      expect.objectContaining({
        operation: 'case.read',
        resourceId: personId,
        actor: expect.objectContaining({ agency: 'commune', orgUnit: '99003' }),
      }),
      expect.objectContaining({ operation: 'case.read', resourceId: personId }),
    ]);
    const officer = await h.api().get(`/treatment/v1/audit?personId=${personId}`).set(commune());
    expect(officer.status).toBe(403);
  });

  it('audits every person on a page of the work queue', async () => {
    await h.addictedPerson({ notifiedOn: addDays(today, -1) });
    const page = await h.api().get('/treatment/v1/due?unitCode=99003&limit=5').set(commune());
    expect(page.status).toBe(200);
    const personIds = [
      ...new Set((page.body.items as { personId: string }[]).map((item) => item.personId)),
    ];
    expect(personIds.length).toBeGreaterThan(0);
    const auditor = h.as({ agency: 'it', orgUnit: '99', roles: ['auditor'] });
    for (const personId of personIds) {
      const trail = await h
        .api()
        .get(`/treatment/v1/audit?personId=${personId}&limit=200`)
        .set(auditor);
      expect(trail.body.items.map((e: { operation: string }) => e.operation)).toContain('due.read');
    }
  });
});
