import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotAllowedError } from '@rehab/domain-kit';
import { createUnitDirectory } from '../units/unit-directory.ts';
import { createPolicy, loadPolicy, type PolicyDocument } from './policy.ts';
import type { Principal } from './principal.ts';

const units = createUnitDirectory([
  { code: '99', name: 'Tỉnh Mẫu', level: 'province', validFrom: '2025-07-01' },
  {
    code: '99001',
    name: 'Phường An Bình',
    level: 'commune',
    parent: '99',
    validFrom: '2025-07-01',
  },
  {
    code: '99002',
    name: 'Phường Hòa Thuận',
    level: 'commune',
    parent: '99',
    validFrom: '2025-07-01',
  },
  {
    code: '99-D01',
    name: 'Huyện Cũ',
    level: 'district',
    parent: '99',
    validFrom: '2008-01-01',
    validTo: '2025-06-30',
  },
  {
    code: '99-X01',
    name: 'Xã Đồng Tâm Cũ',
    level: 'commune',
    parent: '99-D01',
    validFrom: '2008-01-01',
    validTo: '2025-06-30',
    successor: '99002',
  },
]);

const document: PolicyDocument = {
  service: 'registry',
  operations: {
    'person.register': {
      summary: 'Register a person',
      allow: [
        { agency: 'commune', roles: ['officer'], scope: 'unit' },
        { agency: 'police', roles: ['case-officer', 'provincial-officer'], scope: 'unit' },
      ],
    },
    'person.read': {
      allow: [
        { agency: 'police', roles: ['case-officer'], scope: 'unit' },
        { agency: 'it', roles: ['auditor'], scope: 'any' },
      ],
    },
  },
};

const policy = createPolicy(document, units);

const communeOfficer: Principal = {
  sub: 'u-1',
  agency: 'commune',
  orgUnit: '99001',
  roles: ['officer'],
};
const provincialOfficer: Principal = {
  sub: 'u-2',
  agency: 'police',
  orgUnit: '99',
  roles: ['provincial-officer'],
};
const auditor: Principal = { sub: 'u-3', agency: 'it', orgUnit: '99001', roles: ['auditor'] };

function refusalOf(fn: () => unknown): NotAllowedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NotAllowedError);
    return error as NotAllowedError;
  }
  throw new Error('expected a NotAllowedError');
}

