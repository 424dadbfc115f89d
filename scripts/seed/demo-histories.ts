// Rehab histories of the demo province on fixed dates since the two-tier reform of
// July 2025 (when the demo communes begin), so each step keeps the regime it was designed
// for: a voluntary episode registered before 2026-07-01 runs 6-12 months and can have
// been completed by now, a compulsory case opened after it runs LAW-2025's 24 months. Two
// compulsory cases are dated from today, to be in the work queue whenever the seed runs.
import { addDays, type LocalDate } from '@rehab/domain-kit';
import {
  COMPULSORY_FACILITY,
  FACILITY,
  open,
  QUIET,
  stages,
  step,
  throughCourt,
  USING,
  type Journey,
} from './demo-journey-steps.ts';
import { postRehabHistories } from './demo-post-rehab-histories.ts';

export function histories(today: LocalDate): Journey[] {
  const recentViolation = addDays(today, -9);
  const atCourtViolation = addDays(today, -20);
  return [
    {
      id: 'home-completed',
      stages: QUIET,
      steps: [
        open('voluntary-registrations', 'voluntary-home', 'commune-officer', {
          modality: 'voluntary-home',
          on: '2026-01-12',
        }),
        step(
          'voluntary-home',
          'voluntary/home-decision',
          { due: 'decide-home-rehab' },
          {
            on: '2026-01-14',
            termMonths: 6,
            responsible: { kind: 'official', id: 'cb-vhxh-01' },
          },
        ),
        ...stages('voluntary-home', 'commune-officer', [
          ['2026-01-14', '2026-01-20'],
          ['2026-01-21', '2026-03-06'],
          ['2026-03-09', '2026-06-30'],
        ]),
        step(
          'voluntary-home',
          'voluntary/home-completion',
          { due: 'certify-completion' },
          { on: '2026-07-20' },
          'post-rehab',
        ),
        step('post-rehab', 'post-rehab/file', 'commune-police', { on: '2026-07-22' }),
        step(
          'post-rehab',
          'post-rehab/decision',
          { due: 'decide-post-rehab-management' },
          {
            on: '2026-07-24',
          },
        ),
        step('post-rehab', 'post-rehab/helper', 'commune-officer', {
          helperId: 'tnv-01',
          on: '2026-07-27',
        }),
        step('post-rehab', 'post-rehab/contacts', 'commune-officer', { on: '2026-09-15' }),
        step('post-rehab', 'post-rehab/tests', 'commune-police', {
          result: 'negative',
          on: '2026-10-20',
        }),
        step('post-rehab', 'post-rehab/support-needs', 'commune-officer', {
          need: 'vocational-training',
          on: '2026-10-20',
        }),
      ],
    },
    {
      id: 'facility-completed',
      stages: QUIET,
      steps: [
        open('voluntary-registrations', 'voluntary-facility', 'facility-officer', {
          modality: 'voluntary-facility',
          on: '2026-05-18',
        }),
        step('voluntary-facility', 'voluntary/facility-admission', 'facility-officer', {
          on: '2026-05-20',
          facilityId: FACILITY,
          termMonths: 6,
        }),
        step('voluntary-facility', 'voluntary/provider-notices', 'facility-officer', {
          on: '2026-05-22',
          about: 'start',
        }),
        ...stages('voluntary-facility', 'facility-officer', [
          ['2026-05-20', '2026-05-27'],
          ['2026-05-28', '2026-07-10'],
          ['2026-07-13', '2026-08-28'],
          ['2026-08-31', '2026-10-30'],
          ['2026-11-02', '2026-11-20'],
        ]),
        step(
          'voluntary-facility',
          'voluntary/facility-completion',
          { due: 'certify-completion' },
          { on: '2026-11-23' },
          'post-rehab',
        ),
        step('voluntary-facility', 'voluntary/provider-notices', 'facility-officer', {
          on: '2026-11-24',
          about: 'completion',
        }),
        // The decision on post-rehab management is still to be taken.
        step('post-rehab', 'post-rehab/file', 'commune-police', { on: '2026-11-25' }),
      ],
    },
    {
      id: 'quit-to-compulsory',
      stages: QUIET,
      steps: [
        open('voluntary-registrations', 'voluntary-home', 'commune-officer', {
          modality: 'voluntary-home',
          on: '2026-02-23',
        }),
        step(
          'voluntary-home',
          'voluntary/home-decision',
          { due: 'decide-home-rehab' },
          {
            on: '2026-02-25',
            termMonths: 12,
            responsible: { kind: 'official', id: 'cb-vhxh-02' },
          },
        ),
        ...stages('voluntary-home', 'commune-officer', [
          ['2026-02-25', '2026-03-03'],
          ['2026-03-04', '2026-05-29'],
        ]),
        step(
          'voluntary-home',
          'voluntary/violations',
          'commune-police',
          { on: '2026-09-15', kind: 'quit', recordNumber: 'BB-0915/2026' },
          'compulsory',
        ),
        ...throughCourt(
          { interim: '2026-09-16', dossier: '2026-09-18', submitted: '2026-09-21' },
          '2026-10-05',
        ),
        step('compulsory', 'compulsory/admission', 'facility-officer', {
          on: '2026-10-08',
          facilityId: COMPULSORY_FACILITY,
        }),
      ],
    },
    {
      id: 'violation-record',
      stages: USING,
      steps: [
        open('compulsory-cases', 'compulsory', 'commune-police-chief', {
          trigger: 'not-registered',
          ordinal: 'first',
          violationOn: recentViolation,
        }),
        // The dossier is still being compiled while the person waits at the facility.
        step('compulsory', 'compulsory/interim-management', 'commune-police', {
          kind: 'facility',
          facilityId: COMPULSORY_FACILITY,
          on: addDays(recentViolation, 1),
        }),
      ],
    },
    {
      id: 'dossier-at-court',
      stages: USING,
      steps: [
        open('compulsory-cases', 'compulsory', 'commune-police-chief', {
          trigger: 'left-methadone',
          ordinal: 'first',
          violationOn: atCourtViolation,
        }),
        ...throughCourt({
          dossier: addDays(atCourtViolation, 2),
          submitted: addDays(atCourtViolation, 5),
        }),
      ],
    },
    ...postRehabHistories(),
  ];
}
