// The vocational journey of issue 12, across the real registry, assessment, treatment and
// vocational services on the real stack, with one calendar they share: voluntary rehab
// completed → post-rehab management decided, with a support need → a need in the commune's
// queue → training and a job → the person supported, and the support on the registry's
// timeline, and the supported persons and share in reporting's figures for the commune.
// The calendar starts on Monday 2025-07-07, as in treatment-journeys.test.ts.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import { eventually } from '@rehab/testing';
import { loadConfig } from '@rehab/service-kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseBody, placementBody } from '../../libs/testing/src/payloads/vocational.ts';
import { reportingConfigSchema } from '../../services/reporting/src/config.ts';
import {
  createReportingService,
  type ReportingService,
} from '../../services/reporting/src/service.ts';
import { vocationalConfigSchema } from '../../services/vocational/src/config.ts';
import {
  createVocationalService,
  type VocationalService,
} from '../../services/vocational/src/service.ts';
import { foundAddicted } from './support/determination.ts';
import { JourneyServices } from './support/journey-services.ts';
import { stackSettings } from './support/service-settings.ts';
import { treatmentSteps } from './support/treatment-steps.ts';

let day: LocalDate = '2025-07-07';
const clock = { now: () => new Date(), today: () => day };
const moveTo = (next: LocalDate) => {
  day = next;
};

const services = new JourneyServices(clock);
let vocational: VocationalService;
let reporting: ReportingService;
// One identity provider for the treatment, vocational and reporting tokens.
const serviceConfig = (prefix: string) =>
  stackSettings(services.idp, prefix, { quickOutbox: true });

beforeAll(async () => {
  const suffix = `-e2e-vocational-${Date.now()}`;
  await services.start(suffix);
  vocational = await createVocationalService(
    loadConfig(vocationalConfigSchema, serviceConfig('vocational')),
    {
      clock,
      consumerGroupSuffix: suffix,
      consumeFromBeginning: false,
    },
  );
  reporting = await createReportingService(
    loadConfig(reportingConfigSchema, {
      ...serviceConfig('reporting'),
      PSEUDONYM_KEY: 'e2e-pseudonym-key-0123456789',
    }),
    // The shared broker's history of other tests is not this journey's.
    { clock, consumerGroupSuffix: suffix, ignoreEventsBefore: new Date() },
  );
  await services.ready([
    reporting.consumer?.started,
    ...vocational.consumers.map((consumer) => consumer.started),
  ]);
}, 180_000);
afterAll(async () => {
  await reporting?.stop();
  await vocational?.stop();
  await services.stop();
});

const work = () => request(vocational.app);
const { step, completesHomeRehab } = treatmentSteps(services, moveTo);

