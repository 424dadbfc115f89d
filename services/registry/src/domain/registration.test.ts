import { describe, expect, it } from 'vitest';
import { RuleViolationError, type LocalDate } from '@rehab/domain-kit';
import {
  duplicateKey,
  normaliseName,
  registerPerson,
  type RegistrationInput,
} from './registration.ts';

const NOW = new Date('2026-08-01T03:00:00Z');
const TODAY: LocalDate = '2026-08-01';

const input = (overrides: Partial<RegistrationInput> = {}): RegistrationInput => ({
  fullName: 'Nguyễn Văn A',
  dateOfBirth: '1990-05-10',
  sex: 'male',
  residence: { unitCode: 'XA-001', address: ' Thôn 1, xã A ' },
  ...overrides,
});

const register = (
  i: RegistrationInput,
  today: LocalDate = TODAY,
): ReturnType<typeof registerPerson> =>
  registerPerson(i, { personId: 'p-1', entryId: 'e-1' }, NOW, today);

describe('name normalisation (master person index)', () => {
  it('stores decomposed (NFD) input as the precomposed NFC name, keeping diacritics', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n A';
    expect(decomposed).not.toBe('Nguyễn Văn A');
    expect(normaliseName(decomposed)).toBe('Nguyễn Văn A');
    expect(register(input({ fullName: decomposed })).fullName).toBe('Nguyễn Văn A');
  });

  it('collapses runs of whitespace to single spaces and trims', () => {
    expect(normaliseName('  Nguyễn   Văn\tA  ')).toBe('Nguyễn Văn A');
    expect(normaliseName('Trần\u00a0Thị  B')).toBe('Trần Thị B');
  });
});

describe('duplicate key', () => {
  it('folds diacritics and case so spellings with and without marks match', () => {
    const key = duplicateKey('Nguyễn Văn A', '1990-05-10');
    expect(key).toEqual({ nameFolded: 'nguyen van a', dateOfBirth: '1990-05-10' });
    expect(duplicateKey('NGUYEN VAN A', '1990-05-10')).toEqual(key);
    expect(duplicateKey('Nguye\u0302\u0303n  Va\u0306n A', '1990-05-10')).toEqual(key);
  });

  it('folds đ to d', () => {
    expect(duplicateKey('Đặng Văn Đức', '1990-05-10').nameFolded).toBe('dang van duc');
  });

  it('keeps people with the same name but different dates of birth apart', () => {
    expect(duplicateKey('Nguyễn Văn A', '1990-05-10')).not.toEqual(
      duplicateKey('Nguyễn Văn A', '1990-05-11'),
    );
  });
});

describe('registerPerson', () => {
  it('creates an active person with an empty record and a "registered" timeline entry', () => {
    const person = register(input({ ethnicity: ' Kinh ', nationalId: '001090012345' }));
    expect(person).toMatchObject({
      id: 'p-1',
      version: 1,
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1990-05-10',
      sex: 'male',
      ethnicity: 'Kinh',
      nationalId: '001090012345',
      lifeStatus: 'active',
      addictionStatus: 'unknown',
      detections: [],
      managementDecisions: [],
      referrals: [],
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(person.residence).toEqual({ unitCode: 'XA-001', address: 'Thôn 1, xã A', from: TODAY });
    expect(person.residenceHistory).toEqual([person.residence]);
    expect(person.timeline).toHaveLength(1);
    expect(person.timeline[0]).toMatchObject({
      kind: 'registered',
      on: TODAY,
      details: { unitCode: 'XA-001' },
    });
  });

  it('omits ethnicity and national ID when not given', () => {
    const person = register(input());
    expect(person).not.toHaveProperty('ethnicity');
    expect(person).not.toHaveProperty('nationalId');
  });

  it('accepts a date of birth of today', () => {
    expect(register(input({ dateOfBirth: TODAY })).dateOfBirth).toBe(TODAY);
  });

  it('refuses a date of birth in the future (date-in-future)', () => {
    let caught: unknown;
    try {
      register(input({ dateOfBirth: '2026-08-02' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuleViolationError);
    expect((caught as RuleViolationError).code).toBe('date-in-future');
    expect((caught as RuleViolationError).options.field).toBe('dateOfBirth');
  });
});
