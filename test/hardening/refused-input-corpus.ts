// The corpus of text every free-text field refuses (service-kit's freeText), and the check
// that a refused request answers 400 problem+json naming the field and writes nothing.
import { expect } from 'vitest';

/** Values no free-text field accepts, each with why. */
export const REFUSED_TEXT: readonly { why: string; value: (max: number) => string }[] = [
  { why: 'NUL', value: () => 'Nguyễn\u0000An' },
  { why: 'BEL (C0 control)', value: () => 'Trần Văn\u0007 Bình' },
  { why: 'NEL (C1 control)', value: () => 'Lê\u0085Thị' },
  { why: 'DEL', value: () => 'Phạm\u007fHùng' },
  { why: 'right-to-left override', value: () => 'Hoàng \u202eNam' },
  { why: 'bidi isolate', value: () => '\u2066Đặng\u2069' },
  { why: 'lone surrogate', value: () => 'Võ\ud800Thành' },
  { why: 'too long', value: (max) => 'Ư'.repeat(max + 1) },
];

/** A field of a body: its path (as the problem names it) and its maximum length. */
export interface TextField {
  path: string;
  max: number;
}

/** A copy of `body` with the value at the dotted `path` replaced. */
export function withValue(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) ?? ''] = value;
  return copy;
}

/** A response as supertest gives it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: { code?: string; errors?: { field: string }[] };
}

/**
 * Sends `valid` with each field set to each refused value; every answer is a 400
 * problem+json naming the field, and `snapshot` reads the same before and after.
 */
export async function expectCorpusRefused(input: {
  valid: unknown;
  fields: readonly TextField[];
  send: (body: unknown) => Promise<Answer>;
  snapshot: () => Promise<unknown>;
}): Promise<number> {
  const before = await input.snapshot();
  let sent = 0;
  for (const field of input.fields) {
    for (const { why, value } of REFUSED_TEXT) {
      const res = await input.send(withValue(input.valid, field.path, value(field.max)));
      sent += 1;
      const where = `${field.path} with ${why}`;
      expect(res.status, where).toBe(400);
      expect(res.headers['content-type'], where).toMatch(/application\/problem\+json/);
      expect(
        res.body.errors?.map((error) => error.field),
        where,
      ).toContain(field.path);
    }
  }
  expect(await input.snapshot()).toEqual(before);
  return sent;
}
