import { describe, expect, it } from 'vitest';
import { isDuplicateKey, requestHash } from './idempotency-store.ts';

describe('requestHash', () => {
  it('is a sha-256 hex digest', () => {
    expect(requestHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, at any depth', () => {
    expect(requestHash({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(
      requestHash({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }),
    );
  });

  it('distinguishes different bodies', () => {
    const base = requestHash({ fullName: 'An', unitCode: '99001' });
    expect(requestHash({ fullName: 'An', unitCode: '99002' })).not.toBe(base);
    expect(requestHash({ fullName: 'An' })).not.toBe(base);
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: '1,2' }));
  });

  it('does not confuse keys and values that contain separators', () => {
    expect(requestHash({ 'a":1,"b': 2 })).not.toBe(requestHash({ a: 1, b: 2 }));
  });

  it('ignores fields whose value is undefined', () => {
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
    expect(requestHash({ nested: { x: undefined, y: 2 } })).toBe(requestHash({ nested: { y: 2 } }));
  });

  it('keeps null fields, which differ from absent ones', () => {
    expect(requestHash({ a: 1, b: null })).not.toBe(requestHash({ a: 1 }));
  });

  it('hashes an absent body like null', () => {
    expect(requestHash(undefined)).toBe(requestHash(null));
  });
});

describe('isDuplicateKey', () => {
  it('recognises the E11000 error code only', () => {
    expect(isDuplicateKey({ code: 11000 })).toBe(true);
    expect(isDuplicateKey(Object.assign(new Error('E11000'), { code: 11000 }))).toBe(true);
    expect(isDuplicateKey({ code: '11000' })).toBe(false);
    expect(isDuplicateKey(new Error('E11000 duplicate key'))).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
    expect(isDuplicateKey(11000)).toBe(false);
  });
});
