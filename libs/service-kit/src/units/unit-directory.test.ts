import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createUnitDirectory,
  demoUnitsFile,
  loadUnitDirectory,
  type AdminUnit,
} from './unit-directory.ts';

const demo = loadUnitDirectory();
const codes = (units: AdminUnit[]) => units.map((u) => u.code).sort();

describe('demo unit directory', () => {
  it('loads the demo file by default', () => {
    expect(demoUnitsFile).toMatch(/admin-units\.demo\.yaml$/);
    expect(demo.get('99')).toMatchObject({ name: 'Tỉnh Mẫu', level: 'province' });
    expect(demo.get('99-X01')).toMatchObject({ parent: '99-D01', successor: '99005' });
    expect(demo.get('00000')).toBeUndefined();
    expect(demo.list().length).toBe(10);
  });

  it('filters by level', () => {
    expect(codes(demo.list({ level: 'province' }))).toEqual(['99']);
    expect(codes(demo.list({ level: 'district' }))).toEqual(['99-D01']);
    expect(demo.list({ level: 'commune' })).toHaveLength(8);
  });

  it('filters by parent', () => {
    expect(codes(demo.list({ parent: '99-D01' }))).toEqual(['99-X01', '99-X02']);
    expect(codes(demo.list({ parent: '99', level: 'commune' }))).toEqual([
      '99001',
      '99002',
      '99003',
      '99004',
      '99005',
      '99006',
    ]);
  });

  it('filters by validity date, inclusive at both ends', () => {
    const current = codes(demo.list({ validOn: '2025-07-01' }));
    expect(current).toContain('99005');
    expect(current).not.toContain('99-X01');
    const lastDayBefore = codes(demo.list({ validOn: '2025-06-30', level: 'commune' }));
    expect(lastDayBefore).toEqual(['99-X01', '99-X02']);
    expect(demo.list({ validOn: '2000-01-01' })).toEqual([]);
  });

  it('finds the province of a commune, a historic commune and the province itself', () => {
    expect(demo.provinceOf('99001')?.code).toBe('99');
    expect(demo.provinceOf('99-X01')?.code).toBe('99');
    expect(demo.provinceOf('99')?.code).toBe('99');
    expect(demo.provinceOf('12345')).toBeUndefined();
  });

  it('tells whether a unit lies within another through the historic chain', () => {
    expect(demo.isWithin('99-X01', '99-D01')).toBe(true);
    expect(demo.isWithin('99-X01', '99')).toBe(true);
    expect(demo.isWithin('99001', '99001')).toBe(true);
    expect(demo.isWithin('99001', '99002')).toBe(false);
    expect(demo.isWithin('99', '99001')).toBe(false);
    expect(demo.isWithin('12345', '12345')).toBe(false);
  });
});

describe('createUnitDirectory', () => {
  const unit = (code: string, level: AdminUnit['level'], parent?: string): AdminUnit => ({
    code,
    name: code,
    level,
    validFrom: '2025-07-01',
    ...(parent ? { parent } : {}),
  });

  it('throws when a unit names an unknown parent', () => {
    expect(() =>
      createUnitDirectory([unit('98', 'province'), unit('98001', 'commune', '97')]),
    ).toThrow('unit 98001 names unknown parent 97');
  });

  it('has no province for a unit whose top ancestor is not a province', () => {
    const dir = createUnitDirectory([unit('D1', 'district'), unit('C1', 'commune', 'D1')]);
    expect(dir.provinceOf('C1')).toBeUndefined();
  });

  it('terminates on a parent cycle in bad data', () => {
    const dir = createUnitDirectory([unit('A1', 'commune', 'B1'), unit('B1', 'district', 'A1')]);
    expect(dir.isWithin('A1', 'B1')).toBe(true);
    expect(dir.isWithin('A1', 'C1')).toBe(false);
    expect(dir.provinceOf('A1')).toBeUndefined();
  });

  it('refuses a file whose units do not match the schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    try {
      const file = join(dir, 'units.yaml');
      writeFileSync(
        file,
        "units:\n  - { code: '98', name: 'X', level: region, validFrom: '2025-07-01' }\n",
      );
      expect(() => loadUnitDirectory(file)).toThrow();
      writeFileSync(
        file,
        "units:\n  - { code: '98', name: 'X', level: province, validFrom: '1/7/2025' }\n",
      );
      expect(() => loadUnitDirectory(file)).toThrow(/YYYY-MM-DD/);
      writeFileSync(
        file,
        "units:\n  - { code: '98001', name: 'X', level: commune, parent: '98', validFrom: '2025-07-01' }\n",
      );
      expect(() => loadUnitDirectory(file)).toThrow('unit 98001 names unknown parent 98');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
