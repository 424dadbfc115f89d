// Preferential loans under Decision 08/2026/QĐ-TTg: the eligibility list of a commune, the
// loan list drawn up by the commune police and certified by the commune People's Committee
// (final once certified), loans only to persons on a certified list and within the caps,
// and business loans with their share of post-rehab workers.
import { employerLoanGranted, supportGiven } from '@rehab/events';
import { eventually } from '@rehab/testing';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employerLoanBody, loanBody } from '../../../libs/testing/src/payloads/vocational.ts';
import { startVocational, type VocationalHarness } from './support.ts';

let h: VocationalHarness;
const UNIT = '99006';
const police = () => h.as({ agency: 'police', orgUnit: UNIT, roles: ['officer'] });
const chairman = (orgUnit = UNIT) => h.as({ agency: 'commune', orgUnit, roles: ['chairman'] });
const field = (body: { errors?: { field: string }[] }) => body.errors?.[0]?.field;

beforeAll(async () => {
  h = await startVocational({ today: '2026-08-03' });
});
afterAll(async () => {
  await h?.stop();
});

const eligiblePerson = (fullName = 'Hà Văn Bình') =>
  h.postRehabPerson({
    completedOn: '2026-06-01',
    decidedOn: '2026-06-05',
    unitCode: UNIT,
    fullName,
  });
const drawUp = (personIds: string[], claims = police()) =>
  h.api().post('/vocational/v1/loan-lists').set(claims).send({ unitCode: UNIT, personIds });
const certify = (id: string, claims = chairman()) =>
  h.api().post(`/vocational/v1/loan-lists/${id}/certify`).set(claims).send();
const lend = (body: object) => h.api().post('/vocational/v1/loans').set(h.as()).send(body);

describe('loan eligibility (Decision 08/2026/QĐ-TTg)', () => {
  it('lists the eligible persons in the annexed form, and why the others are not', async () => {
    const eligible = await eligiblePerson('Vi Thị Lan');
    const child = await h.postRehabPerson({
      completedOn: '2026-06-01',
      decidedOn: '2026-06-05',
      unitCode: UNIT,
      dateOfBirth: '2015-01-01',
    });
    const old = await h.postRehabPerson({
      completedOn: '2016-05-01',
      decidedOn: '2016-05-02',
      unitCode: UNIT,
    });
    const undecided = await h.knownPerson({ unitCode: UNIT });
    const caseId = uuidv7();
    await h.publisher.publish([
      h.treatmentEvent({
        personId: undecided,
        caseId,
        kind: 'post-rehab',
        step: 'decide',
        state: 'under-management',
        on: '2026-06-01',
        unitCode: UNIT,
      }),
    ]);
    await eventually(
      () => h.service.deps.files.get(undecided),
      (file) => (file?.episodes.length ?? 0) > 0,
      30_000,
    );

    const res = await h.api().get(`/vocational/v1/loan-eligibility?unitCode=${UNIT}`).set(police());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ unitCode: UNIT, unitName: 'Xã Hưng Đạo', on: '2026-08-03' });
    expect(res.body.conditions).toMatchObject({
      minimumAge: 12,
      maxAmountVnd: 200_000_000,
      maxTermMonths: 120,
      confirmed: false,
    });
    const row = res.body.items.find(
      (item: { personId: string }) => item.personId === eligible.personId,
    );
    expect(row).toMatchObject({
      fullName: 'Vi Thị Lan',
      completion: { kind: 'voluntary-rehab', on: '2026-06-01' },
      postRehabDecisionOn: '2026-06-05',
      requestWindowEndsOn: '2036-06-05',
    });
    expect(row.no).toBeGreaterThan(0);
    const reasons = (personId: string) =>
      res.body.excluded
        .find((item: { personId: string }) => item.personId === personId)
        ?.reasons.map((reason: { code: string }) => reason.code);
    expect(reasons(child.personId)).toEqual(['under-minimum-age']);
    expect(reasons(old.personId)).toEqual(['loan-request-window-passed']);
    expect(reasons(undecided)).toEqual(['rehab-not-completed']);
  });

  it('is refused to another commune’s police (403)', async () => {
    const res = await h
      .api()
      .get(`/vocational/v1/loan-eligibility?unitCode=${UNIT}`)
      .set(h.as({ agency: 'police', orgUnit: '99003', roles: ['officer'] }));
    expect(res.status).toBe(403);
  });
});

