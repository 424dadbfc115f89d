import { describe, expect, it } from 'vitest';
import { InputError } from '@rehab/domain-kit';
import { isValidNationalId, maskNationalId, requireValidNationalId } from './national-id.ts';

describe('national ID number (Law on Identification 2023 Art. 12)', () => {
  it('accepts exactly 12 digits', () => {
    expect(isValidNationalId('001090012345')).toBe(true);
    expect(requireValidNationalId('001090012345')).toBe('001090012345');
  });

  it.each([
    ['11 digits', '00109001234'],
    ['13 digits', '0010900123456'],
    ['a letter', '00109001234A'],
    ['an inner space', '001 90012345'],
    ['a trailing space', '001090012345 '],
    ['a leading space', ' 001090012345'],
    ['a trailing newline', '001090012345\n'],
    ['full-width digits', '００１０９００１２３４５'],
    ['the empty string', ''],
  ])('refuses %s with InputError invalid-national-id on field nationalId', (_label, value) => {
    expect(isValidNationalId(value)).toBe(false);
    let caught: unknown;
    try {
      requireValidNationalId(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).code).toBe('invalid-national-id');
    expect((caught as InputError).options.field).toBe('nationalId');
  });

  it('names the given field in the error', () => {
    expect(() => requireValidNationalId('123', 'patch.nationalId')).toThrow(
      expect.objectContaining({ options: expect.objectContaining({ field: 'patch.nationalId' }) }),
    );
  });

  it('masks all but the first 3 and last 2 digits', () => {
    const masked = maskNationalId('001090012345');
    expect(masked).toBe('001*******45');
    expect(masked).toHaveLength(12);
  });
});
