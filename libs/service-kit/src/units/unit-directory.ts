import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** An administrative unit as data: codes and parents change with reforms, so each has validity dates. */
export const adminUnitSchema = z.object({
  code: z.string().regex(/^[0-9A-Za-z-]{2,12}$/),
  name: z.string().min(1),
  level: z.enum(['province', 'district', 'commune']),
  parent: z.string().optional(),
  validFrom: localDate,
  validTo: localDate.optional(),
  /** Code of the unit that took over this one after a merger, if any. */
  successor: z.string().optional(),
});
export type AdminUnit = z.output<typeof adminUnitSchema>;

const fileSchema = z.object({ units: z.array(adminUnitSchema).min(1) });

/** Read access to the administrative units the platform knows. */
export interface UnitDirectory {
  get(code: string): AdminUnit | undefined;
  list(filter?: { level?: AdminUnit['level']; parent?: string; validOn?: string }): AdminUnit[];
  /** True when `code` is `ancestor` or lies inside it (through any historic parent chain). */
  isWithin(code: string, ancestor: string): boolean;
  /** The province a unit belongs to. */
  provinceOf(code: string): AdminUnit | undefined;
}

/** The demo province shipped with the platform (used when ADMIN_UNITS_FILE is not set). */
export const demoUnitsFile = fileURLToPath(
  new URL('../../data/admin-units.demo.yaml', import.meta.url),
);

/** Loads units from a YAML file and checks that every parent exists. */
export function loadUnitDirectory(file: string = demoUnitsFile): UnitDirectory {
  const parsed = fileSchema.parse(parse(readFileSync(file, 'utf8')));
  return createUnitDirectory(parsed.units);
}

/** Builds a directory from unit records. */
export function createUnitDirectory(units: readonly AdminUnit[]): UnitDirectory {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  for (const unit of units) {
    if (unit.parent && !byCode.has(unit.parent)) {
      throw new Error(`unit ${unit.code} names unknown parent ${unit.parent}`);
    }
  }
  const ancestorsOf = (code: string): string[] => {
    const chain: string[] = [];
    let current = byCode.get(code);
    while (current && chain.length < 10) {
      chain.push(current.code);
      current = current.parent ? byCode.get(current.parent) : undefined;
    }
    return chain;
  };
  return {
    get: (code) => byCode.get(code),
    list(filter = {}) {
      return units.filter(
        (unit) =>
          (!filter.level || unit.level === filter.level) &&
          (!filter.parent || unit.parent === filter.parent) &&
          (!filter.validOn ||
            (unit.validFrom <= filter.validOn &&
              (!unit.validTo || filter.validOn <= unit.validTo))),
      );
    },
    isWithin: (code, ancestor) => ancestorsOf(code).includes(ancestor),
    provinceOf(code) {
      const top = ancestorsOf(code).at(-1);
      const unit = top ? byCode.get(top) : undefined;
      return unit?.level === 'province' ? unit : undefined;
    },
  };
}
