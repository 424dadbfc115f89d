// Needs: a post-rehab management decision from treatment.case.v1 opens a need once per person
// and episode; the commune's and the province's queue shows who waits and for how long.
import { addDays } from '@rehab/domain-kit';
import { createEvent, methadoneCompleted, supportNeedOpened } from '@rehab/events';
import { eventually } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counsellingBody } from '../../../libs/testing/src/payloads/vocational.ts';
import { newSupportFile, openNeed } from '../src/domain/index.ts';
import { startVocational, type VocationalHarness } from './support.ts';

let h: VocationalHarness;
const TODAY = '2026-08-03';

beforeAll(async () => {
  h = await startVocational({ today: TODAY });
});
afterAll(async () => {
  await h?.stop();
});

interface QueueItem {
  personId: string;
  fullName?: string;
  daysWaited: number;
  waitingSince?: string;
  needs: string[];
  episodes: unknown[];
}
const queue = async (query: string, claims = {}) => {
  const res = await h.api().get(`/vocational/v1/needs?${query}`).set(h.as(claims));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: QueueItem[]; followUpsDue: unknown[]; nextCursor?: string };
};
const mine = (items: QueueItem[], ids: string[]) =>
  items.filter((item) => ids.includes(item.personId));

describe('needs after post-rehab management (Law 73/2021/QH14 Art. 40, 43)', () => {
  it('opens a need on the decision, once, however often the event arrives', async () => {
    const { personId, decision } = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: '2026-07-03',
      fullName: 'Nguyễn Thị Hoà',
    });
    // The same decision again (a redelivery with a new event id, as a replay would be).
    await h.publisher.publish([{ ...decision, id: uuidv7() }, decision]);
    const marker = uuidv7();
    const other = await h.knownPerson();
    await h.publisher.publish([
      h.treatmentEvent({
        personId: other,
        caseId: marker,
        kind: 'post-rehab',
        step: 'decide',
        state: 'under-management',
        on: '2026-07-04',
      }),
    ]);
    // Once the later person's need is open, the redeliveries before it were handled.
    await eventually(
      () => h.service.deps.files.get(other),
      (file) => file !== undefined,
      30_000,
    );
    const file = await h.service.deps.files.get(personId);
    expect(file?.episodes).toHaveLength(1);
    expect(file?.episodes[0]).toMatchObject({
      source: 'post-rehab-management',
      decisionOn: '2026-07-03',
    });

    const { items } = await queue('unitCode=99003');
    const [item] = mine(items, [personId]);
    expect(item).toMatchObject({
      fullName: 'Nguyễn Thị Hoà',
      waitingSince: '2026-07-03',
      daysWaited: 31,
    });
  });

  it('adds the support needs recorded during management to the same need', async () => {
    const { personId, caseId } = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: '2026-07-02',
    });
    await h.publisher.publish([
      h.treatmentEvent({
        personId,
        caseId,
        kind: 'post-rehab',
        step: 'record-support-need',
        state: 'under-management',
        on: '2026-07-10',
        supportNeed: 'vocational-training',
      }),
      h.treatmentEvent({
        personId,
        caseId,
        kind: 'post-rehab',
        step: 'record-support-need',
        state: 'under-management',
        on: '2026-07-11',
        supportNeed: 'loan',
      }),
    ]);
    const file = await eventually(
      () => h.service.deps.files.get(personId),
      (current) => current?.episodes[0]?.needs.length === 2,
      30_000,
    );
    expect(file?.episodes).toHaveLength(1);
    expect(file?.episodes[0]?.needs).toEqual(['vocational-training', 'loan']);
  });

  it('announces each need once on vocational.support.v1, with no name', async () => {
    const { personId, decision } = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: '2026-07-05',
      fullName: 'Trần Văn Tư',
    });
    await h.publisher.publish([{ ...decision, id: uuidv7() }]);
    const [opened] = await h.published.waitFor(
      (event) => event.subject === personId && event.type === supportNeedOpened.type,
    );
    expect(opened?.data).toMatchObject({
      personId,
      source: 'post-rehab-management',
      unitCode: '99003',
      openedOn: '2026-07-05',
    });
    expect(JSON.stringify(opened)).not.toContain('Trần');
    // A redelivered decision opens nothing more: still one announcement after a drain.
    await h.service.relay.drainOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      h.published.events.filter(
        (event) => event.subject === personId && event.type === supportNeedOpened.type,
      ),
    ).toHaveLength(1);
  });

  it('opens a need on a completed methadone treatment, which the post-rehab decision after it joins', async () => {
    const personId = await h.knownPerson({ unitCode: '99005' });
    const patientId = uuidv7();
    await h.publisher.publish([
      createEvent(methadoneCompleted, {
        source: 'methadone',
        subject: personId,
        actor: { agency: 'health', orgUnit: '99', sub: 'doctor' },
        data: {
          patientId,
          personId,
          clinicId: uuidv7(),
          clinicUnitCode: '99',
          completedOn: '2026-06-10',
        },
      }),
    ]);
    const opened = await eventually(
      () => h.service.deps.files.get(personId),
      (file) => (file?.episodes.length ?? 0) > 0,
      30_000,
    );
    expect(opened).toMatchObject({
      unitCode: '99005',
      status: 'waiting',
      completions: [{ kind: 'substitution-treatment', on: '2026-06-10' }],
    });
    const caseId = uuidv7();
    await h.publisher.publish([
      h.treatmentEvent({
        personId,
        caseId,
        kind: 'post-rehab',
        step: 'decide',
        state: 'under-management',
        on: '2026-06-15',
        unitCode: '99005',
      }),
    ]);
    const decided = await eventually(
      () => h.service.deps.files.get(personId),
      (file) => file?.episodes[0]?.decisionOn !== undefined,
      30_000,
    );
    expect(decided?.episodes).toHaveLength(1);
    expect(decided?.episodes[0]).toMatchObject({
      source: 'methadone-completion',
      decisionOn: '2026-06-15',
      alsoKnownAs: [caseId],
    });
  });

  it('orders the queue by the longest wait and shows the province every commune', async () => {
    const early = await h.postRehabPerson({
      completedOn: '2026-05-01',
      decidedOn: '2026-05-02',
      unitCode: '99006',
    });
    const late = await h.postRehabPerson({
      completedOn: '2026-07-20',
      decidedOn: '2026-07-21',
      unitCode: '99006',
    });
    const elsewhere = await h.postRehabPerson({
      completedOn: '2026-06-01',
      decidedOn: '2026-06-02',
      unitCode: '99005',
    });
    const ids = [early.personId, late.personId, elsewhere.personId];
    const commune = mine((await queue('unitCode=99006')).items, ids);
    expect(commune.map((item) => item.personId)).toEqual([early.personId, late.personId]);
    expect(commune.map((item) => item.daysWaited)).toEqual([93, 13]);
    const province = mine((await queue('unitCode=99&limit=200')).items, ids);
    expect(province.map((item) => item.personId)).toEqual([
      early.personId,
      elsewhere.personId,
      late.personId,
    ]);
  });

  it('shows a need older than the rulebook’s first day first, and the supported by their first need', async () => {
    const old = await h.postRehabPerson({
      completedOn: '2016-04-01',
      decidedOn: '2016-04-02',
      unitCode: '99002',
    });
    const recent = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: '2026-07-02',
      unitCode: '99002',
    });
    const items = mine((await queue('unitCode=99002&limit=200')).items, [
      old.personId,
      recent.personId,
    ]);
    expect(items.map((item) => item.personId)).toEqual([old.personId, recent.personId]);
    expect(items[0]?.waitingSince).toBe('2016-04-02');
  });

  it('pages the queue with a cursor', async () => {
    const a = await h.postRehabPerson({
      completedOn: '2026-04-01',
      decidedOn: '2026-04-02',
      unitCode: '99004',
    });
    const b = await h.postRehabPerson({
      completedOn: '2026-04-01',
      decidedOn: '2026-04-03',
      unitCode: '99004',
    });
    const first = await queue('unitCode=99004&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await queue(`unitCode=99004&limit=200&cursor=${first.nextCursor}`);
    const all = [...first.items, ...second.items].map((item) => item.personId);
    expect(all.filter((id) => id === a.personId || id === b.personId)).toEqual([
      a.personId,
      b.personId,
    ]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('pages a crowded month day by day, in order, with no gap and no repeat', async () => {
    // 250 waiting in one month of one commune: more than a month is read at once.
    const files = Array.from({ length: 250 }, (_, i) => {
      const openedOn = `2026-03-${String((i % 28) + 1).padStart(2, '0')}`;
      const file = openNeed(newSupportFile(uuidv7(), '99001'), {
        episodeId: uuidv7(),
        source: 'post-rehab-management',
        openedOn,
        decisionOn: openedOn,
      });
      return { ...file!, version: 1 };
    });
    await h.service.deps.files.insertMany(files);
    const ids = new Set(files.map((file) => file.id));
    const seen: QueueItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue(`unitCode=99001&limit=60${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.filter((item) => ids.has(item.personId)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(250);
    expect(new Set(seen.map((item) => item.personId)).size).toBe(250);
    const order = seen.map((item) => `${item.waitingSince}|${item.personId}`);
    expect(order).toEqual([...order].sort());
  });

  it('moves a person from waiting to supported with the first support', async () => {
    const { personId } = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: '2026-07-06',
    });
    const res = await h
      .api()
      .post(`/vocational/v1/persons/${personId}/counselling`)
      .set(h.as())
      .send(counsellingBody('2026-07-20'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(mine((await queue('unitCode=99003')).items, [personId])).toEqual([]);
    const supported = mine((await queue('unitCode=99003&status=supported')).items, [personId]);
    expect(supported).toHaveLength(1);
    expect(supported[0]?.daysWaited).toBe(0);
  });

  it('refuses a queue outside the caller’s commune (403) and a bad status (400 naming it)', async () => {
    const outside = await h
      .api()
      .get('/vocational/v1/needs?unitCode=99004')
      .set(h.as({ agency: 'commune', orgUnit: '99003' }));
    expect(outside.status).toBe(403);
    const bad = await h.api().get('/vocational/v1/needs?unitCode=99003&status=closed').set(h.as());
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const police = await h
      .api()
      .get('/vocational/v1/needs?unitCode=99003')
      .set(h.as({ agency: 'police' }));
    expect(police.status).toBe(403);
  });

  it('writes an audit entry for every person the queue shows', async () => {
    const { personId } = await h.postRehabPerson({
      completedOn: '2026-07-01',
      decidedOn: addDays(TODAY, -3),
    });
    await queue('unitCode=99003');
    const auditor = h.as({ agency: 'it', roles: ['auditor'] });
    const trail = await h
      .api()
      .get(`/vocational/v1/audit?personId=${personId}&limit=200`)
      .set(auditor);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((entry: { operation: string }) => entry.operation)).toContain(
      'need.read',
    );
  });
});
