import { defineRoute, type Api } from '@rehab/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { ReportingDeps } from '../app/deps.ts';
import { dhis2PushUseCase, type Dhis2PushStore, type Dhis2Target } from '../app/dhis2-push.ts';
import type { createRebuilder } from '../app/rebuild.ts';
import type { Dhis2MappingRules } from '../domain/dhis2.ts';
import * as s from './schemas.ts';

const pushBody = s.reportParams.extend({ dryRun: z.boolean().default(false) });

/** POST /ops/dhis2-push: a report to the configured DHIS2, with the import summary stored. */
export function registerDhis2PushRoute(
  api: Api,
  deps: ReportingDeps,
  dhis2: { mapping: Dhis2MappingRules; target: Dhis2Target; store: Dhis2PushStore },
): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/ops/dhis2-push',
      operation: 'dhis2.push',
      tags: ['operations'],
      summary: "Send a unit's report to DHIS2 (POST /api/dataValueSets; dryRun validates only)",
      body: pushBody,
      responses: {
        200: { description: 'The push: attempts, import summary (SUCCESS, WARNING or ERROR)' },
        409: { description: 'No DHIS2 server is configured (DHIS2_URL)' },
      },
      handler: async (ctx) => {
        ctx.requireJurisdiction(ctx.body.unitCode);
        const record = await dhis2PushUseCase(deps, dhis2.mapping, dhis2.target, dhis2.store, {
          ...ctx.body,
          actor: ctx.principal.sub,
          id: uuidv7(),
        });
        return { status: 200, body: record };
      },
    }),
  );
}

/** Operator endpoints: rebuild the read models from a replay of every topic. */
export function registerOpsRoutes(api: Api, rebuilder: ReturnType<typeof createRebuilder>): void {
  api.route(
    defineRoute({
      method: 'post',
      path: '/ops/rebuild',
      operation: 'read-model.rebuild',
      tags: ['operations'],
      summary:
        'Replay every topic into fresh read models, then switch over (202; poll GET /ops/rebuild)',
      responses: { 202: { description: 'Started' }, 409: { description: 'A rebuild is running' } },
      handler: async () => ({ status: 202, body: await rebuilder.run() }),
    }),
  );
  api.route(
    defineRoute({
      method: 'get',
      path: '/ops/rebuild',
      operation: 'read-model.rebuild',
      tags: ['operations'],
      summary:
        "The rebuild's progress: events applied of the total, throughput, the generation in use",
      responses: { 200: { description: 'Status' } },
      handler: async () => ({ status: 200, body: await rebuilder.status() }),
    }),
  );
}