describe('the vocational journey across registry, assessment, treatment, vocational and reporting', () => {
  it('voluntary completion → post-rehab management → a need in the commune queue → training and a job → the supported share in reporting', async () => {
    const { personId, unitCode } = await foundAddicted(services, { fullName: 'Phạm Thị Xuân' });
    const { episode, postRehab, chairman, officer } = await completesHomeRehab(personId, unitCode);
    await step(postRehab.id, 'post-rehab/file', officer, {});
    const decisionOn = day;
    await step(postRehab.id, 'post-rehab/decision', chairman, {});
    await step(postRehab.id, 'post-rehab/support-needs', officer, { need: 'vocational-training' });

    // The need is in the commune's queue, with the need the treatment service recorded.
    const labour = services.token('labour', ['officer']);
    const queued = async (status: string) =>
      (
        await work()
          .get(`/vocational/v1/needs?unitCode=${unitCode}&status=${status}&limit=200`)
          .set(labour)
      ).body.items as {
        personId: string;
        fullName?: string;
        daysWaited: number;
        needs: string[];
      }[];
    const [waiting] = await eventually(
      async () => (await queued('waiting')).filter((item) => item.personId === personId),
      (items) => items.length === 1 && items[0]!.needs.includes('vocational-training'),
      30_000,
    );
    expect(waiting).toMatchObject({ fullName: 'Phạm Thị Xuân', daysWaited: 0 });
    const file = await vocational.deps.files.get(personId);
    expect(file?.completions).toEqual([
      expect.objectContaining({ kind: 'voluntary-rehab', sourceId: episode.id }),
    ]);
    expect(file?.episodes[0]).toMatchObject({ episodeId: postRehab.id, decisionOn });

    // Ten days later the person is trained, then placed in a job.
    moveTo(addDays(decisionOn, 10));
    expect((await queued('waiting')).find((item) => item.personId === personId)?.daysWaited).toBe(
      10,
    );
    const course = await work()
      .post('/vocational/v1/courses')
      .set(labour)
      .send(courseBody(3, { unitCode, startsOn: day, endsOn: addDays(day, 60), capacity: 10 }));
    expect(course.status, JSON.stringify(course.body)).toBe(201);
    const enrolment = await work()
      .post(`/vocational/v1/courses/${course.body.id}/enrolments`)
      .set(labour)
      .send({ personId });
    expect(enrolment.status, JSON.stringify(enrolment.body)).toBe(201);
    moveTo(addDays(day, 60));
    const outcome = await work()
      .post(`/vocational/v1/courses/${course.body.id}/enrolments/${enrolment.body.id}/outcome`)
      .set(labour)
      .send({ status: 'completed', certificate: 'CC-2026/001' });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    const placement = await work()
      .post('/vocational/v1/placements')
      .set(labour)
      .send(placementBody(3, personId, day));
    expect(placement.status, JSON.stringify(placement.body)).toBe(201);

    expect((await queued('waiting')).some((item) => item.personId === personId)).toBe(false);
    expect((await queued('supported')).some((item) => item.personId === personId)).toBe(true);

    // The registry shows the support history on the person's timeline, without the trainer's name.
    const shown = await eventually(
      () =>
        services.registryPerson(personId).then(
          (body) =>
            body as {
              timeline: { kind: string; summary: string; details: { supportKind?: string } }[];
            },
        ),
      (body) => body.timeline.filter((entry) => entry.kind === 'vocational-support').length >= 3,
      30_000,
    );
    const support = shown.timeline.filter((entry) => entry.kind === 'vocational-support');
    expect(support.map((entry) => entry.details.supportKind)).toEqual([
      'training',
      'training',
      'job-placement',
    ]);
    expect(support.map((entry) => entry.summary)).toContain('Vocational training (completed)');

    // Reporting counts the support from the events, without names: the commune's persons
    // supported after rehab in the year, and the share of those with a need.
    const figure = (items: { id: string; value: unknown }[], id: string) =>
      items.find((item) => item.id === id)?.value;
    const figures = await eventually(
      () =>
        request(reporting.app)
          .get(`/reporting/v1/indicators?period=${day.slice(0, 4)}&unitCode=${unitCode}`)
          .set(services.token('police', ['analyst']))
          .then((res) => (res.body as { items?: { id: string; value: unknown }[] }).items ?? []),
      (items) => Number(figure(items, 'post-rehab-supported') ?? 0) >= 1,
      60_000,
    );
    expect(Number(figure(figures, 'post-rehab-supported'))).toBeGreaterThanOrEqual(1);
    expect(Number(figure(figures, 'post-rehab-supported-share'))).toBeGreaterThan(0);

    // The follow-up at 3 months appears in the work queue when it is due.
    moveTo(addDays(day, 92));
    const due = await work().get(`/vocational/v1/needs?unitCode=${unitCode}`).set(labour);
    expect(
      (due.body.followUpsDue as { placementId: string; months: number }[]).filter(
        (item) => item.placementId === placement.body.id,
      ),
    ).toEqual([expect.objectContaining({ months: 3 })]);
  }, 180_000);
});
