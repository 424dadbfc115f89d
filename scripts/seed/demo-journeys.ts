// The treatment journeys of the demo province, each taken by one seeded person through the
// public API. Journeys from today's "addicted" results run under the regime in force today
// (LAW-2025): the assessment notifies on the day it concludes, so the 5-working-day
// registration deadline runs from today and every step after it is dated today. The
// histories (demo-histories.ts) reach back to 2025 to show completed rehab, compulsory
// placement through the court and post-rehab management.
import type { LocalDate } from '@rehab/domain-kit';
import {
  FACILITY,
  REFERRED,
  registration,
  stages,
  step,
  type Journey,
  type JourneyStep,
} from './demo-journey-steps.ts';
import { histories } from './demo-histories.ts';

export function treatmentJourneys(today: LocalDate): Journey[] {
  const fromResult = (id: string, steps: JourneyStep[] = []): Journey => ({
    id,
    stages: REFERRED,
    determination: 'addicted',
    steps,
  });
  return [
    fromResult('awaiting-registration-1'),
    fromResult('awaiting-registration-2'),
    fromResult('registered-home', [registration('voluntary-home', 'voluntary-home')]),
    fromResult('home-rehab', [
      registration('voluntary-home', 'voluntary-home'),
      step(
        'voluntary-home',
        'voluntary/home-decision',
        { due: 'decide-home-rehab' },
        {
          responsible: { kind: 'provider', id: 'CS-CD-99-03' },
        },
      ),
      ...stages('voluntary-home', 'commune-officer', [[today, today]]),
    ]),
    fromResult('facility-rehab', [
      registration('voluntary-facility', 'voluntary-facility'),
      step('voluntary-facility', 'voluntary/facility-admission', 'facility-officer', {
        facilityId: FACILITY,
      }),
      step('voluntary-facility', 'voluntary/provider-notices', 'facility-officer', {
        about: 'start',
      }),
    ]),
    fromResult('methadone', [registration('methadone')]),
    { id: 'not-addicted', stages: REFERRED, determination: 'not-addicted', steps: [] },

    ...histories(today),
  ];
}