describe('the loan list', () => {
  it('is drawn up by the commune police from eligible persons only, writing nothing otherwise', async () => {
    const a = await eligiblePerson();
    const child = await h.postRehabPerson({
      completedOn: '2026-06-01',
      decidedOn: '2026-06-05',
      unitCode: UNIT,
      dateOfBirth: '2016-01-01',
    });
    const refused = await drawUp([a.personId, child.personId]);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('person-not-eligible');
    expect(field(refused.body)).toBe('personIds[1]');
    const elsewhere = await h.postRehabPerson({
      completedOn: '2026-06-01',
      decidedOn: '2026-06-05',
      unitCode: '99005',
    });
    const outside = await drawUp([elsewhere.personId]);
    expect(outside.body.code).toBe('person-outside-commune');
    expect(await h.service.deps.loanLists.listsOf(a.personId)).toEqual([]);
    const labour = await drawUp([a.personId], h.as());
    expect(labour.status).toBe(403);
    const created = await drawUp([a.personId]);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      unitCode: UNIT,
      items: [{ no: 1, personId: a.personId }],
    });
  });

  it('is certified by the commune chairman only, and is final once certified', async () => {
    const a = await eligiblePerson();
    const b = await eligiblePerson();
    const list = (await drawUp([a.personId])).body as { id: string };
    expect(
      (await certify(list.id, h.as({ agency: 'commune', orgUnit: UNIT, roles: ['officer'] })))
        .status,
    ).toBe(403);
    expect((await certify(list.id, chairman('99003'))).status).toBe(403);
    const changed = await h
      .api()
      .put(`/vocational/v1/loan-lists/${list.id}`)
      .set({ ...police(), 'If-Match': '"1"' })
      .send({ personIds: [a.personId, b.personId] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    const stale = await h
      .api()
      .post(`/vocational/v1/loan-lists/${list.id}/certify`)
      .set({ ...chairman(), 'If-Match': '"1"' })
      .send();
    expect(stale.status).toBe(412);
    const certified = await certify(list.id);
    expect(certified.status, JSON.stringify(certified.body)).toBe(200);
    expect(certified.body).toMatchObject({
      status: 'certified',
      certification: { on: '2026-08-03' },
      personIds: [a.personId, b.personId],
    });
    const again = await certify(list.id);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('loan-list-certified');
    const late = await h
      .api()
      .put(`/vocational/v1/loan-lists/${list.id}`)
      .set(police())
      .send({ personIds: [a.personId] });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('loan-list-certified');
    const read = await h.api().get(`/vocational/v1/loan-lists/${list.id}`).set(chairman());
    expect(read.body.items.map((item: { personId: string }) => item.personId)).toEqual([
      a.personId,
      b.personId,
    ]);
  });
});

