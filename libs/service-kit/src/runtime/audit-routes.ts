// The audit trail of one person, for IT auditors, on every service: who read or changed the
// person's records there, when and why. Append-only: no route changes or deletes an entry.
import { z } from 'zod';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { Api } from '../http/api.ts';
import { decodeCursor, pageQueryShape, toPage } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';

const afterIdCursor = z.object({ id: z.string() });

/** `GET <base>/audit?personId=` (operation `audit.read`), a page of entries, oldest first. */
export function registerAuditRoutes(api: Api, audit: AuditTrail): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/audit',
      operation: 'audit.read',
      tags: ['audit'],
      summary: "Who read or changed a person's records in this service, when and why",
      query: z.strictObject({ personId: z.uuid(), ...pageQueryShape }),
      responses: { 200: { description: 'Audit entries, oldest first, with a cursor' } },
      handler: async ({ query }) => {
        const afterId = query.cursor ? decodeCursor(query.cursor, afterIdCursor).id : undefined;
        const rows = await audit.forResource('person', query.personId, query.limit + 1, afterId);
        return { status: 200, body: toPage(rows, query.limit, (row) => ({ id: row.id })) };
      },
    }),
  );
}