describe('policy: which agency and role may perform an operation', () => {
  it('allows an operation when a rule matches the agency and one of the roles', () => {
    const rules = policy.rulesFor(communeOfficer, 'person.register');
    expect(rules).toEqual([{ agency: 'commune', roles: ['officer'], scope: 'unit' }]);
    const multiRole = { ...provincialOfficer, roles: ['viewer', 'case-officer'] };
    expect(policy.rulesFor(multiRole, 'person.register')).toHaveLength(1);
  });

  it('refuses a wrong role with 403 operation-not-allowed naming agency, roles and operation', () => {
    const clerk: Principal = { ...communeOfficer, roles: ['clerk', 'viewer'] };
    const error = refusalOf(() => policy.rulesFor(clerk, 'person.register'));
    expect(error.kind).toBe('not-allowed');
    expect(error.code).toBe('operation-not-allowed');
    expect(error.message).toBe(
      'Agency "commune" with roles [clerk, viewer] may not perform person.register',
    );
    expect(error.messageIn('vi')).toContain('person.register');
  });

  it('refuses the right role under another agency', () => {
    const healthOfficer: Principal = { ...communeOfficer, agency: 'health' };
    const error = refusalOf(() => policy.rulesFor(healthOfficer, 'person.register'));
    expect(error.code).toBe('operation-not-allowed');
    expect(error.message).toContain('"health"');
  });

  it('refuses an operation the policy does not list', () => {
    const error = refusalOf(() => policy.rulesFor(communeOfficer, 'person.erase'));
    expect(error.code).toBe('operation-not-allowed');
    expect(error.message).toContain('person.erase');
  });

  it('lets a commune officer act in their own commune', () => {
    expect(() =>
      policy.requireJurisdiction(communeOfficer, 'person.register', '99001'),
    ).not.toThrow();
  });

  it('refuses a commune officer in another commune with outside-jurisdiction', () => {
    const error = refusalOf(() =>
      policy.requireJurisdiction(communeOfficer, 'person.register', '99002'),
    );
    expect(error.code).toBe('outside-jurisdiction');
    expect(error.kind).toBe('not-allowed');
    expect(error.message).toBe(
      'Unit 99002 is outside your jurisdiction (99001) for person.register',
    );
  });

  it('refuses a commune officer for the province above their commune', () => {
    const error = refusalOf(() =>
      policy.requireJurisdiction(communeOfficer, 'person.register', '99'),
    );
    expect(error.code).toBe('outside-jurisdiction');
  });

  it('checks the role before jurisdiction', () => {
    const error = refusalOf(() =>
      policy.requireJurisdiction(
        { ...communeOfficer, roles: ['clerk'] },
        'person.register',
        '99001',
      ),
    );
    expect(error.code).toBe('operation-not-allowed');
  });

  it('lets a provincial officer act in every commune, including a historic one via its district', () => {
    for (const unit of ['99', '99001', '99002', '99-D01', '99-X01']) {
      expect(() =>
        policy.requireJurisdiction(provincialOfficer, 'person.register', unit),
      ).not.toThrow();
    }
  });

  it('refuses a unit the directory does not know, even for the province', () => {
    const error = refusalOf(() =>
      policy.requireJurisdiction(provincialOfficer, 'person.register', '98001'),
    );
    expect(error.code).toBe('outside-jurisdiction');
  });

  it('ignores units for a scope-any grant', () => {
    for (const unit of ['99', '99002', '99-X01', '12345']) {
      expect(() => policy.requireJurisdiction(auditor, 'person.read', unit)).not.toThrow();
      expect(policy.coversUnit(auditor, 'person.read', unit)).toBe(true);
    }
  });

  it('coversUnit tells true or false instead of throwing for a granted operation', () => {
    expect(policy.coversUnit(communeOfficer, 'person.register', '99001')).toBe(true);
    expect(policy.coversUnit(communeOfficer, 'person.register', '99002')).toBe(false);
    expect(policy.coversUnit(provincialOfficer, 'person.register', '99-X01')).toBe(true);
  });

  it('coversUnit still refuses an operation the principal may not perform at all', () => {
    expect(() => policy.coversUnit(communeOfficer, 'person.read', '99001')).toThrow(
      NotAllowedError,
    );
  });

  it('exposes the document it was built from', () => {
    expect(policy.document).toBe(document);
  });
});

describe('loadPolicy', () => {
  const withFile = (text: string, fn: (file: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    try {
      const file = join(dir, 'policy.yaml');
      writeFileSync(file, text);
      fn(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads a YAML policy, defaulting a rule scope to unit', () => {
    withFile(
      [
        'service: registry',
        'operations:',
        '  person.register:',
        '    allow:',
        '      - { agency: commune, roles: [officer] }',
      ].join('\n'),
      (file) => {
        const loaded = loadPolicy(file, units);
        expect(loaded.document.operations['person.register']?.allow[0]?.scope).toBe('unit');
        expect(loaded.coversUnit(communeOfficer, 'person.register', '99002')).toBe(false);
      },
    );
  });

  it('refuses an unknown agency or a malformed operation id', () => {
    withFile(
      'service: x\noperations:\n  person.register:\n    allow: [{ agency: army, roles: [a] }]\n',
      (file) => expect(() => loadPolicy(file, units)).toThrow(),
    );
    withFile(
      'service: x\noperations:\n  Register:\n    allow: [{ agency: it, roles: [a] }]\n',
      (file) => expect(() => loadPolicy(file, units)).toThrow(/person.register/),
    );
  });
});
