// Post-rehab management in the demo province (Law 73/2021/QH14 Art. 40; Decree 116/2021
// Art. 77-82): after a release from compulsory rehab, opened directly for persons whose
// rehab ended before the platform, completed with form 54, and ended by a relapse that
// opens the compulsory case and refers the person back for determination.
import {
  ALL_DOCUMENTS,
  COMPULSORY_FACILITY,
  open,
  QUIET,
  step,
  throughCourt,
  type Journey,
} from './demo-journey-steps.ts';

export function postRehabHistories(): Journey[] {
  return [
    {
      id: 'released-to-post-rehab',
      stages: QUIET,
      steps: [
        open('compulsory-cases', 'compulsory', 'commune-police-chief', {
          trigger: 'not-registered',
          ordinal: 'first',
          violationOn: '2025-08-04',
        }),
        ...throughCourt({ dossier: '2025-08-07', submitted: '2025-08-11' }, '2025-08-20', 12),
        step('compulsory', 'compulsory/admission', 'facility-officer', {
          on: '2025-08-25',
          facilityId: COMPULSORY_FACILITY,
        }),
        step('compulsory', 'compulsory/reviews', 'facility-director', {
          on: '2025-11-25',
          postedOn: '2025-11-25',
          sentToCourtOn: '2025-12-02',
        }),
        step('compulsory', 'compulsory/release-notice', 'facility-director', { on: '2026-08-07' }),
        step(
          'compulsory',
          'compulsory/release',
          'facility-director',
          { on: '2026-08-25', certificateNumber: 'GCN-46/2026' },
          'post-rehab',
        ),
        step('post-rehab', 'post-rehab/report-in', 'commune-officer', { on: '2026-08-27' }),
        step('post-rehab', 'post-rehab/file', 'commune-police', { on: '2026-08-28' }),
        step(
          'post-rehab',
          'post-rehab/decision',
          { due: 'decide-post-rehab-management' },
          {
            on: '2026-09-04',
          },
        ),
        step('post-rehab', 'post-rehab/helper', 'commune-officer', {
          helperId: 'tnv-02',
          on: '2026-09-07',
        }),
        step('post-rehab', 'post-rehab/tests', 'commune-police', {
          result: 'negative',
          on: '2026-11-05',
        }),
      ],
    },
    {
      id: 'relapse',
      stages: QUIET,
      steps: [
        open('post-rehab-cases', 'post-rehab', 'commune-officer', {
          origin: 'voluntary',
          rehabEndedOn: '2026-04-10',
          sourceReference: 'GCN-26a/2026',
        }),
        step('post-rehab', 'post-rehab/file', 'commune-police', { on: '2026-04-14' }),
        step(
          'post-rehab',
          'post-rehab/decision',
          { due: 'decide-post-rehab-management' },
          {
            on: '2026-04-16',
          },
        ),
        step('post-rehab', 'post-rehab/contacts', 'commune-officer', { on: '2026-05-20' }),
        step('post-rehab', 'post-rehab/tests', 'commune-police', {
          result: 'negative',
          on: '2026-07-15',
        }),
        // The relapse ends management, opens the compulsory case and the registry's referral.
        step(
          'post-rehab',
          'post-rehab/tests',
          'commune-police',
          { result: 'positive', on: '2026-11-16' },
          'compulsory',
        ),
        step('compulsory', 'compulsory/interim-management', 'commune-officer', {
          kind: 'family',
          on: '2026-11-17',
        }),
        step(
          'compulsory',
          'compulsory/dossier',
          { due: 'compile-compulsory-dossier' },
          {
            on: '2026-11-20',
            documents: ALL_DOCUMENTS,
          },
        ),
      ],
    },
    {
      id: 'post-rehab-completed',
      stages: QUIET,
      steps: [
        open('post-rehab-cases', 'post-rehab', 'commune-officer', {
          origin: 'voluntary',
          rehabEndedOn: '2025-08-15',
          sourceReference: 'GCN-26a/2025',
        }),
        step('post-rehab', 'post-rehab/file', 'commune-police', { on: '2025-08-19' }),
        step(
          'post-rehab',
          'post-rehab/decision',
          { due: 'decide-post-rehab-management' },
          {
            on: '2025-08-21',
          },
        ),
        step('post-rehab', 'post-rehab/helper', 'commune-officer', {
          helperId: 'tnv-03',
          on: '2025-08-25',
        }),
        step('post-rehab', 'post-rehab/tests', 'commune-police', {
          result: 'negative',
          on: '2026-02-10',
        }),
        step(
          'post-rehab',
          'post-rehab/completion',
          { due: 'complete-post-rehab-management' },
          {
            on: '2026-08-24',
            certificateId: 'GCN-54/2026',
          },
        ),
      ],
    },
    {
      id: 'post-rehab-after-compulsory',
      stages: QUIET,
      steps: [
        open('post-rehab-cases', 'post-rehab', 'commune-officer', {
          origin: 'compulsory-adult',
          rehabEndedOn: '2025-11-20',
          sourceReference: 'GCN-46/2025',
        }),
        step('post-rehab', 'post-rehab/report-in', 'commune-officer', { on: '2025-11-24' }),
        step('post-rehab', 'post-rehab/file', 'commune-police', { on: '2025-11-26' }),
        step(
          'post-rehab',
          'post-rehab/decision',
          { due: 'decide-post-rehab-management' },
          {
            on: '2025-11-28',
          },
        ),
        step('post-rehab', 'post-rehab/helper', 'commune-officer', {
          helperId: 'tnv-04',
          on: '2025-12-01',
        }),
        // Not reported: the ten days do not count toward the term.
        step('post-rehab', 'post-rehab/absences', 'commune-officer', {
          from: '2026-03-02',
          to: '2026-03-11',
          reported: false,
          on: '2026-03-20',
        }),
        step('post-rehab', 'post-rehab/support-needs', 'commune-officer', {
          need: 'job',
          on: '2026-04-01',
        }),
        step('post-rehab', 'post-rehab/contacts', 'commune-officer', { on: '2026-10-12' }),
      ],
    },
  ];
}
