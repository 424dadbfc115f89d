import { z } from 'zod';
import { ConflictError, errorCode, NotFoundError } from '@rehab/domain-kit';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  replayDeadLetter,
  type DeadLetterStore,
  type EventPublisher,
} from '@rehab/events';
import type { Api } from '../http/api.ts';
import { decodeCursor, pageQueryShape, toPage } from '../http/pagination.ts';
import { defineRoute } from '../http/route.ts';

const deadLetterNotFound = errorCode(
  'dead-letter-not-found',
  'No dead letter {id}',
  'Không có thư lỗi {id}',
);
const alreadyReplayed = errorCode(
  'dead-letter-already-replayed',
  'Dead letter {id} was already replayed',
  'Thư lỗi {id} đã được phát lại',
);

/** Operator endpoints to list dead-lettered events and replay one to its original topic. */
export function registerDeadLetterRoutes(
  api: Api,
  store: DeadLetterStore,
  publisher: EventPublisher,
): void {
  api.route(
    defineRoute({
      method: 'get',
      path: '/dead-letters',
      operation: 'dead-letter.manage',
      tags: ['operations'],
      summary: 'List dead-lettered events, oldest first',
      query: z.strictObject({
        group: z.string().optional(),
        replayed: z.enum(['true', 'false']).optional(),
        ...pageQueryShape,
      }),
      responses: { 200: { description: 'A page of dead letters' } },
      handler: async ({ query }) => {
        const after = query.cursor
          ? decodeCursor(query.cursor, z.object({ id: z.string() })).id
          : undefined;
        const rows = await store.list({
          limit: query.limit + 1,
          ...(query.group ? { group: query.group } : {}),
          ...(query.replayed ? { replayed: query.replayed === 'true' } : {}),
          ...(after ? { after } : {}),
        });
        return { status: 200, body: toPage(rows, query.limit, (row) => ({ id: row.id })) };
      },
    }),
  );
  api.route(
    defineRoute({
      method: 'post',
      path: '/dead-letters/:id/replay',
      operation: 'dead-letter.manage',
      tags: ['operations'],
      summary:
        'Republish a dead letter to its original topic (consumers skip what they already applied)',
      params: z.object({ id: z.string().min(1) }),
      responses: {
        200: { description: 'Replayed' },
        404: { description: 'Unknown' },
        409: { description: 'Already replayed' },
      },
      handler: async ({ params }) => {
        try {
          return { status: 200, body: await replayDeadLetter(store, publisher, params.id) };
        } catch (error) {
          if (error instanceof DeadLetterNotFoundError)
            throw new NotFoundError(deadLetterNotFound, { params: { id: params.id } });
          if (error instanceof DeadLetterAlreadyReplayedError)
            throw new ConflictError(alreadyReplayed, { params: { id: params.id } });
          throw error;
        }
      },
    }),
  );
}
