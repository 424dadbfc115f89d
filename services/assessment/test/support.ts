import { loadConfig } from '@rehab/service-kit';
import { serviceTestStack, testConsumerGroupSuffix, type TokenClaims } from '@rehab/testing';
import request from 'supertest';
import { assessmentConfigSchema } from '../src/config.ts';
import {
  createAssessmentService,
  type AssessmentOverrides,
  type AssessmentService,
} from '../src/service.ts';

export interface AssessmentUnderTest {
  service: AssessmentService;
  bearer(claims?: Partial<TokenClaims>): { Authorization: string };
  stop(): Promise<void>;
}

/** A provincial health administrator unless overridden. */
export const healthAdmin: TokenClaims = {
  sub: 'health-admin',
  agency: 'health',
  orgUnit: '99',
  roles: ['admin'],
};

export async function startAssessment(
  overrides: AssessmentOverrides = {},
): Promise<AssessmentUnderTest> {
  const { idp, settings } = serviceTestStack('assessment');
  const config = loadConfig(assessmentConfigSchema, {
    ...settings,
    KAFKA_CLIENT_ID: `assessment-test-${process.pid}`,
    OUTBOX_POLL_MS: '50',
  });
  const service = await createAssessmentService(config, {
    consumeRegistry: false,
    consumerGroupSuffix: testConsumerGroupSuffix(),
    ...overrides,
  });
  return {
    service,
    bearer: (claims = {}) => ({
      Authorization: `Bearer ${idp.issue({ ...healthAdmin, ...claims })}`,
    }),
    stop: () => service.stop(),
  };
}

/** A facility certified for years around today, with one certified doctor. */
export async function certifiedFacilityWithDoctor(
  assessment: AssessmentUnderTest,
  doctor = { userId: 'doctor-hanh', fullName: 'BS. Trần Thị Hạnh' },
) {
  const facility = await request(assessment.service.app)
    .post('/assessment/v1/facilities')
    .set(assessment.bearer())
    .send({
      name: 'Trung tâm Y tế tỉnh Mẫu',
      unitCode: '99001',
      certifiedFrom: '2024-01-01',
      certifiedTo: '2030-12-31',
    });
  await request(assessment.service.app)
    .post(`/assessment/v1/facilities/${facility.body.id}/assessors`)
    .set(assessment.bearer())
    .send({ ...doctor, certifiedFrom: '2024-01-01', certifiedTo: '2030-12-31' });
  return { facilityId: facility.body.id as string, doctor };
}
