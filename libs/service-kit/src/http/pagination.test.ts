import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '@rehab/domain-kit';
import { decodeCursor, encodeCursor, pageQueryShape, pageSchema, toPage } from './pagination.ts';

const position = z.object({ registeredAt: z.string(), id: z.string() });

function cursorErrorOf(cursor: string): InputError {
  try {
    decodeCursor(cursor, position);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected ${cursor} to be refused`);
}

describe('cursors', () => {
  it('round-trips a position through encode and decode', () => {
    const at = { registeredAt: '2026-01-02T03:04:05.000Z', id: 'p-17' };
    const cursor = encodeCursor(at);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, position)).toEqual(at);
  });

  it('round-trips numeric positions', () => {
    const numeric = z.object({ seq: z.number() });
    expect(decodeCursor(encodeCursor({ seq: 41 }), numeric)).toEqual({ seq: 41 });
  });

  it('refuses a tampered cursor with InputError on query.cursor', () => {
    const cursor = encodeCursor({ registeredAt: '2026-01-02', id: 'p-17' });
    const tampered = `x${cursor.slice(1)}`;
    const error = cursorErrorOf(tampered);
    expect(error.code).toBe('invalid-cursor');
    expect(error.kind).toBe('invalid-input');
    expect(error.options.field).toBe('query.cursor');
  });

  it('refuses valid JSON of another shape, non-JSON and empty cursors alike', () => {
    for (const cursor of [
      encodeCursor({ id: 'p-17' }),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('{not json').toString('base64url'),
      '!!!',
      '',
    ]) {
      expect(cursorErrorOf(cursor).options.field).toBe('query.cursor');
    }
  });
});

describe('toPage', () => {
  const rows = Array.from({ length: 6 }, (_, i) => ({
    id: `p-${i}`,
    registeredAt: `2026-01-0${i + 1}`,
  }));
  const positionOf = (row: { id: string; registeredAt: string }) => ({
    registeredAt: row.registeredAt,
    id: row.id,
  });

  it('drops the extra row of limit + 1 and points nextCursor at the last returned row', () => {
    const page = toPage(rows, 5, positionOf);
    expect(page.items).toEqual(rows.slice(0, 5));
    expect(page.nextCursor).toBeDefined();
    expect(decodeCursor(page.nextCursor!, position)).toEqual(positionOf(rows[4]!));
  });

  it('has no nextCursor when the rows fit in the limit', () => {
    expect(toPage(rows, 6, positionOf)).toEqual({ items: rows });
    expect(toPage(rows.slice(0, 3), 5, positionOf)).toEqual({ items: rows.slice(0, 3) });
    expect(toPage([], 5, positionOf)).toEqual({ items: [] });
    expect('nextCursor' in toPage(rows, 6, positionOf)).toBe(false);
  });
});

describe('page query and page schema', () => {
  const query = z.object(pageQueryShape);

  it('defaults the limit to 50 and coerces it from the query string', () => {
    expect(query.parse({})).toEqual({ limit: 50 });
    expect(query.parse({ limit: '10', cursor: 'abc' })).toEqual({ limit: 10, cursor: 'abc' });
  });

  it('refuses limits outside 1..200 and over-long cursors', () => {
    expect(query.safeParse({ limit: '0' }).success).toBe(false);
    expect(query.safeParse({ limit: '201' }).success).toBe(false);
    expect(query.safeParse({ cursor: 'x'.repeat(501) }).success).toBe(false);
  });

  it('pageSchema accepts items with or without nextCursor', () => {
    const schema = pageSchema(z.object({ id: z.string() }));
    expect(schema.parse({ items: [{ id: 'a' }] })).toEqual({ items: [{ id: 'a' }] });
    expect(schema.safeParse({ items: [{ id: 1 }] }).success).toBe(false);
  });
});
