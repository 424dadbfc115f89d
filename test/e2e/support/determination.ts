// The police and health sector's part of a journey: the police register a person and refer
// them, and the certified doctor finds them addicted to opioids on the determination the
// referral opened.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import { eventually } from '@rehab/testing';
import request from 'supertest';
import { expect } from 'vitest';
import type { AssessmentUnderTest } from '../../../services/assessment/test/support.ts';
import { personBody } from '../../../services/registry/test/support.ts';
import type { JourneyServices } from './journey-services.ts';

/** The doctor certifiedFacilityWithDoctor certifies. */
export const doctorOf = (assessment: AssessmentUnderTest) =>
  assessment.bearer({ sub: 'doctor-hanh', roles: ['doctor'] });

/** The person's determinations, once the registry's referral has opened one. */
export const requestedDeterminations = (assessment: AssessmentUnderTest, personId: string) =>
  eventually(
    () =>
      request(assessment.service.app)
        .get(`/assessment/v1/determinations?personId=${personId}`)
        .set(doctorOf(assessment))
        .then((res) => res.body.items as { id: string; status: string }[]),
    (items) => items.length > 0,
  );

/**
 * A positive opioid test the day before `on` and the three criteria seen 50 and 2 days
 * before it (so the requirement holds over the determination's window); then the
 * conclusion on `on`, its response returned for the caller to check.
 */
export async function concludeAddicted(
  assessment: AssessmentUnderTest,
  determinationId: string,
  on: LocalDate,
  conclusion: { substanceClass?: 'opioid' } = {},
) {
  const health = () => request(assessment.service.app);
  const doctor = doctorOf(assessment);
  const determination = `/assessment/v1/determinations/${determinationId}`;
  await health()
    .post(`${determination}/tests`)
    .set(doctor)
    .send({
      sampledAt: addDays(on, -1),
      sample: 'urine',
      results: [{ substanceClass: 'opioid', positive: true }],
    });
  for (const criterion of ['craving', 'loss-of-control', 'withdrawal']) {
    for (const observedOn of [addDays(on, -50), addDays(on, -2)]) {
      await health().post(`${determination}/observations`).set(doctor).send({
        criterion,
        present: true,
        observedOn,
        source: 'clinical',
        substanceClass: 'opioid',
      });
    }
  }
  return await health()
    .post(`${determination}/conclusion`)
    .set(doctor)
    .send({ concludedOn: on, ...conclusion });
}

/** Police register the person and refer them; a certified doctor finds them addicted today. */
export async function foundAddicted(
  services: JourneyServices,
  options: { fullName?: string; conclusion?: { substanceClass?: 'opioid' } } = {},
): Promise<{ personId: string; unitCode: string }> {
  const { registry, assessment } = services;
  const day = services.clock.today();
  const reg = () => request(registry.service.app);
  const police = registry.bearer();
  const person = await reg()
    .post('/registry/v1/persons')
    .set(police)
    .send(personBody(options.fullName === undefined ? {} : { fullName: options.fullName }));
  expect(person.status, JSON.stringify(person.body)).toBe(201);
  const personId = person.body.id as string;
  const referral = await reg()
    .post(`/registry/v1/persons/${personId}/determination-referrals`)
    .set(police)
    .send({ reason: 'voluntary', referredOn: addDays(day, -60) });
  expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  const [requested] = await requestedDeterminations(assessment, personId);
  const conclusion = await concludeAddicted(assessment, requested!.id, day, options.conclusion);
  expect(conclusion.body.result, JSON.stringify(conclusion.body)).toBe('addicted');
  // personBody's residence: the commune whose officers act on the case.
  return { personId, unitCode: '99001' };
}
