// The cross-agency journey on the real stack, both services in this process: police
// register and refer, health determines, the registry shows the result. Also checks that
// one trace spans the conclusion request, the Kafka publish and the registry's consumer.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { addDays, todayIn } from '@rehab/domain-kit';
import { loadConfig, startTelemetry, type Telemetry } from '@rehab/service-kit';
import { createTestIdentityProvider, eventually } from '@rehab/testing';
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
import { treatmentConfigSchema } from '../../services/treatment/src/config.ts';
import {
  createTreatmentService,
  type TreatmentService,
} from '../../services/treatment/src/service.ts';
import { concludeAddicted, requestedDeterminations } from './support/determination.ts';
import { callerTokens, stackSettings } from './support/service-settings.ts';

const spans = new InMemorySpanExporter();
let telemetry: Telemetry;
let registry: RegistryUnderTest;
let assessment: AssessmentUnderTest;
let treatment: TreatmentService | undefined;
const treatmentIdp = createTestIdentityProvider();
const treatmentToken = callerTokens(treatmentIdp);
const today = todayIn();
const daysAgo = (n: number) => addDays(today, -n);

beforeAll(async () => {
  telemetry = startTelemetry({
    serviceName: 'e2e',
    spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
  });
  registry = await startRegistry({ consumeDeterminations: true });
  assessment = await startAssessment({ consumeRegistry: true });
  treatment = await createTreatmentService(
    loadConfig(treatmentConfigSchema, stackSettings(treatmentIdp, 'treatment')),
    { consumerGroupSuffix: `-e2e-${Date.now()}` },
  );
  await Promise.all([
    registry.service.determinations?.started,
    assessment.service.registryConsumer?.started,
    ...treatment.consumers.map((consumer) => consumer.started),
  ]);
  await certifiedFacilityWithDoctor(assessment);
});
afterAll(async () => {
  await treatment?.stop();
  await assessment?.stop();
  await registry?.stop();
  await telemetry?.shutdown();
});

describe('journey: register → detection → referral → determination → result in the registry', () => {
  it('carries the case between the agencies and shows the police only the result', async () => {
    const started = Date.now();
    const police = registry.bearer();
    const reg = () => request(registry.service.app);

    const person = await reg()
      .post('/registry/v1/persons')
      .set(police)
      .send(personBody({ fullName: 'Võ Thị Hồng Nhung', sex: 'female' }));
    const id = person.body.id as string;
    await reg()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(police)
      .send({ detectedAt: daysAgo(90), sample: 'urine', substances: ['heroin'] });
    await reg()
      .post(`/registry/v1/persons/${id}/drug-use-detections`)
      .set(police)
      .send({ detectedAt: daysAgo(20), sample: 'urine', substances: ['heroin'] });
    const referral = await reg()
      .post(`/registry/v1/persons/${id}/determination-referrals`)
      .set(police)
      .send({ reason: 'repeat-use' });
    expect(referral.status).toBe(201);

    const requests = await requestedDeterminations(assessment, id);
    expect(requests).toEqual([expect.objectContaining({ status: 'requested' })]);
    const conclusion = await concludeAddicted(assessment, requests[0]!.id, today);
    expect(conclusion.status).toBe(201);
    expect(conclusion.body.result).toBe('addicted');

    const shown = await eventually(
      () =>
        reg()
          .get(`/registry/v1/persons/${id}`)
          .set(police)
          .then((res) => res.body),
      (body) => body.addictionStatus === 'addicted',
    );
    expect(shown.addictionStatus).toBe('addicted');
    expect(shown.substanceClass).toBe('opioid');
    expect(shown.registrationDeadline).toBe(conclusion.body.registrationDeadline);
    expect(shown.management.status).toBe('stopped');
    expect(shown.management.stopReason).toBe('determined-addicted');
    const result = shown.timeline.find(
      (entry: { kind: string }) => entry.kind === 'determination-result',
    );
    expect(Object.keys(result.details).sort()).toEqual([
      'determinationId',
      'managementStopped',
      'registrationDeadline',
      'result',
      'substanceClass',
    ]);
    expect(Date.now() - started).toBeLessThan(60_000);

    // Treatment: the person now has a case awaiting registration with the same deadline.
    const labour = treatmentToken('labour', ['officer']);
    const cases = await eventually(
      () =>
        request(treatment!.app)
          .get(`/treatment/v1/cases?personId=${id}`)
          .set(labour)
          .then((res) => res.body.items as Record<string, unknown>[]),
      (items) => items.length > 0,
    );
    expect(cases[0]).toEqual(
      expect.objectContaining({
        state: 'awaiting-registration',
        registrationDeadline: conclusion.body.registrationDeadline,
      }),
    );

    // One trace: the conclusion request, its Kafka publish and the registry's consumer.
    const finished = await eventually(
      async () => spans.getFinishedSpans(),
      (all) => all.some((span) => span.name === 'assessment.determination.v1 process'),
      10_000,
    );
    const server = finished.find((span) => span.name.includes('/conclusion') && span.kind === 1);
    expect(server).toBeDefined();
    const traceId = server!.spanContext().traceId;
    const inTrace = finished
      .filter((span) => span.spanContext().traceId === traceId)
      .map((span) => span.name);
    expect(inTrace).toEqual(
      expect.arrayContaining([
        'assessment.determination.v1 publish',
        'assessment.determination.v1 process',
      ]),
    );
  });
});