describe('loans to persons (Decision 08/2026/QĐ-TTg)', () => {
  it('is allowed only for a person on a certified list', async () => {
    const a = await eligiblePerson();
    const notListed = await lend(loanBody(a.personId, '2026-08-01'));
    expect(notListed.status).toBe(422);
    expect(notListed.body.code).toBe('person-not-on-certified-list');
    const list = (await drawUp([a.personId])).body as { id: string };
    const draftOnly = await lend(loanBody(a.personId, '2026-08-01'));
    expect(draftOnly.body.code).toBe('person-not-on-certified-list');
    await certify(list.id);
    const loan = await lend(loanBody(a.personId, '2026-08-01', 200_000_000));
    expect(loan.status, JSON.stringify(loan.body)).toBe(201);
    expect(loan.body).toMatchObject({ listId: list.id, amountVnd: 200_000_000, unitCode: UNIT });
    const [event] = await h.published.waitFor(
      (e) => e.subject === a.personId && e.type === supportGiven.type,
    );
    expect(event?.data).toMatchObject({
      kind: 'loan',
      amountVnd: 200_000_000,
      termMonths: 36,
      on: '2026-08-01',
    });
    expect((await h.service.deps.files.get(a.personId))?.status).toBe('supported');
  });

  it('stays within the caps for individuals and the scheme’s dates, naming the field, writing nothing', async () => {
    const a = await eligiblePerson();
    const list = (await drawUp([a.personId])).body as { id: string };
    await certify(list.id);
    const over = await lend(loanBody(a.personId, '2026-08-01', 200_000_001));
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('loan-amount-over-cap');
    expect(field(over.body)).toBe('amountVnd');
    const long = await lend({ ...loanBody(a.personId, '2026-08-01'), termMonths: 121 });
    expect(long.body.code).toBe('loan-term-over-cap');
    expect(field(long.body)).toBe('termMonths');
    const early = await lend(loanBody(a.personId, '2026-04-30'));
    expect(early.body.code).toBe('no-loan-scheme-in-force');
    const future = await lend(loanBody(a.personId, '2026-08-04'));
    expect(future.body.code).toBe('date-in-future');
    const purpose = await lend({ ...loanBody(a.personId, '2026-08-01'), purpose: 'consumption' });
    expect(purpose.status).toBe(400);
    expect(JSON.stringify(purpose.body)).toContain('purpose');
    expect(await h.service.deps.loans.byPerson(a.personId)).toEqual([]);
  });

  it('records one loan for a request resent with its Idempotency-Key', async () => {
    const a = await eligiblePerson();
    await certify(((await drawUp([a.personId])).body as { id: string }).id);
    const key = uuidv7();
    const send = () =>
      h
        .api()
        .post('/vocational/v1/loans')
        .set({ ...h.as(), 'Idempotency-Key': key })
        .send(loanBody(a.personId, '2026-08-02'));
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await h.service.deps.loans.byPerson(a.personId)).toHaveLength(1);
  });
});

describe('loans to businesses (Decision 08/2026/QĐ-TTg)', () => {
  const lendTo = (body: object) =>
    h.api().post('/vocational/v1/employer-loans').set(h.as()).send(body);

  it('records a loan to a business with at least 10% post-rehab workers, naming no person', async () => {
    const res = await lendTo(
      employerLoanBody(1, {
        workers: 50,
        postRehabWorkers: 5,
        amountVnd: 2_000_000_000,
        unitCode: UNIT,
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sharePercent: 10,
      employer: { name: 'Hợp tác xã Nông nghiệp Tân Lập' },
      disbursedOn: '2026-08-03',
    });
    const [event] = await h.published.waitFor(
      (e) => e.subject === res.body.id && e.type === employerLoanGranted.type,
    );
    expect(event?.data).toMatchObject({
      amountVnd: 2_000_000_000,
      workers: 50,
      postRehabWorkers: 5,
      unitCode: UNIT,
    });
  });

  it('refuses a share under 10%, more post-rehab workers than workers, or an amount over 2 billion VND', async () => {
    const low = await lendTo(employerLoanBody(2, { workers: 50, postRehabWorkers: 4 }));
    expect(low.status).toBe(422);
    expect(low.body.code).toBe('post-rehab-share-too-low');
    expect(field(low.body)).toBe('postRehabWorkers');
    const more = await lendTo(employerLoanBody(2, { workers: 5, postRehabWorkers: 6 }));
    expect(more.body.code).toBe('post-rehab-workers-over-workers');
    const over = await lendTo(employerLoanBody(2, { amountVnd: 2_000_000_001 }));
    expect(over.body.code).toBe('loan-amount-over-cap');
    expect(field(over.body)).toBe('amountVnd');
    const zero = await lendTo(employerLoanBody(2, { workers: 0 }));
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body)).toContain('workers');
  });
});
