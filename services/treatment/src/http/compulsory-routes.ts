// Compulsory placement over HTTP. The police open a case from their violation record with
// POST /compulsory-cases (its own resource: it creates a case, once per record); each step
// is POST /cases/{id}/compulsory/<step> with its own policy operation, so court and facility
// callers can be granted their own steps only. Steps: compulsory-dossier-routes.ts (up to the
// court) and compulsory-term-routes.ts (the court's decision to the release).
import { defineRoute, etagOf, type Api, freeText } from '@rehab/service-kit';
import { z } from 'zod';
import { openCompulsoryUseCase } from '../app/compulsory.ts';
import type { TreatmentDeps } from '../app/deps.ts';
import { triggers, type Trigger } from '../domain/compulsory/index.ts';
import { registerCompulsoryDossierRoutes } from './compulsory-dossier-routes.ts';
import { registerCompulsoryTermRoutes } from './compulsory-term-routes.ts';
import { caseView, localDate } from './views.ts';

const triggerNames = Object.keys(triggers) as [Trigger, ...Trigger[]];

/** The compulsory-placement routes. */
export function registerCompulsoryRoutes(api: Api, deps: TreatmentDeps): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/compulsory-cases',
      operation: 'compulsory.open',
      tags: ['compulsory placement'],
      idempotent: true,
      summary:
        'Open a compulsory-placement case from a violation record (Law 73/2021 Art. 32 adults, Art. 33 minors)',
      description:
        "One case per violation record: a resend returns it (200). The record's date picks the regime for the whole case; the age on that date picks the adults' or the minors' rules, and an `ageGroup` that does not match it is refused (422). The person must be known from the registry (422 otherwise) and have no other placement under way. `unitCode` is the commune making the dossier, by default the person's residence.",
      body: z.strictObject({
        personId: z.uuid(),
        trigger: z.enum(triggerNames),
        violationRecordId: freeText({ max: 100 }),
        violationOn: localDate,
        ordinal: z.enum(['first', 'repeat']),
        ageGroup: z.enum(['adult', 'minor']).optional(),
        unitCode: z.string().min(2).max(12).optional(),
      }),
      responses: {
        200: { description: 'The case this violation record opened before' },
        201: { description: 'The case, awaiting its dossier' },
        409: { description: 'The violation record opened a case for another person' },
        422: { description: 'Refused: the problem names the rule' },
      },
      handler: async (ctx) => {
        const { kase, created } = await openCompulsoryUseCase(
          deps,
          ctx.principal,
          ctx.requireJurisdiction,
          ctx.body,
        );
        return {
          status: created ? 201 : 200,
          headers: { ETag: etagOf(kase.version), Location: `${api.basePath}/cases/${kase.id}` },
          body: caseView(kase, deps.clock.today()),
        };
      },
    }),
  );
  registerCompulsoryDossierRoutes(api, deps);
  registerCompulsoryTermRoutes(api, deps);
}
