import { describe, it, expect } from 'vitest';
import {
  NoRegimeInForceError,
  RuleNotFoundError,
  RuleTypeError,
  RulebookValidationError,
  ruledOn,
} from './errors.ts';
import { RuleViolationError } from '../errors/kinds.ts';
import { loadRulebook } from './rulebook.ts';

// Test data after the project's legal background table; actor names are illustrative.
const YAML = `
domain: compulsory-rehab
regimes:
  - id: LAW-2021
    validFrom: 2022-01-01
    validTo: 2026-06-30
    description: Baseline under the 2021 Law on Drug Prevention and Control
    legalBasis: Law 73/2021/QH14; Decrees 105/2021, 109/2021, 116/2021
  - id: TRANSFER-2025
    validFrom: 2025-03-01
    description: The commune police chief compiles the compulsory-rehab dossier
    legalBasis: Decree 02/2025
  - id: TWO-TIER-2025
    validFrom: 2025-07-01
    description: Districts abolished
    legalBasis: Two-tier local government reform 2025
  - id: LAW-2025
    validFrom: 2026-07-01
    description: Amended drug law
    legalBasis: Law 120/2025/QH15
rules:
  - key: management.term
    regime: LAW-2021
    value: { years: 1 }
    legalRef: Law 73/2021/QH14 Art. 23
  - key: compulsoryRehab.dossier.actor
    regime: LAW-2021
    value: commune-chairman
    legalRef: Decree 116/2021
  - key: compulsoryRehab.term
    regime: LAW-2021
    value: { minMonths: 6, maxMonths: 24 }
    legalRef: Law 73/2021/QH14
  - key: compulsoryRehab.dossier.actor
    regime: TRANSFER-2025
    value: commune-police-chief
    legalRef: Decree 02/2025
  - key: management.term
    regime: LAW-2025
    value: { years: 1 }
    legalRef: Law 120/2025/QH15
    confirmed: false
  - key: management.decision.deadline
    regime: LAW-2025
    value: { hours: 24 }
    legalRef: Law 120/2025/QH15
    confirmed: false
`;

const rulebook = loadRulebook(YAML);

describe('rulebook resolution (latest-started regime in force wins per key)', () => {
  it('gives a 1-year management term under LAW-2021 (Law 73/2021/QH14 Art. 23)', () => {
    const term = rulebook.resolve('2024-05-10').duration('management.term');
    expect(term).toEqual({
      key: 'management.term',
      value: { unit: 'years', amount: 1 },
      legalRef: 'Law 73/2021/QH14 Art. 23',
      regimeId: 'LAW-2021',
      confirmed: true,
    });
  });

  it('switches the dossier actor to the commune police chief from 2025-03-01 (Decree 02/2025) while the term stays inherited from LAW-2021', () => {
    expect(rulebook.resolve('2025-02-28').actor('compulsoryRehab.dossier.actor').value).toBe(
      'commune-chairman',
    );
    const rules = rulebook.resolve('2025-03-01');
    expect(rules.actor('compulsoryRehab.dossier.actor')).toMatchObject({
      value: 'commune-police-chief',
      regimeId: 'TRANSFER-2025',
    });
    expect(rules.duration('management.term').regimeId).toBe('LAW-2021');
  });

  it('takes the management term from LAW-2025 from 2026-07-01, flagged unconfirmed, and keeps the inherited dossier actor', () => {
    const rules = rulebook.resolve('2026-07-01');
    expect(rules.regimeIds).toEqual(['TRANSFER-2025', 'TWO-TIER-2025', 'LAW-2025']);
    expect(rules.duration('management.term')).toMatchObject({
      value: { unit: 'years', amount: 1 },
      regimeId: 'LAW-2025',
      confirmed: false,
    });
    expect(rules.duration('management.decision.deadline').value).toEqual({
      unit: 'hours',
      amount: 24,
    });
    expect(rules.actor('compulsoryRehab.dossier.actor').regimeId).toBe('TRANSFER-2025');
  });

  it('drops LAW-2021-only rules after it ends on 2026-06-30', () => {
    expect(rulebook.resolve('2026-06-30').range('compulsoryRehab.term').value).toEqual({
      unit: 'months',
      min: 6,
      max: 24,
    });
    expect(() => rulebook.resolve('2026-07-01').range('compulsoryRehab.term')).toThrow(
      RuleNotFoundError,
    );
  });

  it('lists the regimes in force on a date, for recording which regime opened a case', () => {
    expect(rulebook.regimeIdsOn('2025-08-01')).toEqual([
      'LAW-2021',
      'TRANSFER-2025',
      'TWO-TIER-2025',
    ]);
    expect(rulebook.regimesOn('2022-01-01').map((r) => r.legalBasis)).toEqual([
      'Law 73/2021/QH14; Decrees 105/2021, 109/2021, 116/2021',
    ]);
  });

  it('throws NoRegimeInForceError for a date before any regime starts', () => {
    expect(() => rulebook.resolve('2021-12-31')).toThrow(NoRegimeInForceError);
    expect(() => rulebook.resolve('2021-12-31')).toThrow(/2021-12-31.*2022-01-01/);
  });

  it('throws RuleNotFoundError naming the key and the date', () => {
    expect(() => rulebook.resolve('2025-05-05').get('aftercare.term')).toThrow(
      /"aftercare\.term".*2025-05-05/,
    );
  });

  it('throws RuleTypeError when asking a duration rule for an actor', () => {
    expect(() => rulebook.resolve('2025-05-05').actor('management.term')).toThrow(RuleTypeError);
  });
});

