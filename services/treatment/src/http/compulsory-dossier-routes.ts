// The compulsory dossier's steps up to the court, POST /cases/{id}/compulsory/<step>.
import type { Api } from '@rehab/service-kit';
import { freeText } from '@rehab/service-kit';
import { z } from 'zod';
import {
  appraiseUseCase,
  childRightsOpinionUseCase,
  closeFamilyReviewUseCase,
  compileDossierUseCase,
  recordInterimUseCase,
  submitToCourtUseCase,
} from '../app/compulsory-dossier.ts';
import type { TreatmentDeps } from '../app/deps.ts';
import { stepRoute } from './step-route.ts';
import { localDate } from './views.ts';

const tags = ['compulsory placement'];
const on = localDate.optional();
const onOnly = z.strictObject({ on });
export const reference = freeText({ max: 100 });

/** Registers the steps from interim management to the submission to the court. */
export function registerCompulsoryDossierRoutes(api: Api, deps: TreatmentDeps): void {
  stepRoute(api, deps, {
    step: 'compulsory/interim-management',
    operation: 'compulsory.record-interim-management',
    tags,
    summary:
      'Record management by the family or at a facility from `on` while the dossier is prepared (Law 73/2021 Art. 35)',
    description: 'Days at a facility count toward the term; an open period ends on admission.',
    body: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('family'), on, to: localDate.optional() }),
      z.strictObject({
        kind: z.literal('facility'),
        facilityId: reference,
        on,
        to: localDate.optional(),
      }),
    ]),
    run: ({ body, ...call }) => recordInterimUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'compulsory/dossier',
    operation: 'compulsory.compile-dossier',
    tags,
    summary:
      'Compile the dossier: violation record, CV, addiction result, statements (5 working days; Decree 116/2021, Decree 02/2025)',
    description:
      "The compiling office is the caller's: the commune chairman under LAW-2021, the commune police chief from TRANSFER-2025; another office is refused (422 naming the rule). A late dossier is flagged, not refused. A minor's dossier then goes to the family for 3 working days.",
    body: z.strictObject({
      on,
      documents: z
        .array(z.enum(['violation-record', 'cv', 'addiction-result', 'statements']))
        .min(1)
        .max(10),
    }),
    run: ({ body, ...call }) => compileDossierUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'compulsory/child-rights-opinion',
    operation: 'compulsory.record-child-rights-opinion',
    tags,
    summary: "Attach the child-rights opinion to a minor's dossier (Law 73/2021 Art. 34)",
    body: onOnly,
    run: ({ body, ...call }) => childRightsOpinionUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'compulsory/family-review-closure',
    operation: 'compulsory.close-family-review',
    tags,
    summary:
      "Close the family's reading of a minor's dossier: after 3 working days, or earlier once the family has read it (Law 73/2021 Art. 34)",
    body: z.strictObject({ on, familyReadOn: localDate.optional() }),
    run: ({ body, ...call }) => closeFamilyReviewUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'compulsory/appraisal',
    operation: 'compulsory.appraise',
    tags,
    summary: "The labour division's appraisal of the dossier (LAW-2021 only; Decree 116/2021)",
    description:
      'Refused (422 step-not-in-regime) for a case under TRANSFER-2025 or later, whose dossier goes straight to the court.',
    body: onOnly,
    run: ({ body, ...call }) => appraiseUseCase(deps, call, body),
  });

  stepRoute(api, deps, {
    step: 'compulsory/court-submission',
    operation: 'compulsory.submit-to-court',
    tags,
    summary:
      'Send the dossier to the court: by the appraiser after the appraisal, or by the compiler when the regime has no appraiser (Decree 02/2025)',
    body: onOnly,
    run: ({ body, ...call }) => submitToCourtUseCase(deps, call, body),
  });
}
