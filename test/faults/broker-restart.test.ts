// The Kafka broker is stopped in the middle of the journey and started again: nothing is
// lost, nothing is applied twice, and neither service needs a restart of its own.
import { addDays, todayIn } from '@rehab/domain-kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certifiedFacilityWithDoctor,
  startAssessment,
  type AssessmentUnderTest,
} from '../../services/assessment/test/support.ts';
import {
  personBody,
  startRegistry,
  type RegistryUnderTest,
} from '../../services/registry/test/support.ts';
import { eventually, startKafka, stopKafka } from './stack-control.ts';

let registry: RegistryUnderTest;
let assessment: AssessmentUnderTest;
const today = todayIn();
const daysAgo = (n: number) => addDays(today, -n);

beforeAll(async () => {
  registry = await startRegistry({ consumeDeterminations: true });
  assessment = await startAssessment({ consumeRegistry: true });
  await Promise.all([
    registry.service.determinations?.started,
    assessment.service.registryConsumer?.started,
  ]);
  await certifiedFacilityWithDoctor(assessment);
});
afterAll(async () => {
  startKafka();
  await assessment?.stop();
  await registry?.stop();
});

const reg = () => request(registry.service.app);
const health = () => request(assessment.service.app);

async function referredPerson(): Promise<string> {
  const police = registry.bearer();
  const person = await reg().post('/registry/v1/persons').set(police).send(personBody());
  const id = person.body.id as string;
  await reg()
    .post(`/registry/v1/persons/${id}/drug-use-detections`)
    .set(police)
    .send({ detectedAt: daysAgo(80), sample: 'urine', substances: ['heroin'] });
  await reg()
    .post(`/registry/v1/persons/${id}/drug-use-detections`)
    .set(police)
    .send({ detectedAt: daysAgo(10), sample: 'urine', substances: ['heroin'] });
  const referral = await reg()
    .post(`/registry/v1/persons/${id}/determination-referrals`)
    .set(police)
    .send({ reason: 'repeat-use' });
  expect(referral.status).toBe(201);
  return id;
}

const determinationsOf = (personId: string) =>
  health()
    .get(`/assessment/v1/determinations?personId=${personId}`)
    .set(assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] }))
    .then((res) => res.body.items as { id: string; status: string }[]);

describe('broker outage in the middle of the journey', () => {
  it('loses nothing and applies nothing twice once the broker is back', async () => {
    const doctor = assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] });
    const first = await referredPerson();
    const [request1] = await eventually(
      () => determinationsOf(first),
      (items) => items.length === 1,
      30_000,
    );
    expect(request1).toBeDefined();

    stopKafka();
    // While the broker is down: evidence and the conclusion in assessment, a new referral
    // in the registry. Both land in the databases; their events wait in the outboxes.
    for (const criterion of ['craving', 'tolerance', 'withdrawal']) {
      for (const observedOn of [daysAgo(60), daysAgo(2)]) {
        const res = await health()
          .post(`/assessment/v1/determinations/${request1!.id}/observations`)
          .set(doctor)
          .send({
            criterion,
            present: true,
            observedOn,
            source: 'clinical',
            substanceClass: 'opioid',
          });
        expect(res.status).toBe(201);
      }
    }
    const conclusion = await health()
      .post(`/assessment/v1/determinations/${request1!.id}/conclusion`)
      .set(doctor)
      .send({ concludedOn: today });
    expect(conclusion.status).toBe(201);
    const second = await referredPerson();
    const ready = await reg().get('/readyz');
    expect(ready.status).toBe(503);
    startKafka();

    const shown = await eventually(
      () =>
        reg()
          .get(`/registry/v1/persons/${first}`)
          .set(registry.bearer())
          .then((res) => res.body),
      (body) => body.addictionStatus === 'addicted',
      120_000,
    );
    expect(shown.addictionStatus).toBe('addicted');
    const secondRequests = await eventually(
      () => determinationsOf(second),
      (items) => items.length > 0,
      120_000,
    );
    expect(secondRequests).toHaveLength(1);

    // Redeliveries after the outage change nothing.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const again = await reg().get(`/registry/v1/persons/${first}`).set(registry.bearer());
    expect(
      again.body.timeline.filter((e: { kind: string }) => e.kind === 'determination-result'),
    ).toHaveLength(1);
    expect(await determinationsOf(second)).toHaveLength(1);
    expect(await determinationsOf(first)).toHaveLength(1);
  });
});
