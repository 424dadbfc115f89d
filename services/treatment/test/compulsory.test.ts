// Compulsory placement over HTTP on the real stack: opening from a violation record, the
// dossier to the court under each regime, admission, the term at the facility and the
// release that opens post-rehab management; refusals leave the case as it was.
import { createWorkingDayCalendar, type LocalDate } from '@rehab/domain-kit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTreatment, type TreatmentHarness } from './support.ts';

let h: TreatmentHarness;
beforeAll(async () => {
  h = await startTreatment({ today: '2024-10-02' });
});
afterAll(() => h?.stop());

type Who = { Authorization: string };
const ALL_DOCUMENTS = ['violation-record', 'cv', 'addiction-result', 'statements'];
const ADULT = '1990-05-10';
const MINOR = '2009-01-15';
const policeChief = () => h.as({ agency: 'police', orgUnit: '99003', roles: ['commune-chief'] });
const chairman = () => h.as({ agency: 'commune', orgUnit: '99003', roles: ['chairman'] });
const communeOfficer = (orgUnit = '99003') => h.as({ agency: 'commune', orgUnit });
const labourHead = () => h.as({ agency: 'labour', orgUnit: '99', roles: ['division-head'] });
const judge = (role = 'district-judge') => h.as({ agency: 'court', orgUnit: '99', roles: [role] });
const director = () => h.as({ agency: 'facility', orgUnit: '99', roles: ['director'] });
const facilityOfficer = () => h.as({ agency: 'facility', orgUnit: '99', roles: ['officer'] });
const reader = () => h.as({ agency: 'labour', orgUnit: '99', roles: ['officer'] });

/** A person known from the registry's event, living in commune 99003. */
const knownPerson = (dateOfBirth: LocalDate) =>
  h.knownPerson({ dateOfBirth, fullName: 'Trần Văn Hùng' });

function open(body: Record<string, unknown>, who: Who = policeChief()) {
  return h
    .api()
    .post('/treatment/v1/compulsory-cases')
    .set(who)
    .send({ trigger: 'not-registered', ordinal: 'first', violationRecordId: uuidv7(), ...body });
}

/** Takes a step with today moved to its date (or to `today`, for records made later). */
function take(
  id: string,
  step: string,
  who: Who,
  body: Record<string, unknown> & { on: LocalDate },
  today: LocalDate = body.on,
) {
  h.setToday(today);
  return h.api().post(`/treatment/v1/cases/${id}/compulsory/${step}`).set(who).send(body);
}

const read = (id: string) => h.api().get(`/treatment/v1/cases/${id}`).set(reader());
const casesOf = (personId: string) =>
  h
    .api()
    .get(`/treatment/v1/cases?personId=${personId}`)
    .set(reader())
    .then((res) => res.body.items as { id: string; kind: string; state: string }[]);

interface QueueItem {
  caseId: string;
  what: string;
  dueBy: string;
  actor: string;
}

/**
 * A unit's whole work queue, page after page: the service's consumers also see the persons
 * other test files publish, so the queue holds more than this file's cases.
 */
