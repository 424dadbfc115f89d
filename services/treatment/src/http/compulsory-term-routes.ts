// The compulsory steps from the court's decision to the release,
// POST /cases/{id}/compulsory/<step>: the court's, the police's and the facility's.
import type { Api } from '@rehab/service-kit';
import { z } from 'zod';
import {
  abscondBeforeAdmissionUseCase,
  admitUseCase,
  courtDecideUseCase,
  courtRefuseUseCase,
  deferAdmissionUseCase,
  endPostponementUseCase,
  exemptUseCase,
  postponeUseCase,
  returnBeforeAdmissionUseCase,
} from '../app/compulsory-court.ts';
import {
  abscondUseCase,
  excuseRemainderUseCase,
  notifyReleaseUseCase,
  recordReviewUseCase,
  reduceTermUseCase,
  releaseUseCase,
  resumeUseCase,
  returnUseCase,
  suspendForHospitalUseCase,
} from '../app/compulsory-term.ts';
import type { TreatmentDeps } from '../app/deps.ts';
import { reference } from './compulsory-dossier-routes.ts';
import { stepRoute, type StepRouteSpec } from './step-route.ts';
import { localDate } from './views.ts';

const tags = ['compulsory placement'];
const on = localDate.optional();
const onOnly = z.strictObject({ on });
const absence = z.strictObject({ on, searchDecisionOn: localDate.optional() });

/** Registers the steps from the court's decision to the release. */
export function registerCompulsoryTermRoutes(api: Api, deps: TreatmentDeps): void {
  const step = <BS extends z.ZodType>(spec: Omit<StepRouteSpec<BS>, 'tags'>) =>
    stepRoute(api, deps, { ...spec, tags });

  step({
    step: 'compulsory/court-decision',
    operation: 'compulsory.court-decide',
    summary:
      "The court's placement decision: adults 12-24 months, minors 6-12 under LAW-2021; 24 or 36 months under LAW-2025 (Law 73/2021 Art. 32, 33)",
    description:
      "The court is the caller's (district court under LAW-2021, regional court from TWO-TIER-2025); admission is then due within 5 days.",
    body: z.strictObject({ on, termMonths: z.number().int().min(1).max(60) }),
    run: ({ body, ...call }) => courtDecideUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/court-refusal',
    operation: 'compulsory.court-refuse',
    summary: "The court's refusal to place the person; the case ends",
    body: onOnly,
    run: ({ body, ...call }) => courtRefuseUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/admission-deferral',
    operation: 'compulsory.defer-admission',
    summary: 'Defer admission while the facility is full, at most 3 months from the decision',
    body: z.strictObject({ on, until: localDate }),
    run: ({ body, ...call }) => deferAdmissionUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/admission',
    operation: 'compulsory.admit',
    summary:
      'Admit the person to the public facility (handover record, form 40); refused before a court decision',
    body: z.strictObject({ on, facilityId: reference }),
    run: ({ body, ...call }) => admitUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/postponement',
    operation: 'compulsory.postpone',
    summary: 'Postpone the execution for serious illness or family hardship (Law 73/2021 Art. 32)',
    body: z.strictObject({ on, ground: z.enum(['serious-illness', 'family-hardship']) }),
    run: ({ body, ...call }) => postponeUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/postponement-end',
    operation: 'compulsory.end-postponement',
    summary: 'End a postponement whose ground has ended; admission is due within 5 days',
    body: onOnly,
    run: ({ body, ...call }) => endPostponementUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/exemption',
    operation: 'compulsory.exempt',
    summary:
      'Exempt from the execution: voluntary rehab completed while postponed, or pregnancy before admission',
    body: z.strictObject({ on, ground: z.enum(['voluntary-rehab-completed', 'pregnancy']) }),
    run: ({ body, ...call }) => exemptUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/absconding-before-admission',
    operation: 'compulsory.abscond-before-admission',
    summary:
      "Record absconding before admission; the caller's office issues the search decision (form 41): the district police chief under LAW-2021, the provincial police director from TWO-TIER-2025",
    body: absence,
    run: ({ body, ...call }) => abscondBeforeAdmissionUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/return-before-admission',
    operation: 'compulsory.return-before-admission',
    summary: 'The person who absconded before admission is found or back; admission is due again',
    body: onOnly,
    run: ({ body, ...call }) => returnBeforeAdmissionUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/absconding',
    operation: 'compulsory.abscond',
    summary:
      "Record absconding from the facility with the director's search decision (form 41); the term stops running",
    body: absence,
    run: ({ body, ...call }) => abscondUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/return',
    operation: 'compulsory.return',
    summary: 'The person is back at the facility; the days away are added to the end of the term',
    body: onOnly,
    run: ({ body, ...call }) => returnUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/reviews',
    operation: 'compulsory.record-review',
    summary:
      "Record the director's 3-monthly review of `on`, its list posted at least 5 working days before it went to the court (Decree 116/2021 Art. 58)",
    body: z.strictObject({ on, postedOn: localDate, sentToCourtOn: localDate }),
    run: ({ body, ...call }) => recordReviewUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/term-reduction',
    operation: 'compulsory.reduce-term',
    summary:
      'Reduce the term through a review after half of it, with the last 3+ months rated good: 1-3 months, 3-6 with a merit record (Decree 116/2021 Art. 58)',
    body: z.strictObject({
      on,
      reviewId: reference,
      months: z.number().int().min(1).max(12),
      meritRecord: z.boolean().default(false),
      monthsRatedGood: z.number().int().min(0).max(60),
    }),
    run: ({ body, ...call }) => reduceTermUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/hospital-suspension',
    operation: 'compulsory.suspend-for-hospital',
    summary: 'Suspend the execution for a hospital stay over 10 days (Decree 116/2021 Art. 58)',
    body: z.strictObject({
      on,
      hospital: reference,
      expectedDays: z.number().int().min(1).max(730),
    }),
    run: ({ body, ...call }) => suspendForHospitalUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/hospital-return',
    operation: 'compulsory.resume',
    summary: 'Back from hospital to the facility: at least 3 months of the term must remain',
    body: onOnly,
    run: ({ body, ...call }) => resumeUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/remainder-excusal',
    operation: 'compulsory.excuse-remainder',
    summary:
      'Excuse the remainder after a hospital stay when under 3 months remain; opens post-rehab management',
    body: onOnly,
    run: ({ body, ...call }) => excuseRemainderUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/release-notice',
    operation: 'compulsory.notify-release',
    summary:
      'Record the release notice to the court, the commune and the family, due 15 days before the end (form 46)',
    body: onOnly,
    run: ({ body, ...call }) => notifyReleaseUseCase(deps, call, body),
  });
  step({
    step: 'compulsory/release',
    operation: 'compulsory.release',
    summary:
      'Release at the end of the term with the release certificate (forms 46, 47); opens post-rehab management where the person lives',
    description:
      "`certificateNumber` is the facility's number of the certificate; one is issued when it is absent.",
    body: z.strictObject({ on, certificateNumber: reference.optional() }),
    run: ({ body, ...call }) => releaseUseCase(deps, call, body),
  });
}
