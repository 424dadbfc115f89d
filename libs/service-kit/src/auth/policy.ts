import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { errorCode, NotAllowedError } from '@rehab/domain-kit';
import { agencies, type Principal } from './principal.ts';
import type { UnitDirectory } from '../units/unit-directory.ts';

/**
 * `unit`: the record's administrative unit must be the caller's unit or inside it
 * (a commune officer acts in the commune, a provincial role in the whole province);
 * `any`: no jurisdiction check (e.g. IT auditors, reference data).
 */
const ruleSchema = z.object({
  agency: z.enum(agencies),
  roles: z.array(z.string().min(1)).min(1),
  scope: z.enum(['unit', 'any']).default('unit'),
});

const policyFileSchema = z.object({
  service: z.string().min(1),
  operations: z.record(
    z
      .string()
      .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'operation ids look like person.register'),
    z.object({ summary: z.string().optional(), allow: z.array(ruleSchema) }),
  ),
});

export type PolicyRule = z.output<typeof ruleSchema>;
export type PolicyDocument = z.output<typeof policyFileSchema>;

const operationRefused = errorCode(
  'operation-not-allowed',
  'Agency "{agency}" with roles [{roles}] may not perform {operation}',
  'Cơ quan "{agency}" với vai trò [{roles}] không được thực hiện thao tác {operation}',
);
const outsideJurisdiction = errorCode(
  'outside-jurisdiction',
  'Unit {unit} is outside your jurisdiction ({orgUnit}) for {operation}',
  'Đơn vị {unit} nằm ngoài địa bàn quản lý của bạn ({orgUnit}) đối với thao tác {operation}',
);

/** A service's access policy: which agency and role may perform which operation, and where. */
export interface Policy {
  readonly document: PolicyDocument;
  /** Rules granting `operation` to this principal; throws 403 with the reason when none. */
  rulesFor(principal: Principal, operation: string): PolicyRule[];
  /** Throws 403 when no granting rule covers `unitCode` for this principal. */
  requireJurisdiction(principal: Principal, operation: string, unitCode: string): void;
  /** True when the principal's grant for `operation` covers every unit (scope `any` or the province). */
  coversUnit(principal: Principal, operation: string, unitCode: string): boolean;
}

/** Reads and validates a policy file; an unknown operation id in code is a start-up error elsewhere. */
export function loadPolicy(file: string, units: UnitDirectory): Policy {
  return createPolicy(policyFileSchema.parse(parse(readFileSync(file, 'utf8'))), units);
}

/** Builds a policy from its document. */
export function createPolicy(document: PolicyDocument, units: UnitDirectory): Policy {
  const rulesFor = (principal: Principal, operation: string): PolicyRule[] => {
    const granting = (document.operations[operation]?.allow ?? []).filter(
      (rule) =>
        rule.agency === principal.agency &&
        rule.roles.some((role) => principal.roles.includes(role)),
    );
    if (granting.length === 0) {
      throw new NotAllowedError(operationRefused, {
        params: { agency: principal.agency, roles: principal.roles.join(', '), operation },
      });
    }
    return granting;
  };
  const covers = (principal: Principal, rules: PolicyRule[], unitCode: string) =>
    rules.some((rule) => rule.scope === 'any' || units.isWithin(unitCode, principal.orgUnit));
  return {
    document,
    rulesFor,
    requireJurisdiction(principal, operation, unitCode) {
      if (!covers(principal, rulesFor(principal, operation), unitCode)) {
        throw new NotAllowedError(outsideJurisdiction, {
          params: { unit: unitCode, orgUnit: principal.orgUnit, operation },
        });
      }
    },
    coversUnit: (principal, operation, unitCode) =>
      covers(principal, rulesFor(principal, operation), unitCode),
  };
}
