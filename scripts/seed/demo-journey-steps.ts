// The vocabulary of the demo's treatment journeys: a journey is a person's steps through
// the public API, each written as the office that takes it (or the office the case itself
// names for what is due, so the case's regime picks the commune chairman or the commune
// police chief, the district or the regional court), the path and the body.
import type { LocalDate } from '@rehab/domain-kit';
import type { Stage } from './demo-people.ts';

export type CaseKind =
  'awaiting-registration' | 'voluntary-home' | 'voluntary-facility' | 'compulsory' | 'post-rehab';
export type Office =
  | 'commune-officer'
  | 'commune-chairman'
  | 'commune-police'
  | 'commune-police-chief'
  | 'facility-officer'
  | 'facility-director';
/** An office, or the office the target case names in its due item `what`. */
export type Who = Office | { due: string };

/** A POST that opens a case (`/voluntary-registrations`, `/compulsory-cases`, `/post-rehab-cases`). */
export interface OpenStep {
  open: 'voluntary-registrations' | 'compulsory-cases' | 'post-rehab-cases';
  opens: CaseKind;
  who: Office;
  body: Record<string, unknown>;
}
/** A POST /cases/{id}/<path> on the person's latest case of kind `target`. */
export interface CaseStep {
  target: CaseKind;
  path: string;
  who: Who;
  /** Without `termMonths` where one is needed, the runner takes the regime's usual term. */
  body: Record<string, unknown>;
  /** The case the step opens (completion, violation, relapse, release). */
  opens?: CaseKind;
}
export type JourneyStep = OpenStep | CaseStep;

export interface Journey {
  id: string;
  /** Which seeded persons may take it (the first free adult of these stages does). */
  stages: readonly Stage[];
  /** A determination worked to this result today, from the registry's referral. */
  determination?: 'addicted' | 'not-addicted';
  steps: JourneyStep[];
}

export const REFERRED: Stage[] = ['referred-repeat-use', 'referred-voluntary'];
export const QUIET: Stage[] = ['registered', 'ended'];
export const USING: Stage[] = ['renewed', 'managed'];
export const ALL_DOCUMENTS = ['violation-record', 'cv', 'addiction-result', 'statements'];
export const FACILITY = 'CSCN-99-01';
export const COMPULSORY_FACILITY = 'CSCNBB-99';

export const step = (
  target: CaseKind,
  path: string,
  who: Who,
  body: Record<string, unknown> = {},
  opens?: CaseKind,
): CaseStep => ({ target, path, who, body, ...(opens ? { opens } : {}) });
export const open = (
  path: OpenStep['open'],
  opens: CaseKind,
  who: Office,
  body: Record<string, unknown>,
): OpenStep => ({ open: path, opens, who, body });

const stageNames = [
  'reception-and-classification',
  'detox-and-treatment',
  'education-and-counselling',
  'labour-therapy-and-vocational-training',
  'preparation-for-reintegration',
];
/** The stages in order, each [startedOn, last day]. */
export const stages = (
  kind: CaseKind,
  who: Office,
  periods: [LocalDate, LocalDate][],
): CaseStep[] =>
  periods.map(([startedOn, on], i) =>
    step(kind, 'voluntary/stages', who, { stage: stageNames[i], startedOn, on }),
  );
export const registration = (modality: string, opens?: CaseKind) =>
  step('awaiting-registration', 'registration', 'commune-officer', { modality }, opens);

/** Dossier, submission (the labour division's appraisal has no place since 2025) and decision. */
export function throughCourt(
  on: { interim?: LocalDate; dossier: LocalDate; submitted: LocalDate },
  decidedOn?: LocalDate,
  termMonths?: number,
): CaseStep[] {
  return [
    ...(on.interim
      ? [
          step('compulsory', 'compulsory/interim-management', 'commune-officer', {
            kind: 'family',
            on: on.interim,
          }),
        ]
      : []),
    step(
      'compulsory',
      'compulsory/dossier',
      { due: 'compile-compulsory-dossier' },
      {
        on: on.dossier,
        documents: ALL_DOCUMENTS,
      },
    ),
    step(
      'compulsory',
      'compulsory/court-submission',
      { due: 'submit-dossier-to-court' },
      {
        on: on.submitted,
      },
    ),
    ...(decidedOn
      ? [
          step(
            'compulsory',
            'compulsory/court-decision',
            { due: 'court-decision' },
            {
              on: decidedOn,
              ...(termMonths ? { termMonths } : {}),
            },
          ),
        ]
      : []),
  ];
}
