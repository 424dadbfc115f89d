import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '@rehab/domain-kit';
import { parseRequestPart } from './validation.ts';

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const body = z.object({
  fullName: z.string().min(1),
  residence: z.object({ unitCode: z.string().regex(/^\d{5}$/), address: z.string() }),
  aliases: z.array(z.string()).optional(),
});

describe('parseRequestPart', () => {
  it('returns the parsed value, with transforms applied, when valid', () => {
    const query = z.object({ limit: z.coerce.number().int().default(10) });
    expect(parseRequestPart(query, { limit: '5' }, 'query')).toEqual({ limit: 5 });
    expect(parseRequestPart(query, {}, 'query')).toEqual({ limit: 10 });
  });

  it('names a nested body field by its path without a prefix', () => {
    const error = inputErrorOf(() =>
      parseRequestPart(
        body,
        { fullName: 'An', residence: { unitCode: 'X1', address: 'a' } },
        'body',
      ),
    );
    expect(error.kind).toBe('invalid-input');
    expect(error.code).toBe('invalid-request');
    expect(error.options.field).toBe('residence.unitCode');
    expect(error.options.issues).toEqual([
      expect.objectContaining({ field: 'residence.unitCode', code: 'invalid_format' }),
    ]);
    expect(error.message).toBe('The request is invalid: residence.unitCode');
  });

  it('names array elements by index', () => {
    const error = inputErrorOf(() =>
      parseRequestPart(
        body,
        { fullName: 'An', residence: { unitCode: '99001', address: 'a' }, aliases: ['ok', 3] },
        'body',
      ),
    );
    expect(error.options.field).toBe('aliases.1');
  });

  it('lists every offending field once in the message, and each as an issue', () => {
    const error = inputErrorOf(() =>
      parseRequestPart(
        z.object({ a: z.string().min(3).regex(/^x/), b: z.number() }),
        { a: 'y', b: 'no' },
        'body',
      ),
    );
    expect(error.options.issues?.map((i) => i.field)).toEqual(['a', 'a', 'b']);
    expect(error.message).toBe('The request is invalid: a, b');
  });

  it('prefixes query fields with query.', () => {
    const query = z.object({ asOf: z.iso.date() });
    const error = inputErrorOf(() => parseRequestPart(query, { asOf: 'yesterday' }, 'query'));
    expect(error.options.field).toBe('query.asOf');
    expect(error.options.issues?.[0]?.field).toBe('query.asOf');
    expect(error.message).toContain('query.asOf');
  });

  it('prefixes path parameters and headers with their part', () => {
    const params = z.object({ id: z.uuid() });
    expect(inputErrorOf(() => parseRequestPart(params, { id: '1' }, 'params')).options.field).toBe(
      'params.id',
    );
    const headers = z.object({ 'x-purpose': z.string().max(3) });
    expect(
      inputErrorOf(() => parseRequestPart(headers, { 'x-purpose': 'too long' }, 'headers')).options
        .field,
    ).toBe('headers.x-purpose');
  });

  it('names the whole part when the value itself is wrong', () => {
    expect(inputErrorOf(() => parseRequestPart(body, 'text', 'body')).options.field).toBe('(body)');
    expect(inputErrorOf(() => parseRequestPart(body, null, 'query')).options.field).toBe('query');
  });
});
