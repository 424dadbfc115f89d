import { describe, expect, it } from 'vitest';
import type { CertifiedFacility } from './certification.ts';
import { ctx, facility, input, open, withEvidence } from './determination-fixtures.ts';
import { conclude } from './conclusion.ts';
import {
  assignFacility,
  facilityHistoryOf,
  firstAssignedOn,
  reassignFacility,
  type AssignmentPlace,
} from './facility-assignment.ts';
import { expectDomainError, rules } from './test-support.ts';

const certified = (id: string, unitCode: string, extra: Partial<CertifiedFacility> = {}) => ({
  id,
  name: `Cơ sở ${id}`,
  unitCode,
  certifiedFrom: '2025-01-01',
  certifiedTo: '2027-12-31',
  ...extra,
});
// Communes 99001 and 99002 lie in province 99; 98001 in province 98.
const place = (communeCode: string): AssignmentPlace => ({
  communeCode,
  provinceCode: communeCode.slice(0, 2),
  provinceOf: (unitCode) => unitCode.slice(0, 2),
});
const order = rules.facilityAssignmentOrder('2026-03-01').order;

describe('assigning a referral to a certified facility (rule: commune, then province)', () => {
  it('reads the order from the rulebook, marked unconfirmed, for both regimes', () => {
    expect(order).toEqual(['commune', 'province']);
    expect(rules.facilityAssignmentOrder('2026-08-01')).toMatchObject({
      order: ['commune', 'province'],
      confirmed: false,
    });
  });

  it("prefers the facility certified in the person's own commune", () => {
    const facilities = [certified('p', '99002'), certified('c', '99001')];
    expect(assignFacility(facilities, place('99001'), '2026-03-01', order)).toMatchObject({
      facility: { id: 'c' },
      scope: 'commune',
    });
  });

  it('falls back to a facility anywhere in the province, never another province', () => {
    const facilities = [certified('other', '98001'), certified('prov', '99002')];
    expect(assignFacility(facilities, place('99001'), '2026-03-01', order)).toMatchObject({
      facility: { id: 'prov' },
      scope: 'province',
    });
    expect(assignFacility([certified('other', '98001')], place('99001'), '2026-03-01', order)).toBe(
      undefined,
    );
  });

  it('counts only facilities certified on the referral date', () => {
    const lapsed = certified('old', '99001', { certifiedTo: '2026-02-28' });
    const facilities = [lapsed, certified('prov', '99002')];
    expect(assignFacility(facilities, place('99001'), '2026-03-01', order)?.facility.id).toBe(
      'prov',
    );
    expect(assignFacility(facilities, place('99001'), '2026-02-28', order)?.facility.id).toBe(
      'old',
    );
  });

  it('chooses the same facility whatever order storage returns them in', () => {
    const a = certified('a', '99002', { certifiedFrom: '2024-01-01' });
    const b = certified('b', '99002', { certifiedFrom: '2025-01-01' });
    expect(assignFacility([b, a], place('99001'), '2026-03-01', order)?.facility.id).toBe('a');
    expect(assignFacility([a, b], place('99001'), '2026-03-01', order)?.facility.id).toBe('a');
  });

  it('follows an order that names the province only', () => {
    const facilities = [certified('c', '99001'), certified('p', '99002', { name: 'A' })];
    expect(assignFacility(facilities, place('99001'), '2026-03-01', ['province'])).toMatchObject({
      facility: { id: 'p' },
      scope: 'province',
    });
  });
});

describe('reassigning an open determination', () => {
  const other = certified('f-2', 'XA-002');

  it('keeps both facilities in the history, and the legal time from the first', () => {
    const moved = reassignFacility(open(), other, {
      reason: 'Quá tải',
      on: '2026-02-05',
      by: 'admin-1',
    });
    expect(moved.facilityId).toBe('f-2');
    expect(facilityHistoryOf(moved)).toEqual([
      { facilityId: 'f-1', assignedOn: '2026-02-01', basis: 'chosen' },
      {
        facilityId: 'f-2',
        assignedOn: '2026-02-05',
        basis: 'reassigned',
        reason: 'Quá tải',
        by: 'admin-1',
      },
    ]);
    expect(firstAssignedOn(moved)).toBe('2026-02-01');
  });

  it('refuses the facility it already has, and one not certified that day', () => {
    expectDomainError(
      () => reassignFacility(open(), facility, { reason: 'x', on: '2026-02-05', by: 'a' }),
      'same-facility',
      'rule-violated',
    );
    const lapsed = { ...other, certifiedTo: '2026-01-31' };
    expectDomainError(
      () => reassignFacility(open(), lapsed, { reason: 'x', on: '2026-02-05', by: 'a' }),
      'facility-not-certified',
      'rule-violated',
    );
  });

  it('refuses once concluded: the conclusion is that facility’s', () => {
    const { determination: concluded } = conclude(withEvidence(), input(), ctx);
    expectDomainError(
      () => reassignFacility(concluded, other, { reason: 'x', on: '2026-03-10', by: 'a' }),
      'facility-fixed-on-conclusion',
      'rule-violated',
    );
  });

  it('reads a determination stored before the history existed as assigned on its request', () => {
    const { facilityHistory: _gone, ...legacy } = open();
    expect(facilityHistoryOf(legacy)).toEqual([
      { facilityId: 'f-1', assignedOn: '2026-02-01', basis: 'chosen' },
    ]);
  });
});
