import { describe, expect, it } from 'vitest';
import { parsePeriod, boundsOf } from './periods.ts';
import {
  reportingCommunes,
  requireReportingUnit,
  rollUpChain,
  type ReportingUnit,
} from './units.ts';

// The demo province's shape: the 2025-07-01 reform removed district 99-D01 and merged its
// communes 99-X01 and 99-X02 into 99005.
const units: ReportingUnit[] = [
  { code: '99', name: 'Tỉnh Mẫu', level: 'province', validFrom: '2025-07-01' },
  {
    code: '99001',
    name: 'Phường An Bình',
    level: 'commune',
    parent: '99',
    validFrom: '2025-07-01',
  },
  { code: '99005', name: 'Xã Đồng Tâm', level: 'commune', parent: '99', validFrom: '2025-07-01' },
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
  },
  {
    code: '99-X02',
    name: 'Xã Bình Minh',
    level: 'commune',
    parent: '99-D01',
    validFrom: '2008-01-01',
    validTo: '2025-06-30',
  },
];
const lookup = { get: (code: string) => units.find((u) => u.code === code), list: () => units };
const bounds = (id: string) => boundsOf(parsePeriod(id));

describe('administrative units of a report', () => {
  it('rolls a commune up to its province, and a former commune through its former district', () => {
    expect(rollUpChain('99001', lookup)).toEqual(['99001', '99']);
    expect(rollUpChain('99-X01', lookup)).toEqual(['99-X01', '99-D01', '99']);
    expect(rollUpChain('12345', lookup)).toEqual(['12345']);
  });

  it('expects the communes valid then to report: the old ones before the 2025-07-01 reform, the merged ones after', () => {
    expect(reportingCommunes('99', bounds('2025Q1'), lookup).map((u) => u.code)).toEqual([
      '99-X01',
      '99-X02',
    ]);
    expect(reportingCommunes('99', bounds('2026Q1'), lookup).map((u) => u.code)).toEqual([
      '99001',
      '99005',
    ]);
    // A year across the reform expects both generations.
    expect(reportingCommunes('99', bounds('2025'), lookup)).toHaveLength(4);
  });

  it('refuses a unit that did not exist during the period (422 naming unitCode)', () => {
    expect(() => requireReportingUnit('99005', bounds('2025Q1'), lookup)).toThrow(/did not exist/);
    expect(() => requireReportingUnit('99-X01', bounds('2026Q1'), lookup)).toThrow(
      expect.objectContaining({ options: expect.objectContaining({ field: 'unitCode' }) }),
    );
    expect(() => requireReportingUnit('00000', bounds('2026Q1'), lookup)).toThrow(
      /Administrative unit 00000 is not known/,
    );
    expect(requireReportingUnit('99-X01', bounds('2025S1'), lookup).code).toBe('99-X01');
  });
});