async function queueOf(unitCode: string, who: Who): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let cursor: string | undefined;
  do {
    const query = `unitCode=${unitCode}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await h.api().get(`/treatment/v1/due?${query}`).set(who);
    expect(res.status).toBe(200);
    items.push(...(res.body.items as QueueItem[]));
    cursor = res.body.nextCursor as string | undefined;
  } while (cursor);
  return items;
}

async function expectOk(pending: PromiseLike<{ status: number; body: Record<string, unknown> }>) {
  const res = await pending;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A LAW-2021 adult case (violation 2024-10-01) taken to `until`. */
async function law2021Case(until: 'compiled' | 'submitted' | 'decided', dateOfBirth = ADULT) {
  h.setToday('2024-10-02');
  const personId = await knownPerson(dateOfBirth);
  const opened = await open({ personId, violationOn: '2024-10-01' });
  expect(opened.status).toBe(201);
  const id = opened.body.id as string;
  await expectOk(take(id, 'dossier', chairman(), { on: '2024-10-03', documents: ALL_DOCUMENTS }));
  if (until === 'compiled') return { id, personId };
  await expectOk(take(id, 'appraisal', labourHead(), { on: '2024-10-07' }));
  await expectOk(take(id, 'court-submission', labourHead(), { on: '2024-10-08' }));
  if (until === 'submitted') return { id, personId };
  await expectOk(take(id, 'court-decision', judge(), { on: '2024-10-15', termMonths: 12 }));
  return { id, personId };
}

describe('a missed registration deadline (Law 73/2021 Art. 32(1)(a))', () => {
  it('opens a compulsory case in dossier preparation, listed in the commune queue with its 5-working-day deadline', async () => {
    h.setToday('2025-04-10');
    const { personId } = await h.addictedPerson({
      notifiedOn: '2025-03-31',
      registrationDeadline: '2025-04-07',
    });
    const operator = h.as({ agency: 'it', orgUnit: '99', roles: ['operator'] });
    expect((await h.api().post('/treatment/v1/ops/sweep').set(operator)).status).toBe(200);
    const compulsory = (await casesOf(personId)).find((kase) => kase.kind === 'compulsory');
    const dossierDueBy = createWorkingDayCalendar().addWorkingDays('2025-04-08', 5);
    expect(compulsory).toMatchObject({
      state: 'dossier-in-preparation',
      regime: 'TRANSFER-2025',
      dossierDueBy,
    });
    expect(await queueOf('99003', communeOfficer())).toContainEqual(
      expect.objectContaining({
        caseId: compulsory?.id,
        what: 'compile-compulsory-dossier',
        dueBy: dossierDueBy,
        actor: 'commune-police-chief',
      }),
    );
  });
});

describe('an adult under LAW-2021: commune chairman, labour division, district court, facility', () => {
  it('runs from the violation record to the release certificate and opens post-rehab management', async () => {
    h.setToday('2024-10-02');
    const personId = await knownPerson(ADULT);
    const violationRecordId = `BB-${uuidv7()}`;
    const body = { personId, violationRecordId, violationOn: '2024-10-01' };
    const opened = await open(body);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ regime: 'LAW-2021', ageGroup: 'adult' });
    expect(opened.body.due).toEqual([
      expect.objectContaining({
        what: 'compile-compulsory-dossier',
        dueBy: '2024-10-08',
        actor: 'commune-chairman',
      }),
    ]);
    const resent = await open(body);
    expect(resent.status).toBe(200);
    expect(resent.body.id).toBe(opened.body.id);
    const id = opened.body.id as string;

    await expectOk(
      take(id, 'interim-management', communeOfficer(), { on: '2024-10-02', kind: 'family' }),
    );
    const compiled = await expectOk(
      take(id, 'dossier', chairman(), { on: '2024-10-03', documents: ALL_DOCUMENTS }),
    );
    expect(compiled).toMatchObject({
      state: 'dossier-compiled',
      dossier: { compiledBy: 'commune-chairman', late: false },
      due: [
        expect.objectContaining({
          what: 'appraise-compulsory-dossier',
          actor: 'labour-division-head',
        }),
      ],
    });
    await expectOk(take(id, 'appraisal', labourHead(), { on: '2024-10-07' }));
    const submitted = await expectOk(
      take(id, 'court-submission', labourHead(), { on: '2024-10-08' }),
    );
    expect(submitted.due).toEqual([
      expect.objectContaining({ what: 'court-decision', actor: 'district-people-court' }),
    ]);
    const decided = await expectOk(
      take(id, 'court-decision', judge(), { on: '2024-10-15', termMonths: 12 }),
    );
    expect(decided).toMatchObject({
      state: 'court-decided',
      admissionDueBy: '2024-10-20',
      decision: { court: 'district-people-court', termMonths: 12, regime: 'LAW-2021' },
    });
    const admitted = await expectOk(
      take(id, 'admission', director(), { on: '2024-10-18', facilityId: 'CSCNBB-99' }),
    );
    expect(admitted).toMatchObject({ state: 'admitted', termEndsOn: '2025-10-18' });
    const owed = (await queueOf('99003', reader()))
      .filter((item) => item.caseId === id)
      .map(({ what, dueBy }) => [what, dueBy]);
    expect(owed).toEqual([
      ['facility-review', '2025-01-18'],
      ['notify-release', '2025-10-03'],
      ['release-at-term-end', '2025-10-18'],
    ]);

    const notice = await expectOk(take(id, 'release-notice', director(), { on: '2025-10-01' }));
    expect(notice.releaseNotice).toEqual({
      notifiedOn: '2025-10-01',
      dueBy: '2025-10-03',
      late: false,
    });
    const early = await take(id, 'release', director(), { on: '2025-10-17' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('release-before-term-end');
    const released = await expectOk(
      take(id, 'release', director(), { on: '2025-10-18', certificateNumber: 'GCN-46/2025' }),
    );
    expect(released).toMatchObject({
      state: 'released',
      release: { on: '2025-10-18', certificateId: 'GCN-46/2025', remainderExcused: false },
      opened: { kind: 'post-rehab', origin: 'compulsory-adult', state: 'awaiting-report' },
    });
    expect(released.due).toEqual([]);
    const kinds = (await casesOf(personId)).map((kase) => kase.kind).sort();
    expect(kinds).toEqual(['compulsory', 'post-rehab']);
  });
});

describe('the same scenario under TRANSFER-2025 and LAW-2025 (Decree 02/2025; Law 120/2025)', () => {
  it('refuses the commune chairman, has the commune police chief compile and send straight to the court', async () => {
    h.setToday('2025-04-02');
    const personId = await knownPerson(ADULT);
    const opened = await open({ personId, violationOn: '2025-04-01' });
    expect(opened.body).toMatchObject({ regime: 'TRANSFER-2025', state: 'dossier-in-preparation' });
    const id = opened.body.id as string;
    const wrong = await take(id, 'dossier', chairman(), {
      on: '2025-04-02',
      documents: ALL_DOCUMENTS,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({
      code: 'decision-by-wrong-actor',
      legalRef: 'Decree 02/2025/ND-CP',
    });
    expect(wrong.body.detail).toMatch(/commune-police-chief/);
    const unchanged = await read(id);
    expect(unchanged.body).toMatchObject({ version: 1, state: 'dossier-in-preparation' });
    expect(unchanged.body.timeline).toHaveLength(1);

    const compiled = await expectOk(
      take(id, 'dossier', policeChief(), { on: '2025-04-02', documents: ALL_DOCUMENTS }),
    );
    expect(compiled.due).toEqual([
      expect.objectContaining({ what: 'submit-dossier-to-court', actor: 'commune-police-chief' }),
    ]);
    const appraisal = await take(id, 'appraisal', labourHead(), { on: '2025-04-03' });
    expect(appraisal.status).toBe(422);
    expect(appraisal.body.code).toBe('step-not-in-regime');
    await expectOk(take(id, 'court-submission', policeChief(), { on: '2025-04-03' }));
    const decided = await expectOk(
      take(id, 'court-decision', judge(), { on: '2025-04-10', termMonths: 18 }),
    );
    expect(decided.decision).toMatchObject({ court: 'district-people-court', termMonths: 18 });
  });

  it('has the regional court decide the fixed 24-month first term under LAW-2025, flagged unconfirmed', async () => {
    h.setToday('2026-08-04');
    const personId = await knownPerson(ADULT);
    const opened = await open({ personId, violationOn: '2026-08-03' });
    expect(opened.body.regime).toBe('LAW-2025');
    const id = opened.body.id as string;
    await expectOk(
      take(id, 'dossier', policeChief(), { on: '2026-08-04', documents: ALL_DOCUMENTS }),
    );
    await expectOk(take(id, 'court-submission', policeChief(), { on: '2026-08-05' }));
    const district = await take(id, 'court-decision', judge(), {
      on: '2026-08-12',
      termMonths: 24,
    });
    expect(district.body.code).toBe('decision-by-wrong-actor');
    const regional = () => judge('regional-judge');
    const twelve = await take(id, 'court-decision', regional(), {
      on: '2026-08-12',
      termMonths: 12,
    });
    expect(twelve.status).toBe(422);
    expect(twelve.body).toMatchObject({ code: 'term-out-of-range' });
    expect(twelve.body.detail).toMatch(/24-24/);
    const decided = await expectOk(
      take(id, 'court-decision', regional(), { on: '2026-08-12', termMonths: 24 }),
    );
    expect(decided.decision).toMatchObject({ court: 'regional-people-court', confirmed: false });
  });
});

describe('out-of-order steps and terms outside the range write nothing', () => {
  it('refuses admission before the court decision with the version unchanged', async () => {
    const { id } = await law2021Case('compiled');
    const before = (await read(id)).body.version as number;
    const admitted = await take(id, 'admission', director(), {
      on: '2024-10-04',
      facilityId: 'CS-1',
    });
    expect(admitted.status).toBe(422);
    expect(admitted.body.code).toBe('admission-before-court-decision');
    expect((await read(id)).body).toMatchObject({ version: before, state: 'dossier-compiled' });
    const closure = await take(id, 'family-review-closure', communeOfficer(), { on: '2024-10-09' });
    expect(closure.body.code).toBe('minor-rules-for-adult');
  });

  it('refuses a 25-month adult term naming the rule, then records the refusal, which ends the case', async () => {
    const { id } = await law2021Case('submitted');
    const long = await take(id, 'court-decision', judge(), { on: '2024-10-15', termMonths: 25 });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({
      code: 'term-out-of-range',
      legalRef: 'Law 73/2021/QH14 Art. 32',
    });
    expect(long.body.errors[0].field).toBe('termMonths');
    expect((await read(id)).body.state).toBe('submitted-to-court');
    const refused = await expectOk(take(id, 'court-refusal', judge(), { on: '2024-10-15' }));
    expect(refused).toMatchObject({ state: 'court-refused', due: [] });
    const after = await take(id, 'court-decision', judge(), { on: '2024-10-16', termMonths: 12 });
    expect(after.body.code).toBe('step-out-of-order');
  });
});

describe("a minor's placement (Law 73/2021 Art. 33, 34)", () => {
  it("refuses an adult's rules for a 15-year-old and a minor's for an adult, writing nothing", async () => {
    h.setToday('2024-10-02');
    const child = await knownPerson(MINOR);
    const asAdult = await open({ personId: child, violationOn: '2024-10-01', ageGroup: 'adult' });
    expect(asAdult.status).toBe(422);
    expect(asAdult.body).toMatchObject({ code: 'age-group-mismatch' });
    expect(asAdult.body.errors[0].field).toBe('ageGroup');
    const adult = await knownPerson(ADULT);
    const asMinor = await open({ personId: adult, violationOn: '2024-10-01', ageGroup: 'minor' });
    expect(asMinor.body.code).toBe('age-group-mismatch');
    expect(await casesOf(child)).toEqual([]);
    expect(await casesOf(adult)).toEqual([]);
  });

  it('goes through the family review and the child-rights opinion to a 6-12 month term', async () => {
    h.setToday('2024-10-02');
    const personId = await knownPerson(MINOR);
    const opened = await open({ personId, violationOn: '2024-10-01', ageGroup: 'minor' });
    expect(opened.body).toMatchObject({ ageGroup: 'minor', ageOnViolation: 15 });
    const id = opened.body.id as string;
    const review = await expectOk(
      take(id, 'dossier', chairman(), { on: '2024-10-03', documents: ALL_DOCUMENTS }),
    );
    expect(review).toMatchObject({
      state: 'family-review',
      familyReview: { endsOn: '2024-10-08' },
    });
    expect((review.due as { what: string }[]).map((item) => item.what)).toEqual([
      'attach-child-rights-opinion',
      'family-review-ends',
    ]);
    const early = await take(id, 'family-review-closure', communeOfficer(), { on: '2024-10-04' });
    expect(early.body.code).toBe('family-review-open');
    const noOpinion = await take(id, 'family-review-closure', communeOfficer(), {
      on: '2024-10-04',
      familyReadOn: '2024-10-04',
    });
    expect(noOpinion.body.code).toBe('child-rights-opinion-required');
    await expectOk(take(id, 'child-rights-opinion', communeOfficer(), { on: '2024-10-04' }));
    const closed = await expectOk(
      take(id, 'family-review-closure', communeOfficer(), {
        on: '2024-10-04',
        familyReadOn: '2024-10-04',
      }),
    );
    expect(closed.state).toBe('dossier-compiled');
    await expectOk(take(id, 'appraisal', labourHead(), { on: '2024-10-07' }));
    await expectOk(take(id, 'court-submission', labourHead(), { on: '2024-10-08' }));
    const thirteen = await take(id, 'court-decision', judge(), {
      on: '2024-10-15',
      termMonths: 13,
    });
    expect(thirteen.body).toMatchObject({
      code: 'term-out-of-range',
      legalRef: 'Law 73/2021/QH14 Art. 33',
    });
    const decided = await expectOk(
      take(id, 'court-decision', judge(), { on: '2024-10-15', termMonths: 6 }),
    );
    expect(decided.decision).toMatchObject({ termMonths: 6 });
  });
});

describe('before admission: deferral, absconding, postponement and exemption', () => {
  it('defers, records absconding with the district police search decision and the return, postpones and exempts', async () => {
    const { id } = await law2021Case('decided');
    const deferred = await expectOk(
      take(id, 'admission-deferral', director(), { on: '2024-10-16', until: '2024-11-15' }),
    );
    expect(deferred).toMatchObject({ state: 'admission-deferred', admissionDueBy: '2024-11-15' });
    const province = h.as({ agency: 'police', orgUnit: '99', roles: ['provincial-director'] });
    const wrongOffice = await take(id, 'absconding-before-admission', province, {
      on: '2024-10-20',
    });
    expect(wrongOffice.body).toMatchObject({ code: 'decision-by-wrong-actor' });
    const district = h.as({ agency: 'police', orgUnit: '99', roles: ['district-chief'] });
    const away = await expectOk(
      take(
        id,
        'absconding-before-admission',
        district,
        { on: '2024-10-20', searchDecisionOn: '2024-10-21' },
        '2024-10-21',
      ),
    );
    expect(away).toMatchObject({ state: 'absconded-before-admission' });
    const back = await expectOk(
      take(id, 'return-before-admission', policeChief(), { on: '2024-10-25' }),
    );
    expect(back).toMatchObject({ state: 'court-decided', admissionDueBy: '2024-10-30' });
    await expectOk(
      take(id, 'postponement', judge(), { on: '2024-10-26', ground: 'family-hardship' }),
    );
    const exempted = await expectOk(
      take(id, 'exemption', judge(), { on: '2024-12-20', ground: 'voluntary-rehab-completed' }),
    );
    expect(exempted).toMatchObject({ state: 'exempted', due: [] });
  });
});

describe('the term at the facility (Decree 116/2021 Art. 58)', () => {
  it('adds the days absconded, reduces the term through a review, and excuses the rest after a long hospital stay', async () => {
    const { id } = await law2021Case('decided');
    await expectOk(
      take(id, 'postponement', judge(), { on: '2024-10-16', ground: 'serious-illness' }),
    );
    const resumed = await expectOk(
      take(id, 'postponement-end', policeChief(), { on: '2024-11-04' }),
    );
    expect(resumed).toMatchObject({ state: 'court-decided', admissionDueBy: '2024-11-09' });
    const admitted = await expectOk(
      take(id, 'admission', facilityOfficer(), { on: '2024-11-05', facilityId: 'CSCNBB-99' }),
    );
    expect(admitted.termEndsOn).toBe('2025-11-05');
    await expectOk(take(id, 'absconding', director(), { on: '2024-12-02' }));
    const returned = await expectOk(take(id, 'return', facilityOfficer(), { on: '2024-12-12' }));
    expect(returned.termEndsOn).toBe('2025-11-15');
    const reviewed = await expectOk(
      take(
        id,
        'reviews',
        director(),
        { on: '2025-05-26', postedOn: '2025-05-26', sentToCourtOn: '2025-06-02' },
        '2025-06-02',
      ),
    );
    const [review] = reviewed.reviews as { id: string; nextReviewDueBy: string }[];
    expect(review?.nextReviewDueBy).toBe('2025-08-26');
    const reduced = await expectOk(
      take(id, 'term-reduction', judge(), {
        on: '2025-06-05',
        reviewId: review?.id,
        months: 2,
        monthsRatedGood: 3,
      }),
    );
    expect(reduced.termEndsOn).toBe('2025-09-15');
    await expectOk(
      take(id, 'hospital-suspension', judge(), {
        on: '2025-07-01',
        hospital: 'Bệnh viện Đa khoa tỉnh',
        expectedDays: 20,
      }),
    );
    const tooLate = await take(id, 'hospital-return', facilityOfficer(), { on: '2025-07-21' });
    expect(tooLate.body.code).toBe('too-little-term-to-return');
    const excused = await expectOk(take(id, 'remainder-excusal', judge(), { on: '2025-07-21' }));
    expect(excused).toMatchObject({
      state: 'released',
      release: { remainderExcused: true },
      opened: { kind: 'post-rehab', origin: 'compulsory-adult' },
    });
  });
});

describe('the API description', () => {
  it('documents every compulsory step with its body schema', async () => {
    const res = await h.api().get('/treatment/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths as Record<string, unknown>);
    expect(paths).toContain('/treatment/v1/compulsory-cases');
    expect(paths.filter((path) => path.includes('/compulsory/'))).toHaveLength(24);
  });
});

describe('who may take each step, bad input and retries', () => {
  it('refuses another commune, a facility on the court step and a court on the facility step (403)', async () => {
    const { id } = await law2021Case('submitted');
    const elsewhere = await take(id, 'interim-management', communeOfficer('99001'), {
      on: '2024-10-09',
      kind: 'family',
    });
    expect(elsewhere.status).toBe(403);
    const facility = await take(id, 'court-decision', director(), {
      on: '2024-10-15',
      termMonths: 12,
    });
    expect(facility.status).toBe(403);
    const court = await take(id, 'admission', judge(), { on: '2024-10-15', facilityId: 'CS-1' });
    expect(court.status).toBe(403);
    const opening = await open({ personId: uuidv7(), violationOn: '2024-10-01' }, chairman());
    expect(opening.status).toBe(403);
  });

  it('answers bad input with 400 naming the field, a future date and an unknown person with 422', async () => {
    const { id } = await law2021Case('submitted');
    const words = await take(id, 'court-decision', judge(), {
      on: '2024-10-15',
      termMonths: 'twelve',
    });
    expect(words.status).toBe(400);
    expect(words.body.errors[0].field).toBe('termMonths');
    const future = await take(
      id,
      'court-decision',
      judge(),
      { on: '2024-10-20', termMonths: 12 },
      '2024-10-15',
    );
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('date-in-future');
    expect(future.body.errors[0].field).toBe('on');
    const unknown = await open({ personId: uuidv7(), violationOn: '2024-10-01' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('person-unknown');
    expect((await read(id)).body.state).toBe('submitted-to-court');
  });

  it('gives the same response to a retried court decision and records it once', async () => {
    const { id } = await law2021Case('submitted');
    h.setToday('2024-10-15');
    const decide = () =>
      h
        .api()
        .post(`/treatment/v1/cases/${id}/compulsory/court-decision`)
        .set({ ...judge(), 'Idempotency-Key': `decide-${id}` })
        .send({ on: '2024-10-15', termMonths: 12 });
    const first = await decide();
    const again = await decide();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const timeline = (await read(id)).body.timeline as { event: string }[];
    expect(timeline.filter((entry) => entry.event === 'court-decide')).toHaveLength(1);
  });
});
