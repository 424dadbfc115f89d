import { describe, expect, it } from 'vitest';
import { InputError, PreconditionFailedError, PreconditionRequiredError } from '@rehab/domain-kit';
import { etagOf, requiredIfMatchVersion, staleVersionError } from './etag.ts';

const ifMatch = (value?: string) =>
  requiredIfMatchVersion({ headers: value === undefined ? {} : { 'if-match': value } });

describe('If-Match versions', () => {
  it('throws PreconditionRequiredError (428 kind) naming If-Match when the header is missing', () => {
    for (const missing of [undefined, '']) {
      let caught: unknown;
      try {
        ifMatch(missing);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PreconditionRequiredError);
      const error = caught as PreconditionRequiredError;
      expect(error.kind).toBe('precondition-required');
      expect(error.code).toBe('if-match-required');
      expect(error.options.field).toBe('If-Match');
    }
  });

  it('reads the version from a strong ETag', () => {
    expect(ifMatch('"3"')).toBe(3);
    expect(ifMatch('"0"')).toBe(0);
    expect(ifMatch('  "42"  ')).toBe(42);
  });

  it('answers 412 for a well-formed ETag that is none of ours, weak ones included (RFC 9110 13.1.1)', () => {
    for (const tag of ['"stale-0"', '"abc"', '"-1"', '"3.5"', 'W/"3"', '""']) {
      let caught: unknown;
      try {
        ifMatch(tag);
      } catch (error) {
        caught = error;
      }
      expect(caught, tag).toBeInstanceOf(PreconditionFailedError);
      expect((caught as PreconditionFailedError).code).toBe('if-match-failed');
      expect((caught as PreconditionFailedError).options.field).toBe('If-Match');
    }
  });

  it('lets `*` through: any current version matches', () => {
    expect(ifMatch('*')).toBeUndefined();
  });

  it('round-trips etagOf', () => {
    expect(etagOf(7)).toBe('"7"');
    expect(ifMatch(etagOf(7))).toBe(7);
  });

  it('refuses a malformed header with an InputError (400)', () => {
    for (const bad of ['abc', '3', '"3", "4"', 'w/"3"', '"3', 'W/3']) {
      let caught: unknown;
      try {
        ifMatch(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(InputError);
      expect((caught as InputError).code).toBe('if-match-malformed');
      expect((caught as InputError).options.field).toBe('If-Match');
    }
  });

  it('staleVersionError is a 412-kind error carrying the expected version', () => {
    const error = staleVersionError(5);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error.kind).toBe('precondition-failed');
    expect(error.code).toBe('stale-version');
    expect(error.message).toContain('version 5');
    expect(error.messageIn('vi')).toContain('phiên bản 5');
  });
});
