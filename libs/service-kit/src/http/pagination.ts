import { z } from 'zod';
import { errorCode, InputError } from '@rehab/domain-kit';

const badCursor = errorCode(
  'invalid-cursor',
  'The cursor is not one this service issued',
  'Con trỏ phân trang không hợp lệ',
);

/** Query parameters every list accepts. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

/** A page of results; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Response schema of a page of `item`. */
export function pageSchema<S extends z.ZodType>(item: S) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}

/** Encodes the sort position of the last item so the next page starts after it. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor, refusing anything that is not the shape we issued. */
export function decodeCursor<S extends z.ZodType>(cursor: string, shape: S): z.output<S> {
  try {
    const json: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const parsed = shape.safeParse(json);
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the uniform error: a cursor's content is not the client's business
  }
  throw new InputError(badCursor, { field: 'query.cursor' });
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that another
 * page exists, and the cursor points at the last row returned.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  positionOf: (row: T) => Record<string, string | number>,
): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return last === undefined ? { items } : { items, nextCursor: encodeCursor(positionOf(last)) };
}