describe('loadRulebook validation', () => {
  const load = (yaml: string): RulebookValidationError => {
    try {
      loadRulebook(yaml);
    } catch (error) {
      if (error instanceof RulebookValidationError) return error;
      throw error;
    }
    throw new Error('expected a RulebookValidationError');
  };
  const regime = `regimes:
  - { id: LAW-2021, validFrom: 2022-01-01, description: d, legalBasis: b }
`;

  it('names the path of a bad rule value', () => {
    const error = load(`${regime}rules:
  - { key: management.term, regime: LAW-2021, value: { months: twelve }, legalRef: x }
`);
    expect(error.issues[0]?.path).toBe('rules[0].value');
    expect(error.message).toMatch(/rules\[0\]\.value/);
  });

  it('requires a legalRef on every rule', () => {
    const error = load(`${regime}rules:
  - { key: management.term, regime: LAW-2021, value: { years: 1 } }
`);
    expect(error.issues.map((i) => i.path)).toContain('rules[0].legalRef');
  });

  it('rejects a rule pointing at an undeclared regime', () => {
    const error = load(`${regime}rules:
  - { key: management.term, regime: LAW-2099, value: { years: 1 }, legalRef: x }
`);
    expect(error.issues[0]).toEqual({
      path: 'rules[0].regime',
      message: 'unknown regime "LAW-2099"',
    });
  });

  it('rejects an impossible validFrom date and a validTo before validFrom', () => {
    const error = load(`regimes:
  - { id: A, validFrom: 2025-02-29, description: d, legalBasis: b }
  - { id: B, validFrom: 2025-03-01, validTo: 2025-01-01, description: d, legalBasis: b }
rules: []
`);
    expect(error.issues.map((i) => i.path)).toEqual(['regimes[0].validFrom', 'regimes[1].validTo']);
  });

  it('reports YAML syntax errors under the (yaml) path', () => {
    expect(load('regimes: [').issues[0]?.path).toBe('(yaml)');
  });
});

describe('a date before every regime', () => {
  it('is a rule violation (422) naming the earliest regime, and the request field when asked through ruledOn', () => {
    const error = new NoRegimeInForceError('2019-07-01', '2022-01-01');
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.code).toBe('no-regime-in-force');
    expect(error.message).toContain('2022-01-01');
    expect(error.messageIn('vi')).toContain('2022-01-01');
    let caught: unknown;
    try {
      ruledOn('detectedAt', () => {
        throw error;
      });
    } catch (thrown) {
      caught = thrown;
    }
    expect((caught as NoRegimeInForceError).options.field).toBe('detectedAt');
    expect(ruledOn('detectedAt', () => 7)).toBe(7);
  });
});
